import BarrierFreeModel

/// A wheelchair user must be able to open a window in each room: one window
/// with its handle 850–1050 mm above the floor, or a powered drive, is
/// enough. A room with no window recorded is unknown.
public enum WindowHandleHeightRule: Rule {
  /// `window.handle-height` ("Window handle height"), citing DIN 18040-2, clause 5.3.2.
  /// On a room it measures the height of the window handle, or whether the window is powered. A
  /// profile binds its thresholds `minimum` (length), `maximum` (length).
  public static let description = RuleDescription(
    id: "window.handle-height", aliases: ["din18040-2.window.handle-height"],
    title: "Window handle height",
    clause: "5.3.2", reference: ["W2"], appliesTo: [.room],
    scopes: RuleDescription.roomScopes,
    measures: "the height of the window handle, or whether the window is powered",
    parameters: [
      Parameter("minimum", .length, "lowest handle"),
      Parameter("maximum", .length, "highest handle"),
    ],
    remedy: "move the handle or fit a powered drive")

  /// Checks a room against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .room(let room) = element else { return nil }
    let low = thresholds.length("minimum")
    let high = thresholds.length("maximum")
    return Check.best(
      room.windows.map { window in
        if window.powered == true, low != nil, high != nil {
          return Evaluation(.pass, message: "powered window")
        }
        return Check.within(
          "handle height", window.handleHeight, low, high,
          remedy: "move a window's handle to \(span(low, high)) or fit a powered drive")
      },
      none: Evaluation(
        .unknown, message: "no window recorded in the room", remedy: "record the room's windows"))
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): 850–1050 mm in
  /// `din18040-2-r`; and the cases powered, handle high: passes; no window: unknown.
  public static var examples: [RuleExample] {
    RuleExample.range(profile: wheelchair, 850, 1050) { height in
      Sample.room(.bedroom) {
        $0.fixtures = [
          .window(Window(handleHeight: .mm(1400))), .window(Window(handleHeight: height)),
        ]
      }
    }
      + [
        RuleExample(
          Sample.room(.bedroom) {
            $0.fixtures = [.window(Window(handleHeight: .mm(1600), powered: true))]
          }, profile: wheelchair, expected: .pass, note: "powered, handle high"),
        RuleExample(
          Sample.room(.kitchen), profile: wheelchair, expected: .unknown, note: "no window"),
      ]
  }
}

/// Boundary examples under the profiles of other standards.
extension WindowHandleHeightRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func window(_ height: Length?) -> Element {
      Sample.room(.living) { $0.fixtures = [.window(Window(handleHeight: height))] }
    }
    return RuleExample.range(profile: ukAdaptable, 450, 1200, window)
      + RuleExample.range(profile: ukWheelchair, 700, 1000, window)
  }
}
