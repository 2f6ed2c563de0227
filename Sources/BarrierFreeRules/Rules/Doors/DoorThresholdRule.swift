import BarrierFreeModel

/// No thresholds or lower door stops; where one is technically unavoidable,
/// at most 20 mm. The same limit applies to the door onto a balcony or
/// terrace (DIN 18040-2 5.6). The draft revision lowers it (reference Q3):
/// a profile can set 10 mm or 4 mm.
///
/// Some standards allow a higher threshold at sliding doors only: ICC
/// A117.1 1003.5 and 1004.5 (exceptions) allow 3/4 in at an exterior
/// sliding door, where a hinged door to the balcony must meet the 1/2 in of
/// 404.2.5. A profile gives that limit as `slidingMaximum`; the door's
/// operation then decides, and a threshold between the two limits at a
/// door whose operation is not recorded is unknown.
public enum DoorThresholdRule: Rule {
  /// `door.threshold` ("Door threshold"), citing DIN 18040-2, clause 4.3.3.1. On a door
  /// it measures the height of the threshold or lower door stop above the floor; 0 for none; and,
  /// where a profile allows more at sliding doors, how the door opens. A profile binds its
  /// thresholds `maximum` (length), `slidingMaximum` (length).
  public static let description = RuleDescription(
    id: "door.threshold", aliases: ["din18040-2.door.threshold"], title: "Door threshold",
    clause: "4.3.3.1", reference: ["D11", "F1"], appliesTo: [.door],
    scopes: RuleDescription.doorScopes,
    measures: "the height of the threshold or lower door stop above the floor; 0 for none; "
      + "and, where a profile allows more at sliding doors, how the door opens",
    parameters: [
      Parameter("maximum", .length, "highest threshold allowed"),
      Parameter(
        "slidingMaximum", .length,
        "highest threshold allowed at a sliding door, where the standard allows more there "
          + "than at other doors", optional: true),
    ],
    remedy: "remove the threshold")

  /// Checks a door against the thresholds one binding gives; `nil` for any other element. A value
  /// the survey did not record never makes it pass: it is unknown, or a fail where the rule asks
  /// for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, _, _) = element else { return nil }
    let maximum = thresholds.length("maximum")
    let remedy = "remove the threshold (at most \(mm(maximum)) where unavoidable, bevelled)"
    guard let sliding = thresholds.length("slidingMaximum"), let maximum else {
      return Check.atMost("threshold", door.threshold, maximum, remedy: remedy)
    }
    switch door.operation {
    case .sliding?:
      return Check.atMost(
        "threshold (sliding door)", door.threshold, sliding,
        remedy: "lower the threshold to at most \(mm(sliding)), bevelled")
    case nil:
      guard let threshold = door.threshold, threshold > maximum, threshold <= sliding else {
        // Met or missed whatever the operation, or not measured.
        return Check.atMost(
          "threshold", door.threshold,
          door.threshold.map { $0 > sliding } == true ? sliding : maximum,
          remedy: remedy)
      }
      // Measured against required as a structured part, so that a report
      // prints them with the digits that tell them apart (12.71 mm is
      // 0.5004 in, not 0.5 in).
      var evaluation = Evaluation(
        .unknown, measured: Quantity(threshold), required: .atMost(maximum),
        text: .measured("threshold"), remedy: "record how the door opens (operation)")
      evaluation.moreParts = [
        Evaluation.Part(
          text: .literal(
            "at most \(mm(sliding)) if the door slides, and how it opens is not recorded"),
          measured: nil, required: nil)
      ]
      return evaluation
    case .hinged?, .folding?, .revolving?, .automatic?:
      return Check.atMost(
        "threshold (\(door.operation?.rawValue ?? "") door)", door.threshold, maximum,
        remedy: remedy)
    }
  }

  /// Examples around each bound (just inside, at, just outside, and not measured): at most 20 mm in
  /// `din18040-2`; at most 20 mm in `din18040-2-r`.
  public static var examples: [RuleExample] {
    RuleExample.boundaries(profile: barrierFree, .maximum, 20) { height in
      Sample.door(.interior) { $0.threshold = height }
    }
      + RuleExample.boundaries(profile: barrierFree, .maximum, 20) { height in
        Sample.door(.outdoor) { $0.threshold = height }
      }
      + RuleExample.boundaries(profile: wheelchair, .maximum, 20) { height in
        Sample.door(.outdoor) { $0.threshold = height }
      }
      + RuleExample.boundaries(profile: barrierFree, .maximum, 20) { height in
        Sample.door(.outdoor) {
          $0.threshold = height
          $0.operation = .sliding
        }
      }
  }
}

/// Boundary examples under the profiles of other standards.
extension DoorThresholdRule: ExamplesUnderOtherStandards {
  static var otherStandardExamples: [RuleExample] {
    func door(_ role: DoorRole) -> (Length?) -> Element {
      { value in Sample.door(role) { $0.threshold = value } }
    }
    return RuleExample.reused(examples, from: barrierFree, under: [kfw])
      + RuleExample.boundaries(profile: ukAdaptable, .maximum, 15, door(.flatEntrance))
      + RuleExample.boundaries(profile: ukWheelchair, .maximum, 15, door(.outdoor))
      + RuleExample.boundaries(profile: iccTypeB, .maximum, inches(0.5), door(.interior))
      + RuleExample.boundaries(profile: iccTypeA, .maximum, inches(0.5), door(.bathroom))
      + iccOutdoorThresholds(iccTypeB) + iccOutdoorThresholds(iccTypeA)
  }

  /// ICC A117.1's balcony door: 3/4 in at a sliding door (1003.5 and 1004.5
  /// exceptions), 1/2 in at a hinged one (404.2.5), unknown between the two
  /// when the operation is not recorded.
  private static func iccOutdoorThresholds(_ profile: String) -> [RuleExample] {
    func door(_ operation: DoorOperation?) -> (Length?) -> Element {
      { height in
        Sample.door(.outdoor) {
          $0.threshold = height
          $0.operation = operation
        }
      }
    }
    let between = door(nil)(.mm(inches(0.625)))
    return RuleExample.boundaries(profile: profile, .maximum, inches(0.75), door(.sliding))
      + RuleExample.boundaries(profile: profile, .maximum, inches(0.5), door(.hinged))
      + RuleExample.boundaries(profile: profile, .maximum, inches(0.5), door(nil)).filter {
        $0.expected != .fail
      }
      + [
        RuleExample(
          between, profile: profile, expected: .unknown,
          note: "5/8 in, operation not recorded: 1/2 in, or 3/4 in if sliding"),
        RuleExample(
          door(nil)(.mm(inches(0.75) + 1)), profile: profile, expected: .fail,
          note: "above 3/4 in, operation not recorded"),
        RuleExample(
          door(.hinged)(.mm(inches(0.75))), profile: profile, expected: .fail,
          note: "a hinged balcony door at 3/4 in"),
      ]
  }
}
