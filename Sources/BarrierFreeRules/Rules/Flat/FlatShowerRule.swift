import BarrierFreeModel

/// A flat needs a bathroom with a shower: a bathtub does not replace the
/// floor-level shower (the shower's own rules check its step and size).
///
/// Unknown when the flat has no rooms recorded, or a bathroom with no
/// fixtures recorded; a fail when the recorded bathrooms have fixtures but
/// no shower, or the flat's rooms include no bathroom.
public enum FlatShowerRule: Rule {
  /// `flat.shower` ("A bathroom with a shower"), citing DIN 18040-2, clause 5.5.5,
  /// 5.5.6. On a flat it measures whether a bathroom of the flat has a shower element. It takes no
  /// threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "flat.shower", aliases: ["din18040-2.flat.shower"], title: "A bathroom with a shower",
    clause: "5.5.5, 5.5.6", reference: ["B16", "B23"], appliesTo: [.flat],
    measures: "whether a bathroom of the flat has a shower element",
    parameters: [], remedy: "replace the bathtub with a floor-level shower")

  /// Checks a flat; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .flat(let flat) = element else { return nil }
    if flat.rooms.isEmpty {
      return Evaluation(
        .unknown, message: "no rooms recorded", remedy: "survey the flat's rooms")
    }
    let bathrooms = flat.rooms.filter { $0.kind == .bathroom }
    let withShower = bathrooms.first { room in
      room.fixtures.contains { if case .shower = $0 { true } else { false } }
    }
    if let withShower {
      return Evaluation(.pass, message: "bathroom '\(withShower.id)' has a shower")
    }
    if bathrooms.isEmpty {
      return Evaluation(
        .fail, message: "no bathroom recorded among the flat's rooms",
        remedy: "add a bathroom with a floor-level shower")
    }
    if let unsurveyed = bathrooms.first(where: { $0.fixtures.isEmpty }) {
      return Evaluation(
        .unknown, message: "no fixtures recorded in bathroom '\(unsurveyed.id)'",
        remedy: "survey the bathroom's fixtures")
    }
    let hasTub = bathrooms.contains { room in
      room.fixtures.contains { if case .bathtub = $0 { true } else { false } }
    }
    return Evaluation(
      .fail,
      message: hasTub
        ? "bathtub but no shower; a bathtub does not replace the floor-level shower"
        : "no shower in the bathroom",
      remedy: hasTub
        ? "replace the bathtub with a floor-level shower" : "add a floor-level shower")
  }

  /// Examples: bathroom with a shower: passes; bathtub only: fails; no bathroom: fails; bathroom
  /// not surveyed: unknown; no rooms: unknown.
  public static var examples: [RuleExample] {
    let shower = Room(id: "bath", kind: .bathroom, fixtures: [.shower(Shower())])
    let tub = Room(id: "bath", kind: .bathroom, fixtures: [.bathtub(Bathtub()), .wc(WC())])
    let empty = Room(id: "bath", kind: .bathroom)
    let living = Room(id: "living", kind: .living)
    return [
      RuleExample(
        Sample.flat([living, shower]), profile: barrierFree, expected: .pass,
        note: "bathroom with a shower"),
      RuleExample(
        Sample.flat([living, tub]), profile: barrierFree, expected: .fail,
        note: "bathtub only"),
      RuleExample(
        Sample.flat([living]), profile: barrierFree, expected: .fail, note: "no bathroom"),
      RuleExample(
        Sample.flat([living, empty]), profile: barrierFree, expected: .unknown,
        note: "bathroom not surveyed"),
      RuleExample(Sample.flat([]), profile: barrierFree, expected: .unknown, note: "no rooms"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension FlatShowerRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw, ukWheelchair])
  }
}
