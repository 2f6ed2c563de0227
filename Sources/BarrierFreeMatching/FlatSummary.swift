import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

/// Where a flat stands for a household.
public enum MatchStatus: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
  /// It suits now: every need is shown met.
  case suits
  /// It suits once the measures of the upgrade planner are done.
  case afterUpgrade
  /// It is not known: a need is not measured, none fails.
  case notKnown
  /// A need fails and no measure of the catalogue clears it.
  case doesNotSuit

  /// Pass, fail or unknown: what one need finds.
  public enum Simple: Sendable, Hashable {
    case pass, fail, unknown
  }

  /// The order of the groups in reports.
  public static func < (lhs: MatchStatus, rhs: MatchStatus) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }

  /// Words for reports.
  public var title: String {
    switch self {
    case .suits: "suits now"
    case .afterUpgrade: "suits after an upgrade"
    case .notKnown: "not known"
    case .doesNotSuit: "does not suit"
    }
  }
}

/// One measure of an upgrade on one element, as matching keeps it.
public struct MatchJob: Sendable, Hashable {
  /// The measure's catalogue id.
  public var measure: String
  /// The element it changes.
  public var element: String
  /// The rules it clears there.
  public var clears: [String]
  /// Its cost range, EUR.
  public var low: Double
  /// The upper end; a lower bound when ``fromPrice``.
  public var high: Double
  /// Whether the price is a "from" price.
  public var fromPrice: Bool
  /// Whether a survey must confirm it.
  public var survey: Bool

  /// Creates a job.
  public init(
    measure: String, element: String, clears: [String], low: Double, high: Double,
    fromPrice: Bool = false, survey: Bool = false
  ) {
    self.measure = measure
    self.element = element
    self.clears = clears
    self.low = low
    self.high = high
    self.fromPrice = fromPrice
    self.survey = survey
  }
}

/// What the upgrade planner says it takes to meet one need.
public struct NeedUpgrade: Sendable, Hashable {
  /// The class whose path the jobs come from.
  public var target: String
  /// The jobs that clear the need's fails.
  public var jobs: [MatchJob]
  /// Whether the jobs clear every fail of the need.
  public var clearsAll: Bool
  /// The failing rules no job clears: what decides that the need cannot be
  /// met.
  public var uncleared: [String] = []

  /// Creates an upgrade.
  public init(target: String, jobs: [MatchJob], clearsAll: Bool, uncleared: [String] = []) {
    self.target = target
    self.jobs = jobs
    self.clearsAll = clearsAll
    self.uncleared = uncleared
  }
}

/// What one need finds in one flat.
public struct NeedOutcome: Sendable, Hashable {
  /// Pass, fail or unknown.
  public var status: MatchStatus.Simple
  /// The first few fails, the deciding one (no measure clears it) first.
  /// Findings, not words: the words are made for the flats a report lists
  /// (making them for every need of every flat was a seventh of a match).
  public var fails: [Finding]
  /// The first few things not measured.
  public var unknowns: [Finding]
  /// Words that go before the fails' (a need not planned, and why).
  public var notes: [String]
  /// Words that go before the unknowns'.
  public var measureNotes: [String]
  /// The rules that fail.
  public var failingRules: [String]
  /// How many things are not measured.
  public var unknownCount: Int
  /// The planner's way to clear the fails, when it has one.
  public var upgrade: NeedUpgrade?

  /// Creates an outcome; `failing` and `toMeasure` are words of their own,
  /// before those of `fails` and `unknowns`.
  public init(
    status: MatchStatus.Simple, failing: [String] = [], failingRules: [String] = [],
    toMeasure: [String] = [], unknownCount: Int = 0, upgrade: NeedUpgrade? = nil,
    fails: [Finding] = [], unknowns: [Finding] = []
  ) {
    self.status = status
    self.notes = failing
    self.measureNotes = toMeasure
    self.fails = fails
    self.unknowns = unknowns
    self.failingRules = failingRules
    self.unknownCount = unknownCount
    self.upgrade = upgrade
  }

  /// The fails in words (`shower.step at shower s: step 80 mm; …`).
  public var failing: [String] { notes + fails.map(NeedOutcome.words) }

  /// What is not measured, in words.
  public var toMeasure: [String] { measureNotes + unknowns.map(NeedOutcome.words) }

  /// `rule at kind name: message`.
  public static func words(_ finding: Finding) -> String {
    let element = finding.path.steps.last.map { "\($0.kind) \($0.name)" } ?? "flat"
    return "\(finding.rule) at \(element): \(finding.evaluation.message)"
  }

  /// A pass.
  public static let pass = NeedOutcome(status: .pass)
}

/// How far a flat is from a quarter facility.
public struct FacilityReach: Sendable, Hashable {
  /// Pass: step-free; fail: only with steps or worse; unknown: not known.
  public var status: FindingStatus
  /// The way's length where every part of it is measured.
  public var length: Length?
  /// What blocks it or is not measured on it, the first note.
  public var note: String?
  /// The facility's id.
  public var facility: String

  /// Creates a reach.
  public init(status: FindingStatus, length: Length?, note: String?, facility: String) {
    self.status = status
    self.length = length
    self.note = note
    self.facility = facility
  }
}

/// What matching keeps of one flat: its facts and what each need of the
/// mapping finds there. A few hundred bytes, where the flat's assessment
/// took tens of kilobytes: matching keeps every flat of a portfolio, not
/// its buildings.
public struct FlatSummary: Sendable, Hashable {
  /// The building's id.
  public var building: String
  /// The flat's id.
  public var flat: String
  /// The flat's number.
  public var number: String?
  /// The quarter of the building.
  public var quarter: String?
  /// The building's address in one line.
  public var address: String?
  /// The storey of the flat.
  public var storey: Int?
  /// Its class on the check's ladder.
  public var classification: Classification
  /// Bedrooms recorded; nil when the flat has no rooms recorded.
  public var bedrooms: Int?
  /// The fewest steps from the street to the flat's door; nil: no route
  /// recorded.
  public var routeSteps: StepCount?
  /// The fewest steps from the door to the flat's farthest room.
  public var flatSteps: StepCount
  /// Whether a route climbs no storey by stairs: nil when no route is
  /// recorded or the storeys of the places are not.
  public var liftRoute: Bool?
  /// What each need of the mapping finds, in the mapping's order.
  public var needs: [NeedOutcome]
  /// The planner's way to a step-free route, when the route has steps.
  public var routeStepUpgrade: NeedUpgrade?
  /// The planner's way to a step-free flat, when it has steps inside.
  public var flatStepUpgrade: NeedUpgrade?
  /// The reach of the café (`cafe`) and the care base (`careBase`), when
  /// the building is in a quarter.
  public var reach: [String: FacilityReach]

  /// Creates a summary; ``FlatSummariser`` makes them from assessments.
  public init(
    building: String, flat: String, number: String? = nil, quarter: String? = nil,
    address: String? = nil, storey: Int?, classification: Classification, bedrooms: Int?,
    routeSteps: StepCount?, flatSteps: StepCount, liftRoute: Bool?, needs: [NeedOutcome],
    routeStepUpgrade: NeedUpgrade? = nil, flatStepUpgrade: NeedUpgrade? = nil,
    reach: [String: FacilityReach] = [:]
  ) {
    self.building = building
    self.flat = flat
    self.number = number
    self.quarter = quarter
    self.address = address
    self.storey = storey
    self.classification = classification
    self.bedrooms = bedrooms
    self.routeSteps = routeSteps
    self.flatSteps = flatSteps
    self.liftRoute = liftRoute
    self.needs = needs
    self.routeStepUpgrade = routeStepUpgrade
    self.flatStepUpgrade = flatStepUpgrade
    self.reach = reach
  }
}
