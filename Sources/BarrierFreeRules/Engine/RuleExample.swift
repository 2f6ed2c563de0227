import BarrierFreeModel

/// An element with the status a rule must give it under a built-in profile.
///
/// Examples are the rule's documentation and its tests: one test runs every
/// rule's examples, and a failure points at the example's line.
public struct RuleExample: Sendable {
  /// The element to check.
  public var element: Element
  /// The built-in profile whose thresholds apply.
  public var profile: String
  /// The status the rule must report.
  public var expected: FindingStatus
  /// What the example shows: `799 mm, just below 800 mm`.
  public var note: String
  /// Where the example is written.
  public var file: String
  /// The line of the example.
  public var line: Int

  /// Creates an example.
  public init(
    _ element: Element, profile: String, expected: FindingStatus, note: String,
    file: String = #filePath, line: Int = #line
  ) {
    self.element = element
    self.profile = profile
    self.expected = expected
    self.note = note
    self.file = file
    self.line = line
  }

  /// Which side of a threshold passes.
  public enum Bound: Sendable {
    /// The measurement must be at least the threshold.
    case minimum
    /// The measurement must be at most the threshold.
    case maximum
  }

  /// Four examples around one threshold: 1 mm below, at, 1 mm above, and
  /// missing. `make` builds the element with the measurement set.
  public static func boundaries(
    profile: String, _ bound: Bound, _ threshold: Double,
    file: String = #filePath, line: Int = #line,
    _ make: (Length?) -> Element
  ) -> [RuleExample] {
    let below: FindingStatus = bound == .minimum ? .fail : .pass
    let above: FindingStatus = bound == .minimum ? .pass : .fail
    let value = formatDecimal(threshold)
    return [
      RuleExample(
        make(.mm(threshold - 1)), profile: profile, expected: below,
        note: "just below \(value) mm", file: file, line: line),
      RuleExample(
        make(.mm(threshold)), profile: profile, expected: .pass,
        note: "at \(value) mm", file: file, line: line),
      RuleExample(
        make(.mm(threshold + 1)), profile: profile, expected: above,
        note: "just above \(value) mm", file: file, line: line),
      RuleExample(
        make(nil), profile: profile, expected: .unknown,
        note: "not measured", file: file, line: line),
    ]
  }

  /// Examples around both ends of a range: 1 mm outside, at each end, and
  /// missing.
  public static func range(
    profile: String, _ low: Double, _ high: Double,
    file: String = #filePath, line: Int = #line,
    _ make: (Length?) -> Element
  ) -> [RuleExample] {
    let lowLabel = formatDecimal(low)
    let highLabel = formatDecimal(high)
    return [
      RuleExample(
        make(.mm(low - 1)), profile: profile, expected: .fail,
        note: "just below \(lowLabel) mm", file: file, line: line),
      RuleExample(
        make(.mm(low)), profile: profile, expected: .pass,
        note: "at \(lowLabel) mm", file: file, line: line),
      RuleExample(
        make(.mm(high)), profile: profile, expected: .pass,
        note: "at \(highLabel) mm", file: file, line: line),
      RuleExample(
        make(.mm(high + 1)), profile: profile, expected: .fail,
        note: "just above \(highLabel) mm", file: file, line: line),
      RuleExample(
        make(nil), profile: profile, expected: .unknown,
        note: "not measured", file: file, line: line),
    ]
  }

  /// Four examples around a largest slope: 0.1 % below, at, 0.1 % above,
  /// and missing.
  public static func slopes(
    profile: String, maximum: Double, file: String = #filePath, line: Int = #line,
    _ make: (Slope?) -> Element
  ) -> [RuleExample] {
    let value = formatDecimal(maximum)
    return [
      RuleExample(
        make(.percent(maximum - 0.1)), profile: profile, expected: .pass,
        note: "just below \(value) %", file: file, line: line),
      RuleExample(
        make(.percent(maximum)), profile: profile, expected: .pass, note: "at \(value) %",
        file: file, line: line),
      RuleExample(
        make(.percent(maximum + 0.1)), profile: profile, expected: .fail,
        note: "just above \(value) %", file: file, line: line),
      RuleExample(
        make(nil), profile: profile, expected: .unknown, note: "not measured", file: file,
        line: line),
    ]
  }

  /// Examples around a largest slope a standard states as a ratio
  /// `rise`:`run` (1:12): 0.0001 % below, at (as the nearest percentage,
  /// and as rise and run measured in millimetres), 0.0001 % above, and
  /// missing. A threshold rounded to a percentage (8.33 % for 1:12) fails
  /// the ramps at the ratio.
  public static func ratio(
    profile: String, _ rise: Double, _ run: Double, file: String = #filePath, line: Int = #line,
    _ make: (Slope?) -> Element
  ) -> [RuleExample] {
    let ratio = "\(formatDecimal(rise)):\(formatDecimal(run))"
    let percent = rise * 100 / run
    return [
      RuleExample(
        make(.percent(percent - 0.0001)), profile: profile, expected: .pass,
        note: "just below \(ratio)", file: file, line: line),
      RuleExample(
        make(.percent(percent)), profile: profile, expected: .pass,
        note: "at \(ratio) (\(formatDecimal(percent)) %)", file: file, line: line),
      RuleExample(
        make(Slope(rise: .mm(rise * 500), run: .mm(run * 500))), profile: profile,
        expected: .pass, note: "at \(ratio), from rise and run", file: file, line: line),
      RuleExample(
        make(.percent(percent + 0.0001)), profile: profile, expected: .fail,
        note: "just above \(ratio)", file: file, line: line),
      RuleExample(
        make(nil), profile: profile, expected: .unknown, note: "not measured", file: file,
        line: line),
    ]
  }

  /// Examples around a square area requirement `side` × `side`: each
  /// direction 1 mm short, exactly the size, 1 mm larger, and unmeasured.
  public static func square(
    profile: String, _ side: Double, file: String = #filePath,
    line: Int = #line, _ make: ([MovementArea]) -> Element
  ) -> [RuleExample] {
    rectangle(profile: profile, side, side, file: file, line: line, make)
  }

  /// Examples around an area requirement `width` × `depth`.
  public static func rectangle(
    profile: String, _ width: Double, _ depth: Double,
    file: String = #filePath, line: Int = #line,
    _ make: ([MovementArea]) -> Element
  ) -> [RuleExample] {
    let size = "\(formatDecimal(width)) × \(formatDecimal(depth)) mm"
    func area(_ w: Double?, _ d: Double?) -> [MovementArea] {
      [MovementArea(width: w.map(Length.mm), depth: d.map(Length.mm))]
    }
    return [
      RuleExample(
        make(area(width - 1, depth)), profile: profile, expected: .fail,
        note: "1 mm too narrow for \(size)", file: file, line: line),
      RuleExample(
        make(area(width, depth - 1)), profile: profile, expected: .fail,
        note: "1 mm too shallow for \(size)", file: file, line: line),
      RuleExample(
        make(area(width, depth)), profile: profile, expected: .pass,
        note: "exactly \(size)", file: file, line: line),
      RuleExample(
        make(area(width + 1, depth + 1)), profile: profile, expected: .pass,
        note: "1 mm larger than \(size)", file: file, line: line),
      RuleExample(
        make(area(width, nil)), profile: profile, expected: .unknown,
        note: "depth not measured", file: file, line: line),
      RuleExample(
        make([]), profile: profile, expected: .unknown,
        note: "no area recorded", file: file, line: line),
    ]
  }
}
