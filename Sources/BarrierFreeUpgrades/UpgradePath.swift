import BarrierFreeModel
import BarrierFreeRules

/// One measure applied to one element: a line of an upgrade path.
public struct Job: Sendable, Hashable {
  /// The measure's id in the catalogue.
  public var measure: String
  /// The measure's title, in a tradesperson's words.
  public var title: String
  /// The element it changes (`building b1 › flat b1-f12 › door b1-f12-d-bath`).
  public var element: ElementPath
  /// The rules whose fails it clears there.
  public var clears: [String]
  /// How many of the measure's unit it takes.
  public var quantity: Double
  /// The unit of ``quantity``.
  public var unit: QuantityUnit
  /// The cost of this job: the measure's range times ``quantity``.
  public var cost: CostRange
  /// Why it cannot be priced without a survey; empty: it can.
  public var survey: [SurveyCondition]
  /// True when the element is the building's (an entrance ramp, a lift),
  /// not the flat's: one cost for every flat it serves.
  public var shared: Bool
}

/// What it takes to lift one flat to one class of the profile's ladder.
public struct UpgradePath: Sendable, Hashable {
  /// The class the path leads to.
  public var target: String
  /// The measures, in the order the fails were met.
  public var jobs: [Job]
  /// The fails for which the catalogue has no measure that clears them
  /// (a bathroom too small for the turning circle): the path cannot reach
  /// the target while any is left.
  public var noKnownMeasure: [Finding]
  /// The unknowns at the target and below after the measures: each may
  /// add cost once measured.
  public var unknowns: [Finding]
  /// Whether the changed flat, assessed again, reaches the target (with
  /// unknowns, unverified).
  public var reaches: Bool

  /// The sum of the jobs' ranges, EUR; shared jobs count in full.
  public var cost: (low: Double, high: Double) {
    jobs.reduce((0, 0)) { ($0.0 + $1.cost.low, $0.1 + $1.cost.high) }
  }

  /// Whether a job needs a survey before it can be priced.
  public var needsSurvey: Bool { jobs.contains { !$0.survey.isEmpty } }

  /// Paths are equal when their parts are; the cost follows from the jobs.
  public static func == (lhs: UpgradePath, rhs: UpgradePath) -> Bool {
    (lhs.target, lhs.jobs, lhs.noKnownMeasure, lhs.unknowns, lhs.reaches)
      == (rhs.target, rhs.jobs, rhs.noKnownMeasure, rhs.unknowns, rhs.reaches)
  }

  /// Hashes the parts compared by `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(target)
    hasher.combine(jobs)
    hasher.combine(noKnownMeasure)
    hasher.combine(unknowns)
    hasher.combine(reaches)
  }
}

/// Finds, for each flat, what it takes to reach each class above its own:
/// applies the cheapest measure for each fail to the model and assesses the
/// changed building again, until the flat reaches the class or no measure
/// is left.
///
/// The choice per fail is greedy (the measure with the lowest mid-range
/// cost for that element); a measure that does not clear the fail it was
/// chosen for is a catalogue error and ends the path with
/// ``UpgradePath/reaches`` false.
public struct UpgradePlanner: Sendable {
  /// The assessor of the profile whose ladder the paths climb.
  public let assessor: Assessor
  /// The measures to choose from.
  public let measures: [Measure]

  /// A planner over `assessor`'s ladder with `measures`.
  public init(assessor: Assessor, measures: [Measure]) {
    self.assessor = assessor
    self.measures = measures
  }

  /// The upgrade paths of the flat `flatID` of `building`: one per class
  /// above the flat's own, lowest first.
  public func paths(forFlat flatID: String, of building: Building) -> [UpgradePath] {
    let ladder = assessor.ladder.levels.map(\.level)
    let before = assessor.assess(building).flats.first { $0.id == flatID }
    guard let before else { return [] }
    let reached = ladder.firstIndex(of: before.classification.level) ?? -1
    return ladder.indices.dropFirst(reached + 1).map { target in
      path(forFlat: flatID, of: building, to: target)
    }
  }

  /// The path of one flat to the class at `target` in the ladder.
  func path(forFlat flatID: String, of original: Building, to target: Int) -> UpgradePath {
    var building = original
    var jobs: [Job] = []
    var noMeasure: [Finding] = []
    // Fails a measure was applied for, and fails no measure clears.
    var attempted: Set<FailKey> = []
    var unmet: Set<FailKey> = []
    var catalogueError = false
    while true {
      guard let flat = assessor.assess(building).flats.first(where: { $0.id == flatID })
      else { break }
      // Higher classes first: their requirement also meets the lower ones'.
      let fails = flat.levels.prefix(target + 1).reversed().flatMap { level in
        level.findings.filter { $0.status == .fail }
      }
      let open = fails.filter { !attempted.contains(FailKey($0)) && !unmet.contains(FailKey($0)) }
      if fails.contains(where: { attempted.contains(FailKey($0)) }) {
        catalogueError = true
      }
      guard let fail = open.first, !catalogueError else {
        let unknowns = flat.levels.prefix(target + 1).flatMap { level in
          level.findings.filter { $0.status == .unknown }
        }
        let reaches = fails.isEmpty && flat.levels.count > target
        return UpgradePath(
          target: flat.levels[target].level, jobs: jobs, noKnownMeasure: noMeasure,
          unknowns: Self.unique(unknowns), reaches: reaches)
      }
      guard let (job, changed) = cheapest(for: fail, in: building) else {
        unmet.insert(FailKey(fail))
        noMeasure.append(fail)
        continue
      }
      attempted.insert(FailKey(fail))
      building = changed
      if let same = jobs.firstIndex(where: {
        $0.measure == job.measure && $0.element == job.element
      }) {
        jobs[same].clears.append(contentsOf: job.clears.filter { !jobs[same].clears.contains($0) })
      } else {
        jobs.append(job)
      }
    }
    return UpgradePath(
      target: assessor.ladder.levels[target].level, jobs: jobs, noKnownMeasure: noMeasure,
      unknowns: [], reaches: false)
  }

  /// The cheapest measure that applies to `fail`'s element, as a job, and
  /// the building it changes; nil when none does.
  func cheapest(for fail: Finding, in building: Building) -> (Job, Building)? {
    let kind = fail.path.steps.last?.kind ?? ""
    var best: (job: Job, building: Building, middle: Double)?
    for measure in measures {
      guard measure.clears.contains(where: { $0.rule == fail.rule && $0.covers(kind) }) else {
        continue
      }
      guard let changed = try? apply(measure, for: fail, to: building) else { continue }
      let quantity = 1.0
      let cost = measure.cost.scaled(by: quantity)
      let middle = (cost.low + cost.high) / 2
      if let current = best, current.middle <= middle { continue }
      let job = Job(
        measure: measure.id, title: measure.title, element: fail.path, clears: [fail.rule],
        quantity: quantity, unit: measure.unit, cost: cost, survey: measure.surveyWhen,
        shared: !fail.path.steps.contains { $0.kind == "flat" })
      best = (job, changed, middle)
    }
    return best.map { ($0.job, $0.building) }
  }

  /// `building` with `measure`'s changes made on `fail`'s element.
  func apply(_ measure: Measure, for fail: Finding, to building: Building) throws(ChangeError)
    -> Building
  {
    var changed = building
    for change in measure.changes {
      switch change {
      case .set(let attribute, let value):
        changed = try changed.setting(
          attribute, to: value, at: fail.path, required: fail.evaluation.required)
      case .rampForSteps, .liftStop:
        throw ChangeError("\(measure.id): \(change) is not applied yet")
      }
    }
    return changed
  }

  /// `findings` with each rule and element once.
  static func unique(_ findings: [Finding]) -> [Finding] {
    var seen: Set<FailKey> = []
    return findings.filter { seen.insert(FailKey($0)).inserted }
  }
}

/// A fail's rule and element: the same fail at several classes is one.
struct FailKey: Hashable {
  let rule: String
  let path: ElementPath

  init(_ finding: Finding) {
    rule = finding.rule
    path = finding.path
  }
}

extension ClearedRule {
  /// Whether the measure acts on an element of kind `kind` (`door`).
  func covers(_ kind: String) -> Bool {
    scope.isEmpty || scope.contains(kind)
  }
}
