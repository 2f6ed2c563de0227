import BarrierFreeModel

/// The fixture rules can check only the fixtures a survey recorded. A
/// bathroom without a WC and a washbasin recorded, a WC room without a WC,
/// or a kitchen without kitchen units is unknown, never passed by default.
/// (Bedrooms: the bed rule says unknown when no bed is recorded; the flat's
/// shower: `flat.shower`.)
public enum RoomFixturesRecordedRule: Rule {
  /// `room.fixtures-recorded` ("Fixtures recorded"), citing DIN 18040-2, clause 5.4,
  /// 5.5. On a room it measures whether the room's fixtures are recorded: WC and washbasin in a
  /// bathroom, a WC in a WC room, kitchen units in a kitchen. It takes no threshold: it checks what
  /// was recorded, not a number.
  public static let description = RuleDescription(
    id: "room.fixtures-recorded", aliases: ["din18040-2.room.fixtures-recorded"],
    title: "Fixtures recorded",
    clause: "5.4, 5.5", reference: ["B1", "M8"], appliesTo: [.room],
    scopes: [RoomKind.bathroom, .wc, .kitchen].map(\.rawValue),
    measures: "whether the room's fixtures are recorded: WC and washbasin in a bathroom, a WC "
      + "in a WC room, kitchen units in a kitchen",
    parameters: [], remedy: "survey the room's fixtures", outcomes: [.pass, .unknown])

  /// Checks a room; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .room(let room) = element else { return nil }
    let needed: [String]
    switch room.kind {
    case .bathroom: needed = ["wc", "washbasin"]
    case .wc: needed = ["wc"]
    case .kitchen: needed = ["kitchenCounter"]
    default: return nil
    }
    let present = Set(room.fixtures.map(\.kindName))
    let missing = needed.filter { !present.contains($0) }
    if missing.isEmpty {
      return Evaluation(.pass, message: "\(needed.joined(separator: " and ")) recorded")
    }
    return Evaluation(
      .unknown,
      message: "no \(missing.joined(separator: " or ")) recorded in the \(room.kind.words): "
        + "its rules cannot be checked",
      remedy: "survey the room's fixtures")
  }

  /// Examples: WC and washbasin: passes; no washbasin: unknown; WC room with a WC: passes; WC room,
  /// no WC: unknown; kitchen, no units: unknown; kitchen with units: passes.
  public static var examples: [RuleExample] {
    [
      RuleExample(
        Sample.room(.bathroom) { $0.fixtures = [.wc(WC()), .washbasin(Washbasin())] },
        profile: barrierFree, expected: .pass, note: "WC and washbasin"),
      RuleExample(
        Sample.room(.bathroom) { $0.fixtures = [.wc(WC())] }, profile: barrierFree,
        expected: .unknown, note: "no washbasin"),
      RuleExample(
        Sample.room(.wc) { $0.fixtures = [.wc(WC())] }, profile: barrierFree, expected: .pass,
        note: "WC room with a WC"),
      RuleExample(
        Sample.room(.wc), profile: barrierFree, expected: .unknown, note: "WC room, no WC"),
      RuleExample(
        Sample.room(.kitchen), profile: barrierFree, expected: .unknown,
        note: "kitchen, no units"),
      RuleExample(
        Sample.room(.kitchen) { $0.fixtures = [.kitchenCounter(KitchenCounter())] },
        profile: barrierFree, expected: .pass, note: "kitchen with units"),
    ]
  }
}

/// Boundary examples under the profiles of other standards.
extension RoomFixturesRecordedRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    RuleExample.reused(examples, from: barrierFree, under: [kfw, ukAdaptable, iccTypeB])
  }
}
