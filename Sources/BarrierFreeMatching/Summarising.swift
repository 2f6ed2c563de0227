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
  /// The classes that bind `route.step-free`, and `flat.steps`.
  private let routeClasses: Set<Int>
  private let flatClasses: Set<Int>
  /// The most failing rules a need may have for the planner to be asked;
  /// 0: no limit.
  public let upgradeLimit: Int

  /// By default every need is planned (0: no limit). A limit leaves needs
  /// that fail more rules to "does not suit, not planned": a match is for
  /// near misses, and a path to R for a flat that fails a dozen rules costs
  /// the planner dozens of trial assessments. Once a rule no measure clears
  /// decides without a path, the limit made no measurable difference on
  /// 1,000 generated buildings (Benchmarks/README.md), so it is off.
  public static let defaultUpgradeLimit = 0

  /// A summariser for `mapping` on `ladder`, with `planner` for upgrades
  /// of needs that fail at most `upgradeLimit` rules (0: any number).
  public init(
    mapping: NeedMapping, ladder: Ladder, planner: UpgradePlanner?,
    upgradeLimit: Int = defaultUpgradeLimit
  ) {
    self.mapping = mapping
    self.planner = planner
    self.upgradeLimit = upgradeLimit
    classes = ladder.profiles.map(\.class)
    let classes = self.classes
    requirements = mapping.needs.map { need in
      (classes.firstIndex(of: need.class) ?? classes.count - 1, need.rules.map(Set.init))
    }
    routeClass = ladder.profiles.firstIndex {
      $0.bindings.contains { $0.rule == "route.step-free" }
    }
    flatClass = ladder.profiles.firstIndex { $0.bindings.contains { $0.rule == "flat.steps" } }
    routeClasses = Set(
      ladder.profiles.indices.filter { index in
        ladder.profiles[index].bindings.contains { $0.rule == "route.step-free" }
      })
    flatClasses = Set(
      ladder.profiles.indices.filter { index in
        ladder.profiles[index].bindings.contains { $0.rule == "flat.steps" }
      })
  }

  /// The summaries of the flats of `assessment` (which must carry its
  /// building), in the building's order.
  public func summaries(of assessment: BuildingAssessment) -> [FlatSummary] {
    guard let building = assessment.building else { return [] }
    let address = assessment.address.map(Self.line)
    let routes = StepRoutes(building)
    return zip(building.flats, assessment.flats).map { flat, assessed in
      summary(
        of: flat, assessed: assessed, in: building, routes: routes, quarter: assessment.quarter,
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
    of flat: Flat, assessed: FlatAssessment, in building: Building, routes: StepRoutes,
    quarter: String?, address: String?
  ) -> FlatSummary {
    var paths: [Int: UpgradePath] = [:]
    func path(to index: Int) -> UpgradePath? {
      guard let planner else { return nil }
      if let known = paths[index] { return known }
      // The check's assessment starts the path: assessing the flat again
      // was one of the path's assessments.
      let found = planner.path(
        forFlat: flat.id, of: building, toClassAt: index, assessed: assessed)
      paths[index] = found
      return found
    }
    /// A path already found to a class that binds a rule of `classes`, else
    /// one to `lowest`: the route's steps are cleared the same on each.
    func path(among classes: Set<Int>, lowest: Int) -> UpgradePath? {
      if let known = paths.keys.sorted().first(where: classes.contains) { return paths[known] }
      return path(to: lowest)
    }
    // The open findings of each class, once: the needs look only at those
    // (going through every finding for each need was most of summarising).
    let open = assessed.results.map { $0.findings.filter(\.isOpen) }
    let needs = requirements.map { requirement in
      outcome(of: open, at: requirement.index, rules: requirement.rules, path: path)
    }
    let routeSteps = routes.fewestSteps(to: flat.entrance)
    let flatSteps = StepRoutes.stepsInside(flat)
    var liftRoute: Bool?
    if let routeSteps {
      if flat.storey == nil {
        liftRoute = nil
      } else if routeSteps.count == 0 && routeSteps.exact {
        liftRoute = true
      } else {
        liftRoute = routes.reachedWithoutStairs(flat.entrance)
      }
    }
    var routeUpgrade: NeedUpgrade?
    if let routeSteps, routeSteps.count > 0, let routeClass,
      let found = path(among: routeClasses, lowest: routeClass)
    {
      routeUpgrade = Self.upgrade(from: found, for: ["route.step-free"])
    }
    var flatUpgrade: NeedUpgrade?
    if flatSteps.count > 0, let flatClass, let found = path(among: flatClasses, lowest: flatClass) {
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
    of open: [[Finding]], at index: Int, rules: Set<String>?, path: (Int) -> UpgradePath?
  ) -> NeedOutcome {
    var fails: [Finding] = []
    var unknowns: [Finding] = []
    // The highest class first: where an element is open at several classes,
    // the need's own class's requirement is the one to tell (a wheelchair
    // user's door needs R's 900 mm, not barrier-free's 800 mm).
    let levels = rules == nil ? Array(open.prefix(index + 1).reversed()) : [open[index]]
    for level in levels {
      for finding in level {
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
    let planned = upgradeLimit == 0 || failingRules.count <= upgradeLimit
    // A rule no measure of the catalogue clears decides without a path (a
    // path is dozens of trial assessments).
    let unplannable = failingRules.filter { planner?.hasMeasure(for: $0) == false }
    if !unplannable.isEmpty {
      upgrade = NeedUpgrade(
        target: classes[index], jobs: [], clearsAll: false, uncleared: unplannable)
    } else if !fails.isEmpty, planned, let found = path(index) {
      upgrade = Self.upgrade(from: found, for: failingRules)
    }
    // The fails no measure clears decide: they come first.
    let uncleared = Set(upgrade?.uncleared ?? failingRules)
    fails =
      fails.filter { uncleared.contains($0.rule) } + fails.filter { !uncleared.contains($0.rule) }
    var notes: [String] = []
    if !fails.isEmpty && !planned {
      notes.append(
        "\(failingRules.count) rules fail (\(failingRules.prefix(3).joined(separator: ", "))"
          + (failingRules.count > 3 ? ", …" : "")
          + "), more than the \(upgradeLimit) an upgrade is planned for here")
    }
    return NeedOutcome(
      status: fails.isEmpty ? .unknown : .fail, failing: notes, failingRules: failingRules,
      unknownCount: unknowns.count, upgrade: upgrade,
      fails: Array(fails.prefix(Self.keptReasons)),
      unknowns: Array(unknowns.prefix(Self.keptReasons)))
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
}
