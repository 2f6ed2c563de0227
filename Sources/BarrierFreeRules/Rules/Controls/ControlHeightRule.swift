import BarrierFreeModel

/// Switches, sockets for frequent use, door openers, intercoms and bells
/// must be within reach: their axis 850 mm above the floor, 850–1050 mm
/// where the user needs it so. The format cannot tell a socket for frequent
/// use from any other, so sockets, thermostats and other controls are not
/// applicable.
public enum ControlHeightRule: Rule {
  /// `control.height` ("Control height"), citing DIN 18040-2, clause 4.5.2. On a control
  /// it measures the height of the control's axis above the finished floor. A profile binds its
  /// thresholds `minimum` (length), `maximum` (length).
  public static let description = RuleDescription(
    id: "control.height", aliases: ["din18040-2.control.height"], title: "Control height",
    clause: "4.5.2", reference: ["C1"], appliesTo: [.control],
    scopes: RuleDescription.roomScopes,
    measures: "the height of the control's axis above the finished floor",
    parameters: [
      Parameter("minimum", .length, "lowest axis"),
      Parameter("maximum", .length, "highest axis"),
    ],
    remedy: "move the control")

  /// Checks a control against the thresholds one binding gives; `nil` for any other element. A
  /// value the survey did not record never makes it pass: it is unknown, or a fail where the rule
  /// asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .fixture(.control(let control), _) = element else { return nil }
    switch control.kind {
    case .switch, .doorOpener, .intercom, .bell: break
    case .socket, .thermostat, .other:
      return Evaluation(
        .notApplicable,
        message:
          "\(control.kind.words): only switches, door openers, intercoms and bells are checked")
    }
    let low = thresholds.length("minimum")
    let high = thresholds.length("maximum")
    return Check.within(
      "height", control.height, low, high,
      remedy: "move the \(control.kind.words) to \(span(low, high)) above the floor")
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 850–1050 mm in
  /// `din18040-2`; and the cases a socket near the floor: not applicable.
  public static var examples: [RuleExample] {
    RuleExample.range(profile: barrierFree, 850, 1050) { height in
      Sample.fixture(.control(Control(kind: .switch, height: height)), in: .hallway)
    }
      + [
        RuleExample(
          Sample.fixture(.control(Control(kind: .socket, height: .mm(300))), in: .living),
          profile: barrierFree, expected: .notApplicable, note: "a socket near the floor")
      ]
  }
}

/// Boundary examples under the profiles of other standards.
extension ControlHeightRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func control(_ height: Length?) -> Element {
      Sample.fixture(.control(Control(kind: .switch, height: height)), in: .hallway)
    }
    let icc = RuleExample.range(profile: iccTypeB, inches(15), inches(48), control)
    return RuleExample.reused(examples, from: barrierFree, under: [kfw])
      + RuleExample.reused(icc + examples, from: iccTypeB, under: iccTypeA)
      + RuleExample.range(profile: ukAdaptable, 450, 1200, control)
      + RuleExample.range(profile: ukWheelchair, 700, 1000, control) + icc
  }
}
