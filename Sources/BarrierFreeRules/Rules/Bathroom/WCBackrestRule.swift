import BarrierFreeModel

/// A WC for wheelchair users has a backrest (550 mm behind the WC's front
/// edge), so that a person can sit back after the transfer.
public enum WCBackrestRule: Rule {
  /// `wc.backrest` ("Backrest at the WC"), citing DIN 18040-2, clause 5.5.3. On a WC it
  /// measures whether the WC has a backrest (backrest). It takes no threshold: it checks what was
  /// recorded, not a number.
  public static let description = RuleDescription(
    id: "wc.backrest", aliases: ["din18040-2.wc.backrest"], title: "Backrest at the WC",
    clause: "5.5.3", reference: ["B7"], appliesTo: [.wc],
    scopes: RuleDescription.roomScopes,
    measures: "whether the WC has a backrest (backrest)",
    parameters: [], remedy: "fit a backrest 550 mm behind the WC's front edge")

  /// Checks a WC; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.wc(let wc), _) = element else { return nil }
    return Check.flag(
      wc.backrest, passes: "the WC has a backrest", fails: "no backrest at the WC",
      unmeasured: "not recorded whether the WC has a backrest",
      remedy: "fit a backrest 550 mm behind the WC's front edge")
  }

  /// Examples: backrest: passes; no backrest: fails; not recorded: unknown.
  public static var examples: [RuleExample] {
    func wc(_ backrest: Bool?) -> Element {
      Sample.fixture(.wc(WC(backrest: backrest)), in: .bathroom)
    }
    return [
      RuleExample(wc(true), profile: wheelchair, expected: .pass, note: "backrest"),
      RuleExample(wc(false), profile: wheelchair, expected: .fail, note: "no backrest"),
      RuleExample(wc(nil), profile: wheelchair, expected: .unknown, note: "not recorded"),
    ]
  }
}
