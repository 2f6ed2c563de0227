import BarrierFreeModel

/// The built-in profiles of other standards than DIN 18040-2.
let kfw = "kfw-barrier-reduced"
let ukAdaptable = "uk-m4-2"
let ukWheelchair = "uk-m4-3"
let iccTypeB = "icc-a117.1-type-b"
let iccTypeA = "icc-a117.1-type-a"

/// `inches` in millimetres, as profiles in inches are stored.
func inches(_ inches: Double) -> Double { Length.inches(inches).millimetres }

extension RuleExample {
  /// The examples written for one profile, under another that binds the
  /// rule with the same thresholds (or with none): the rule must give the
  /// same statuses.
  static func reused(_ examples: [RuleExample], from profile: String, under other: String)
    -> [RuleExample]
  {
    examples.filter { $0.profile == profile }.map { example in
      var copy = example
      copy.profile = other
      copy.note += " (as at \(profile))"
      return copy
    }
  }

  /// The examples written for one profile, under each of `others`.
  static func reused(
    _ examples: [RuleExample], from profile: String, under others: [String]
  ) -> [RuleExample] {
    others.flatMap { reused(examples, from: profile, under: $0) }
  }
}

/// A rule with boundary examples under the profiles of other standards
/// (KfW, UK M4(2) and M4(3), ICC A117.1 Type B and Type A), written in the
/// rule's file beside its DIN 18040-2 examples.
protocol ExamplesUnderOtherStandards: Rule {
  /// The examples under the other standards' profiles.
  static var otherStandardExamples: [RuleExample] { get }
}

/// Boundary examples for the profiles of other standards (KfW, UK M4(2) and
/// M4(3), ICC A117.1 Type B and Type A). A rule's own ``Rule/examples`` hold
/// its DIN 18040-2 examples; ``examples(of:)`` adds these, which each rule
/// keeps in its own file.
public enum OtherStandardExamples {
  /// The examples of rule `id` under the other standards' profiles.
  public static func examples(of id: String) -> [RuleExample] {
    let rule = allRules.first { $0.description.id == id }
    return (rule as? any ExamplesUnderOtherStandards.Type)?.otherStandardExamples ?? []
  }
}
