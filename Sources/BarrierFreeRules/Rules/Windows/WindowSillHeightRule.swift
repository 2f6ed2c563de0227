import BarrierFreeModel

/// From a wheelchair a person must see out: in living rooms and bedrooms
/// part of the windows transparent from at most 600 mm above the floor. One
/// such window in the room is enough; a room with no window recorded is
/// unknown.
public enum WindowSillHeightRule: Rule {
  /// `window.sill-height` ("View out when seated"), citing DIN 18040-2, clause 5.3.2. On
  /// a room it measures the height above the floor from which the window is transparent
  /// (sillHeight). A profile binds its threshold `maximum` (length).
  public static let description = RuleDescription(
    id: "window.sill-height", aliases: ["din18040-2.window.sill-height"],
    title: "View out when seated",
    clause: "5.3.2", reference: ["W1"], appliesTo: [.room],
    scopes: RuleDescription.roomScopes,
    measures: "the height above the floor from which the window is transparent (sillHeight)",
    parameters: [Parameter("maximum", .length, "highest sill")],
    remedy: "lower the parapet or fit a window with a transparent lower part")

  /// Checks a room against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .room(let room) = element else { return nil }
    let maximum = thresholds.length("maximum")
    return Check.best(
      room.windows.map { window in
        Check.atMost(
          "sill height", window.sillHeight, maximum,
          remedy: "make a window transparent from \(mm(maximum)) above the floor")
      },
      none: Evaluation(
        .unknown, required: maximum.map { .atMost($0) },
        message: "no window recorded in the room", remedy: "record the room's windows"))
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at most 600 mm
  /// in `din18040-2-r`; and the cases no window: unknown.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: wheelchair, .maximum, 600) { height in
      Sample.room(.living) {
        $0.fixtures = [.window(Window(sillHeight: .mm(900))), .window(Window(sillHeight: height))]
      }
    }
      + [
        RuleExample(
          Sample.room(.bedroom), profile: wheelchair, expected: .unknown, note: "no window")
      ]
  }
}

/// Boundary examples under the profiles of other standards.
extension WindowSillHeightRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    let boundaries = RuleExample.boundaries(profile: ukAdaptable, .maximum, 850) { height in
      Sample.room(.living) { $0.fixtures = [.window(Window(sillHeight: height))] }
    }
    return boundaries
      + RuleExample.reused(boundaries + examples, from: ukAdaptable, under: ukWheelchair)
  }
}
