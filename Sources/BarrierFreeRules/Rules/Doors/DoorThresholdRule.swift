import BarrierFreeModel

/// No thresholds or lower door stops; where one is technically unavoidable,
/// at most 20 mm. The same limit applies to the door onto a balcony or
/// terrace (DIN 18040-2 5.6). The draft revision lowers it (reference Q3):
/// a profile can set 10 mm or 4 mm.
public enum DoorThresholdRule: Rule {
  public static let description = RuleDescription(
    id: "din18040-2.door.threshold", title: "Door threshold",
    clause: "4.3.3.1", reference: ["D11", "F1"], appliesTo: [.door],
    scopes: RuleDescription.doorScopes,
    measures: "the height of the threshold or lower door stop above the floor; 0 for none",
    parameters: [Parameter("maximum", .length, "highest threshold allowed")],
    remedy: "remove the threshold")

  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .door(let door, _, _) = element else { return nil }
    let maximum = thresholds.length("maximum")
    return Check.atMost(
      "threshold", door.threshold, maximum,
      remedy: "remove the threshold (at most \(mm(maximum)) where unavoidable, bevelled)")
  }

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
  }
}
