import BarrierFreeModel

/// What the route analysis found for one flat at one level: the best route
/// from a public way (or an accessible parking space) to the place in front
/// of the flat's entrance door, and what on it fails or is not measured.
public struct RouteSummary: Sendable, Hashable {
  /// How the search ended.
  public enum Outcome: String, Sendable, Hashable {
    /// The building records no public way and no accessible parking space.
    case noSource
    /// No chain of recorded connectors joins a source to the entrance.
    case unreachable
    /// A route was found (it may still fail or be unknown).
    case found
  }

  /// How the search ended.
  public var outcome: Outcome
  /// The place in front of the flat's entrance door.
  public var target: String
  /// The route: places, and the connectors between them (`door b1-d-main`).
  public var steps: [String]
  /// The connectors on the route that fail, with what fails.
  public var failing: [String]
  /// The connectors on the route with a measurement missing.
  public var unknown: [String]

  /// Creates a summary.
  public init(
    outcome: Outcome, target: String, steps: [String] = [], failing: [String] = [],
    unknown: [String] = []
  ) {
    self.outcome = outcome
    self.target = target
    self.steps = steps
    self.failing = failing
    self.unknown = unknown
  }
}

/// A flat is barrier-free only if it can be reached without steps: some
/// route from a public way (or an accessible parking space) to its entrance
/// door whose every connector passes the profile's rules for its kind. Steps
/// block unless a platform lift serves them; a lift counts only at the stops
/// it serves. The assessor finds the best route (fewest fails, then fewest
/// unknowns, then fewest connectors); this rule judges it.
public enum StepFreeRouteRule: Rule {
  /// `route.step-free` ("Step-free route to the flat"), citing DIN 18040-2, clause
  /// 4.2.3, 4.3. On a route to a flat it measures the best route over the building's places and
  /// connectors, from a public way or an accessible parking space to the place in front of the
  /// flat's entrance door. It takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "route.step-free", aliases: ["din18040-2.route.step-free"],
    title: "Step-free route to the flat",
    clause: "4.2.3, 4.3", reference: ["A7", "I4"], appliesTo: [.route],
    measures: "the best route over the building's places and connectors, from a public way or "
      + "an accessible parking space to the place in front of the flat's entrance door",
    parameters: [], remedy: "fix the connectors that block the route, or add a ramp or a lift")

  /// Checks a route to a flat; `nil` for any other element. A value the survey did not record never
  /// makes it pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .route(let route) = element else { return nil }
    switch route.outcome {
    case .noSource:
      return Evaluation(
        .unknown, message: "no public way or accessible parking space recorded for the building",
        remedy: "record the public way the building is reached from")
    case .unreachable:
      return Evaluation(
        .unknown,
        message: "no connection recorded from a public way to '\(route.target)'",
        remedy: "record the paths, doors, steps, ramps and lifts to the flat")
    case .found:
      let way = route.steps.joined(separator: " → ")
      if !route.failing.isEmpty {
        return Evaluation(
          .fail,
          message: "no step-free route to '\(route.target)': "
            + route.failing.joined(separator: "; "),
          remedy: "fix what blocks the best route (below), or add a ramp or a lift")
      }
      if !route.unknown.isEmpty {
        return Evaluation(
          .unknown,
          message: "route \(way) not verified: " + route.unknown.joined(separator: "; "),
          remedy: "measure the connectors on the route")
      }
      return Evaluation(.pass, message: "step-free route: \(way)")
    }
  }

  /// Examples: passes; steps: fails; unmeasured: unknown; no connection recorded: unknown; no
  /// public way recorded: unknown.
  public static var examples: [RuleExample] {
    let found = RouteSummary(
      outcome: .found, target: "landing", steps: ["street", "path p1", "entrance"])
    var failing = found
    failing.failing = ["steps s1: 3 steps between 'street' and 'entrance'"]
    var unknown = found
    unknown.unknown = ["path p1: width not measured"]
    return [
      RuleExample(.route(found), profile: barrierFree, expected: .pass, note: "passes"),
      RuleExample(.route(failing), profile: barrierFree, expected: .fail, note: "steps"),
      RuleExample(.route(unknown), profile: barrierFree, expected: .unknown, note: "unmeasured"),
      RuleExample(
        .route(RouteSummary(outcome: .unreachable, target: "landing")), profile: barrierFree,
        expected: .unknown, note: "no connection recorded"),
      RuleExample(
        .route(RouteSummary(outcome: .noSource, target: "landing")), profile: wheelchair,
        expected: .unknown, note: "no public way recorded"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension StepFreeRouteRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw, ukAdaptable, iccTypeB])
  }
}
