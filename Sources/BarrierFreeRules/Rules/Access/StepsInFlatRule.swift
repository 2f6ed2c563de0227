import BarrierFreeModel

/// A flat must be step-free inside: steps between its rooms stop a
/// wheelchair and a rollator. Steps served by a platform stair lift (which
/// carries a wheelchair) pass; a seat stair lift does not help. Whether a
/// profile accepts a platform lift is a question the route analysis will
/// make a profile's choice; until then this rule accepts it.
public enum StepsInFlatRule: Rule {
  /// `flat.steps` ("No steps inside the flat"), citing DIN 18040-2, clause 4.2.3, 5.1.
  /// On a flight of steps it measures steps between two rooms of the flat (count), and a stairLift
  /// between the same rooms. It takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "flat.steps", aliases: ["din18040-2.flat.steps"], title: "No steps inside the flat",
    clause: "4.2.3, 5.1", reference: ["A7"], appliesTo: [.steps],
    measures: "steps between two rooms of the flat (count), and a stairLift between the same rooms",
    parameters: [],
    remedy: "fit a platform stair lift, or keep the rooms a person needs on one level",
    outcomes: [.pass, .fail])

  /// Checks a flight of steps; `nil` for any other element. A value the survey did not record never
  /// makes it pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .steps(let steps, let lift, inFlat: true) = element else { return nil }
    let between = "between '\(steps.from)' and '\(steps.to)'"
    if steps.count == 0 {
      return Evaluation(.pass, measured: Quantity(0, .count), message: "no steps \(between)")
    }
    let counted = steps.count.map { "\($0) steps" } ?? "steps (count not measured)"
    let measured = steps.count.map { Quantity(Double($0), .count) }
    switch lift?.kind {
    case .platform?:
      return Evaluation(
        .pass, measured: measured,
        message: "\(counted) \(between), served by the platform lift '\(lift?.id ?? "?")'")
    case .seat?:
      return Evaluation(
        .fail, measured: measured,
        message: "\(counted) \(between); the seat stair lift carries no wheelchair",
        remedy: "replace the seat stair lift with a platform lift")
    case nil:
      return Evaluation(
        .fail, measured: measured,
        message: "\(counted) \(between); the flat must be step-free",
        remedy: "fit a platform stair lift, or keep the rooms a person needs on one level")
    }
  }

  /// Examples: 15 steps: fails; steps, count not measured: fails; no steps: passes; platform lift:
  /// passes; seat lift: fails.
  public static var examples: [RuleExample] {
    let stairs = Steps(from: "hall", to: "hall-up", count: 15)
    return [
      RuleExample(.steps(stairs), profile: barrierFree, expected: .fail, note: "15 steps"),
      RuleExample(
        .steps(Steps(from: "hall", to: "hall-up")), profile: barrierFree, expected: .fail,
        note: "steps, count not measured"),
      RuleExample(
        .steps(Steps(from: "hall", to: "hall-up", count: 0)), profile: barrierFree,
        expected: .pass, note: "no steps"),
      RuleExample(
        .steps(
          stairs, stairLift: StairLift(from: "hall", to: "hall-up", kind: .platform)),
        profile: barrierFree, expected: .pass, note: "platform lift"),
      RuleExample(
        .steps(stairs, stairLift: StairLift(from: "hall", to: "hall-up", kind: .seat)),
        profile: wheelchair, expected: .fail, note: "seat lift"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension StepsInFlatRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw])
  }
}
