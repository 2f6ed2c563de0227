import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

/// Turns a building's assessment into the summaries of its flats: what
/// matching keeps. Runs where the building is assessed (on the workers),
/// so the planner's paths are found beside the check.
public struct FlatSummariser: Sendable {
  /// The mapping of needs to rules.
  public let mapping: NeedMapping
  /// The classes of the ladder, lowest first.
  public let classes: [String]
  /// The planner, for the "suits after an upgrade" group; nil: no
  /// upgrades (every fail then does not suit).
  public let planner: UpgradePlanner?
  /// For each need of the mapping: its class's index, and its rules.
  private let requirements: [(index: Int, rules: Set<String>?)]
  /// The lowest class that binds `route.step-free` and `flat.steps`: the
  /// paths that make a route or a flat step-free are asked for there.
  private let routeClass: Int?
  private let flatClass: Int?

  /// A summariser for `mapping` on `ladder`, with `planner` for upgrades.
  public init(mapping: NeedMapping, ladder: Ladder, planner: UpgradePlanner?) {
    self.mapping = mapping
    self.planner = planner
    classes = ladder.profiles.map(\.class)
    let classes = self.classes
    requirements = mapping.needs.map { need in
      (classes.firstIndex(of: need.class) ?? classes.count - 1, need.rules.map(Set.init))
    }
    routeClass = ladder.profiles.firstIndex {
      $0.bindings.contains { $0.rule == "route.step-free" }
    }
    flatClass = ladder.profiles.firstIndex { $0.bindings.contains { $0.rule == "flat.steps" } }
  }

  /// The summaries of the flats of `assessment` (which must carry its
  /// building), in the building's order.
  public func summaries(of assessment: BuildingAssessment) -> [FlatSummary] {
    guard let building = assessment.building else { return [] }
    let address = assessment.address.map(Self.line)
    return zip(building.flats, assessment.flats).map { flat, assessed in
      summary(
        of: flat, assessed: assessed, in: building, quarter: assessment.quarter,
        address: address)
    }
  }

  private static func line(_ address: Address) -> String {
    [
      [address.street, address.houseNumber].compactMap { $0 }.joined(separator: " "),
      [address.postcode, address.city].compactMap { $0 }.joined(separator: " "),
    ].filter { !$0.isEmpty }.joined(separator: ", ")
  }

  func summary(
    of flat: Flat, assessed: FlatAssessment, in building: Building, quarter: String?,
    address: String?
  ) -> FlatSummary {
    var paths: [Int: UpgradePath] = [:]
    func path(to index: Int) -> UpgradePath? {
      guard let planner else { return nil }
      if let known = paths[index] { return known }
      let found = planner.path(forFlat: flat.id, of: building, toClassAt: index)
      paths[index] = found
      return found
    }
    let needs = requirements.map { requirement in
      outcome(of: assessed, at: requirement.index, rules: requirement.rules, path: path)
    }
    let routeSteps = StepRoutes.fewestSteps(in: building, to: flat.entrance)
    let flatSteps = StepRoutes.stepsInside(flat)
    var liftRoute: Bool?
    if let routeSteps {
      if flat.storey == nil {
        liftRoute = nil
      } else if routeSteps.count == 0 && routeSteps.exact {
        liftRoute = true
      } else {
        liftRoute =
          StepRoutes.fewestSteps(in: building, to: flat.entrance, withoutStairs: true) != nil
      }
    }
    var routeUpgrade: NeedUpgrade?
    if let routeSteps, routeSteps.count > 0, let routeClass, let found = path(to: routeClass) {
      routeUpgrade = Self.upgrade(from: found, for: ["route.step-free"])
    }
    var flatUpgrade: NeedUpgrade?
    if flatSteps.count > 0, let flatClass, let found = path(to: flatClass) {
      flatUpgrade = Self.upgrade(from: found, for: ["flat.steps"])
    }
    return FlatSummary(
      building: building.id, flat: flat.id, number: flat.number, quarter: quarter,
      address: address, storey: flat.storey,
      classification: assessed.classification,
      bedrooms: flat.rooms.isEmpty ? nil : flat.rooms.count { $0.kind == .bedroom },
      routeSteps: routeSteps, flatSteps: flatSteps, liftRoute: liftRoute, needs: needs,
      routeStepUpgrade: routeUpgrade, flatStepUpgrade: flatUpgrade, reach: [:])
  }

  /// Reasons kept per need: enough to decide and to tell, not every fail.
  static let keptReasons = 3

  private func outcome(
    of assessed: FlatAssessment, at index: Int, rules: Set<String>?,
    path: (Int) -> UpgradePath?
  ) -> NeedOutcome {
    var fails: [Finding] = []
    var unknowns: [Finding] = []
    let levels =
      rules == nil ? Array(assessed.results.prefix(index + 1)) : [assessed.results[index]]
    for level in levels {
      for finding in level.findings where finding.isOpen {
        guard rules?.contains(finding.rule) ?? true else { continue }
        if finding.status == .fail {
          if !fails.contains(where: { $0.rule == finding.rule && $0.path == finding.path }) {
            fails.append(finding)
          }
        } else if !unknowns.contains(where: { $0.rule == finding.rule && $0.path == finding.path })
        {
          unknowns.append(finding)
        }
      }
    }
    if fails.isEmpty && unknowns.isEmpty { return .pass }
    var failingRules: [String] = []
    for fail in fails where !failingRules.contains(fail.rule) { failingRules.append(fail.rule) }
    var upgrade: NeedUpgrade?
    if !fails.isEmpty, let found = path(index) {
      upgrade = Self.upgrade(from: found, for: failingRules)
    }
    // The fails no measure clears decide: they come first.
    let uncleared = Set(upgrade?.uncleared ?? failingRules)
    fails =
      fails.filter { uncleared.contains($0.rule) } + fails.filter { !uncleared.contains($0.rule) }
    return NeedOutcome(
      status: fails.isEmpty ? .unknown : .fail,
      failing: fails.prefix(Self.keptReasons).map(Self.words),
      failingRules: failingRules,
      toMeasure: unknowns.prefix(Self.keptReasons).map(Self.words),
      unknownCount: unknowns.count, upgrade: upgrade)
  }

  /// The jobs of `path` that clear one of `rules`, and whether they clear
  /// them all.
  static func upgrade(from path: UpgradePath, for rules: [String]) -> NeedUpgrade {
    let jobs = path.jobs.filter { job in job.clears.contains(where: rules.contains) }
    let cleared = Set(jobs.flatMap(\.clears))
    let unmet = Set(path.noKnownMeasure.map(\.rule))
    let uncleared = rules.filter { unmet.contains($0) || !cleared.contains($0) }
    return NeedUpgrade(
      target: path.target,
      jobs: jobs.map { job in
        MatchJob(
          measure: job.measure,
          element: job.element.steps.last.map { "\($0.kind) \($0.name)" } ?? "",
          clears: job.clears, low: job.cost.low, high: job.cost.high, fromPrice: job.cost.atLeast,
          survey: !job.survey.isEmpty)
      },
      clearsAll: !jobs.isEmpty && uncleared.isEmpty, uncleared: uncleared)
  }

  /// `door b1-f2-d-bath: clear width …`: the element and the message.
  static func words(_ finding: Finding) -> String {
    let element = finding.path.steps.last.map { "\($0.kind) \($0.name)" } ?? "flat"
    return "\(finding.rule) at \(element): \(finding.evaluation.message)"
  }
}
