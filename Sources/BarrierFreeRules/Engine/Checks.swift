import BarrierFreeModel

/// The comparisons most rules are made of, with their messages.
///
/// Each returns `unknown` when the measurement is missing and names the
/// threshold either way, so that a report shows measured against required.
public enum Check {
  /// `measured` must be at least `minimum`.
  public static func atLeast(
    _ what: String, _ measured: Length?, _ minimum: Length?, remedy: @autoclosure () -> String
  ) -> Evaluation {
    compare(what, measured, minimum.map { Requirement.atLeast($0) }, remedy: remedy())
  }

  /// `measured` must be at most `maximum`.
  public static func atMost(
    _ what: String, _ measured: Length?, _ maximum: Length?, remedy: @autoclosure () -> String
  ) -> Evaluation {
    compare(what, measured, maximum.map { Requirement.atMost($0) }, remedy: remedy())
  }

  /// `measured` must lie from `low` to `high`.
  public static func within(
    _ what: String, _ measured: Length?, _ low: Length?, _ high: Length?,
    remedy: @autoclosure () -> String
  ) -> Evaluation {
    var requirement: Requirement? = nil
    if let low, let high { requirement = .between(low, high) }
    return compare(what, measured, requirement, remedy: remedy())
  }

  /// A measurement against a requirement on lengths.
  public static func compare(
    _ what: String, _ measured: Length?, _ requirement: Requirement?,
    remedy: @autoclosure () -> String
  ) -> Evaluation {
    guard let requirement else { return missingThreshold(what) }
    guard let measured else {
      return Evaluation(
        .unknown, required: requirement, text: .unmeasured(what),
        remedy: "measure the \(what)")
    }
    let met = requirement.isMet(by: measured.millimetres)
    return Evaluation(
      met ? .pass : .fail, measured: Quantity(measured), required: requirement,
      text: .measured(what), remedy: met ? nil : remedy())
  }

  /// A slope of at most `maximum`.
  public static func slopeAtMost(
    _ what: String, _ measured: Slope?, _ maximum: SlopeLimit?, remedy: @autoclosure () -> String
  ) -> Evaluation {
    guard let maximum else { return missingThreshold(what) }
    let requirement = maximum.requirement
    guard let measured else {
      return Evaluation(
        .unknown, required: requirement, text: .unmeasured(what), remedy: "measure the \(what)")
    }
    let met = maximum.admits(measured)
    return Evaluation(
      met ? .pass : .fail, measured: Quantity(measured), required: requirement,
      text: .measured(what), remedy: met ? nil : remedy())
  }

  /// A free area of at least `minimumWidth` × `minimumDepth`: passes when one
  /// of `areas` is large enough in both directions.
  ///
  /// The measured value reported is the dimension that falls short the most
  /// (or, on a pass, the one with the least to spare).
  public static func area(
    _ what: String, _ areas: [MovementArea], minimumWidth: Length?,
    minimumDepth: Length?, remedy: @autoclosure () -> String
  ) -> Evaluation {
    guard let minimumWidth, let minimumDepth else { return missingThreshold(what) }
    // The area closest to the requirement: the largest shortfall ratio; of
    // equals the first, as `max(by:)` chose. Found in one pass, without an
    // array of the measured areas.
    func margin(_ width: Length, _ depth: Length) -> Double {
      min(
        width.millimetres / minimumWidth.millimetres,
        depth.millimetres / minimumDepth.millimetres)
    }
    var best: (width: Length, depth: Length, margin: Double)?
    var measuredCount = 0
    for area in areas {
      guard let width = area.width, let depth = area.depth else { continue }
      measuredCount += 1
      let candidate = margin(width, depth)
      if let known = best, !(known.margin < candidate) { continue }
      best = (width, depth, candidate)
    }
    guard let best else {
      return Evaluation(
        .unknown,
        required: Requirement(
          minimum: min(minimumWidth, minimumDepth).millimetres, unit: .millimetre),
        text: .unmeasuredArea(
          what, minimumWidth: minimumWidth.millimetres, minimumDepth: minimumDepth.millimetres),
        remedy: "measure the \(what)")
    }
    let (width, depth) = (best.width, best.depth)
    let widthShort = width.millimetres / minimumWidth.millimetres
    let depthShort = depth.millimetres / minimumDepth.millimetres
    let (limiting, limit) =
      widthShort <= depthShort ? (width, minimumWidth) : (depth, minimumDepth)
    let met = width >= minimumWidth && depth >= minimumDepth
    func text(partly: Bool) -> Evaluation.Text {
      .area(
        what, width: width.millimetres, depth: depth.millimetres,
        minimumWidth: minimumWidth.millimetres, minimumDepth: minimumDepth.millimetres,
        partly: partly)
    }
    if !met && measuredCount < areas.count {
      // An area with one side unmeasured might still be the large one.
      return Evaluation(
        .unknown, measured: Quantity(limiting), required: .atLeast(limit),
        text: text(partly: true), remedy: "measure the \(what)")
    }
    return Evaluation(
      met ? .pass : .fail, measured: Quantity(limiting),
      required: .atLeast(limit), text: text(partly: false), remedy: met ? nil : remedy())
  }

  /// Several checks of one element that must all pass: fails if one fails,
  /// unknown if one is unknown, else passes. The measured and required values
  /// are those of the first part with the worst status.
  public static func all(_ parts: [Evaluation]) -> Evaluation {
    guard let worst = parts.min(by: { $0.status < $1.status }) else {
      return Evaluation(.notApplicable, message: "nothing to check")
    }
    // Built in place: most rules join two or three checks of one element,
    // and the arrays of `parts` and the list of remedies were a tenth of
    // such a rule's cost.
    var joined = worst
    var first: String?
    var remedies: [String] = []
    var moreParts: [Evaluation.Part] = []
    moreParts.reserveCapacity(parts.count - 1)
    for (index, evaluation) in parts.enumerated() {
      if index == 0 {
        joined.part = evaluation.part
      } else {
        moreParts.append(evaluation.part)
      }
      moreParts += evaluation.moreParts
      guard let remedy = evaluation.remedy else { continue }
      if let known = first {
        if remedy != known && !remedies.contains(remedy) {
          if remedies.isEmpty { remedies.append(known) }
          remedies.append(remedy)
        }
      } else {
        first = remedy
      }
    }
    joined.moreParts = moreParts
    joined.remedy = remedies.isEmpty ? first : remedies.joined(separator: "; ")
    return joined
  }

  /// Requirements met by one of several elements (one window of a room, one
  /// bed): the best evaluation decides — a pass, else an unknown, else a
  /// fail. `none` is the answer when there is nothing to evaluate.
  public static func best(_ evaluations: [Evaluation], none: Evaluation) -> Evaluation {
    func rank(_ status: FindingStatus) -> Int {
      switch status {
      case .pass: 3
      case .notApplicable: 2
      case .unknown: 1
      case .fail: 0
      }
    }
    return evaluations.max { rank($0.status) < rank($1.status) } ?? none
  }

  /// Handrails (or grab bars) on both sides: one side or none fails,
  /// unrecorded is unknown.
  public static func bothSides(
    _ what: String, _ rails: Handrails?, remedy: @autoclosure () -> String
  ) -> Evaluation {
    switch rails {
    case .bothSides?: Evaluation(.pass, message: "\(what) on both sides")
    case nil: Evaluation(.unknown, message: "\(what) not recorded", remedy: "record the \(what)")
    case .oneSide?, Handrails.none?:
      Evaluation(
        .fail,
        message: (rails == .oneSide ? "\(what) on one side only" : "no \(what)")
          + "; both sides required",
        remedy: remedy())
    }
  }

  /// A yes/no property: `nil` is unknown.
  public static func flag(
    _ value: Bool?, passes: String, fails: String, unmeasured: String,
    remedy: @autoclosure () -> String
  ) -> Evaluation {
    switch value {
    case true?: Evaluation(.pass, message: passes)
    case false?: Evaluation(.fail, message: fails, remedy: remedy())
    case nil: Evaluation(.unknown, message: unmeasured, remedy: "record whether \(passes)")
    }
  }

  /// The profile lacks a threshold the rule needs (a profile loaded through
  /// the loader never does).
  public static func missingThreshold(_ what: String) -> Evaluation {
    Evaluation(
      .unknown, message: "the profile gives no threshold for the \(what)",
      remedy: "add the threshold to the profile")
  }
}

/// Millimetres, for remedies: `900 mm`.
func mm(_ length: Length?) -> String {
  length.map { "\(formatDecimal($0.millimetres)) mm" } ?? "the required size"
}

/// An area for remedies: `1500 × 1500 mm`.
func size(_ width: Length?, _ depth: Length?) -> String {
  guard let width, let depth else { return "the required area" }
  return "\(formatDecimal(width.millimetres)) × \(formatDecimal(depth.millimetres)) mm"
}

/// A range for remedies: `850–1050 mm`.
func span(_ low: Length?, _ high: Length?) -> String {
  guard let low, let high else { return "the required range" }
  return "\(formatDecimal(low.millimetres))–\(formatDecimal(high.millimetres)) mm"
}
