import BarrierFreeModel

/// The outcome of one rule on one element.
public enum FindingStatus: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
  /// The element meets the requirement.
  case pass
  /// The element misses the requirement.
  case fail
  /// A measurement the rule needs is missing. Never counts as a pass.
  case unknown
  /// The requirement does not concern this element (an automatic door
  /// needs no free wall beside its handle).
  case notApplicable

  /// Sorts fails first, then unknowns, passes, and not applicable.
  public static func < (lhs: FindingStatus, rhs: FindingStatus) -> Bool {
    lhs.order < rhs.order
  }

  /// The position in `allCases`, for counting in an array.
  var index: Int {
    switch self {
    case .pass: 0
    case .fail: 1
    case .unknown: 2
    case .notApplicable: 3
    }
  }

  private var order: Int {
    switch self {
    case .fail: 0
    case .unknown: 1
    case .pass: 2
    case .notApplicable: 3
    }
  }
}

/// The unit a measured or required value is given in.
public enum MeasureUnit: String, Sendable, Hashable, CaseIterable, Codable {
  /// Millimetres: every length in the model and the rules.
  case millimetre = "mm"
  /// Per cent: slopes (rise per 100 of run).
  case percent = "%"
  /// Square metres: areas.
  case squareMetre = "m²"
  /// A plain number (steps, stops).
  case count = ""
  /// Inches: only in reports for a profile with imperial units; the model
  /// and the rules work in millimetres.
  case inch = "in"

  /// The raw value as a static string, which a report copies without
  /// making a `String`.
  @usableFromInline
  package var symbol: StaticString {
    switch self {
    case .millimetre: "mm"
    case .percent: "%"
    case .squareMetre: "m²"
    case .count: ""
    case .inch: "in"
    }
  }
}

/// A number with its unit.
public struct Quantity: Sendable, Hashable, Codable {
  /// The value in `unit`.
  public var value: Double
  /// The unit of `value`.
  public var unit: MeasureUnit

  /// Creates a quantity.
  public init(_ value: Double, _ unit: MeasureUnit) {
    self.value = value
    self.unit = unit
  }

  /// A length in millimetres.
  public init(_ length: Length) {
    self.init(length.millimetres, .millimetre)
  }

  /// A slope in percent.
  public init(_ slope: Slope) {
    self.init(slope.percent, .percent)
  }
}

extension Quantity: CustomStringConvertible {
  /// `900 mm`, `6 %`, `3`.
  public var description: String { StringSink.text { write(to: &$0) } }
}

/// What a rule requires of a measurement: a minimum, a maximum, or both.
public struct Requirement: Sendable, Hashable, Codable {
  /// The smallest value allowed, if there is one.
  public var minimum: Double?
  /// The largest value allowed, if there is one.
  public var maximum: Double?
  /// The unit of both bounds.
  public var unit: MeasureUnit
  /// The maximum slope as the ratio a standard states it (1:12), where it
  /// does: `maximum` is then its percentage, and ``isMet(by:)`` compares
  /// with the ratio.
  public var gradient: Gradient?

  /// Creates a requirement.
  public init(
    minimum: Double? = nil, maximum: Double? = nil, unit: MeasureUnit, gradient: Gradient? = nil
  ) {
    self.minimum = minimum
    self.maximum = maximum
    self.unit = unit
    self.gradient = gradient
  }

  /// At least `length`.
  public static func atLeast(_ length: Length) -> Requirement {
    Requirement(minimum: length.millimetres, unit: .millimetre)
  }

  /// At most `length`.
  public static func atMost(_ length: Length) -> Requirement {
    Requirement(maximum: length.millimetres, unit: .millimetre)
  }

  /// From `low` to `high`, both included.
  public static func between(_ low: Length, _ high: Length) -> Requirement {
    Requirement(minimum: low.millimetres, maximum: high.millimetres, unit: .millimetre)
  }

  /// Whether `value` (in this requirement's unit) meets it.
  public func isMet(by value: Double) -> Bool {
    if let minimum, value < minimum { return false }
    if let gradient { return gradient.admits(Slope(percent: value)) }
    if let maximum, value > maximum { return false }
    return true
  }
}

extension Requirement: CustomStringConvertible {
  /// `≥ 900 mm`, `≤ 20 mm`, `850–1050 mm`.
  public var description: String { StringSink.text { write(to: &$0) } }
}

/// What a rule concluded about one element, before the engine adds where the
/// element is and which rule and profile spoke.
public struct Evaluation: Sendable, Hashable {
  /// Pass, fail, unknown or not applicable.
  public var status: FindingStatus
  /// The measured value that decided, where there is one.
  public var measured: Quantity?
  /// The required value, where the requirement is a number.
  public var required: Requirement?
  /// What would fix a fail (or settle an unknown), where something would.
  public var remedy: String?
  /// The first part of the message; it is put together only when read,
  /// since most findings of a large portfolio are passes nobody prints.
  @usableFromInline var part: Part
  /// Further parts, for checks joined with ``Check/all(_:)``. Kept apart
  /// from the first so that a plain finding allocates no array.
  @usableFromInline var moreParts: [Part] = []

  /// Every part of the message.
  var parts: [Part] {
    get { [part] + moreParts }
    set {
      if let first = newValue.first {
        part = first
        moreParts = Array(newValue.dropFirst())
      }
    }
  }

  /// Creates an evaluation.
  public init(
    _ status: FindingStatus, measured: Quantity? = nil,
    required: Requirement? = nil, message: String, remedy: String? = nil
  ) {
    self.init(
      status, measured: measured, required: required, text: .literal(message), remedy: remedy)
  }

  init(
    _ status: FindingStatus, measured: Quantity? = nil, required: Requirement? = nil,
    text: Text, remedy: String? = nil
  ) {
    self.status = status
    self.measured = measured
    self.required = required
    self.part = Part(text: text, measured: measured, required: required)
    self.remedy = remedy
  }

  /// Whether the message says no more than the values do: one part,
  /// `<what> <measured>; <required> required` or `<what> not measured;
  /// <required> required`. A compact report leaves such a message out, and
  /// the remedy with it (the rule's remedy and the required value say it).
  package var saysOnlyItsValues: Bool {
    guard moreParts.isEmpty, required != nil else { return false }
    switch part.text {
    case .measured: return measured != nil
    case .unmeasured: return measured == nil
    case .literal, .area, .unmeasuredArea, .estimated: return false
    }
  }

  /// Whether every part of the message says that something was not
  /// measured (and what it must be): the remedy, which says what to
  /// measure, says as much.
  package var saysOnlyWhatIsUnmeasured: Bool {
    ([part] + moreParts).allSatisfy {
      switch $0.text {
      case .unmeasured, .unmeasuredArea: true
      case .literal, .measured, .area, .estimated: false
      }
    }
  }

  /// This evaluation of a value estimated from a building model, not
  /// measured: a fail stays a fail, a pass becomes unknown (an estimate
  /// never verifies), and the message says the value is an estimate.
  public func estimated(_ what: String) -> Evaluation {
    var result = Evaluation(
      status == .pass ? .unknown : status, measured: measured, required: required,
      text: .estimated(what), remedy: remedy)
    if status == .pass {
      result.remedy =
        "measure the \(what) on site: the model's estimate meets the requirement, which an estimate "
        + "does not verify"
    }
    return result
  }

  /// The message with lengths in `units`: `clear width 30.71 in; ≥ 31.75 in
  /// required` under imperial units.
  public func message(in units: UnitSystem) -> String {
    StringSink.text { writeMessage(in: units, to: &$0) }
  }

  /// A sentence with the values: `clear width 780 mm; ≥ 800 mm required`.
  public var message: String {
    get { message(in: .metric) }
    set {
      part = Part(text: .literal(newValue), measured: measured, required: required)
      moreParts = []
    }
  }

  /// One clause of a message, with the values it names.
  @usableFromInline
  struct Part: Sendable, Hashable {
    @usableFromInline var text: Text
    @usableFromInline var measured: Quantity?
    @usableFromInline var required: Requirement?
  }

  /// How a clause of a message is made.
  @usableFromInline
  enum Text: Sendable, Hashable {
    /// A finished sentence.
    case literal(String)
    /// `<what> <measured>; <required> required`.
    case measured(String)
    /// `<what> not measured; <required> required`.
    case unmeasured(String)
    /// `<what> <w> × <d> mm; <minimum w> × <minimum d> mm required`, with a
    /// note when another area is only partly measured.
    case area(
      String, width: Double, depth: Double, minimumWidth: Double, minimumDepth: Double,
      partly: Bool)
    /// `<what> not measured; <minimum w> × <minimum d> mm required`.
    case unmeasuredArea(String, minimumWidth: Double, minimumDepth: Double)
    /// `<what> <measured> (estimated from a building model, not measured);
    /// <required> required`.
    case estimated(String)
  }
}

/// One step of an element's path: `flat W3`, `room bath`, `wc #1`.
public struct PathStep: Sendable, Hashable, Codable {
  /// What the element is: `building`, `flat`, `room`, `door`, `wc`, …
  public var kind: String
  /// Its identifier, or `#n` (1-based, among its siblings of the same kind)
  /// for an element without one.
  public var name: String

  /// Creates a step.
  public init(kind: String, name: String) {
    self.kind = kind
    self.name = name
  }
}

/// Where an element is: building › flat › room › fixture or door.
public struct ElementPath: Sendable, Hashable, Codable {
  /// The steps from the building down.
  public var steps: [PathStep]

  /// Creates a path.
  public init(_ steps: [PathStep] = []) {
    self.steps = steps
  }

  /// This path with one more step.
  public func appending(_ kind: String, _ name: String) -> ElementPath {
    var longer = [PathStep]()
    longer.reserveCapacity(steps.count + 1)
    longer += steps
    longer.append(PathStep(kind: kind, name: name))
    return ElementPath(longer)
  }
}

extension ElementPath: CustomStringConvertible {
  /// `building b1 › flat W3 › room bath › door bath-door`.
  public var description: String {
    // One string grown in place: this runs for every finding a report
    // lists, and map + joined made it a tenth of a JSON check.
    var text = ""
    text.reserveCapacity(steps.reduce(0) { $0 + $1.kind.utf8.count + $1.name.utf8.count + 5 })
    for (index, step) in steps.enumerated() {
      if index > 0 { text += " › " }
      text += step.kind
      text += " "
      text += step.name
    }
    return text
  }
}

/// What one rule found about one element under one profile.
public struct Finding: Sendable, Hashable {
  /// The rule's id.
  public var rule: String {
    get { source.rule }
    set { source = Source(rule: newValue, profile: profile, citation: citation) }
  }
  /// The profile whose thresholds were applied.
  public var profile: String {
    get { source.profile }
    set { source = Source(rule: rule, profile: newValue, citation: citation) }
  }
  /// The standard and clause the requirement comes from, as the profile
  /// cites it: `DIN 18040-2:2011-09, 5.3.1`.
  public var citation: Citation {
    get { source.citation }
    set { source = Source(rule: rule, profile: profile, citation: newValue) }
  }
  /// Where the element is.
  public var path: ElementPath
  /// What the rule concluded.
  public var evaluation: Evaluation {
    get { concluded.evaluation }
    set { concluded = Concluded(newValue) }
  }
  /// The evaluation, in storage shared by every level that reached it (the
  /// levels of a ladder evaluate most elements alike) and copied as one
  /// reference where the struct took dozens of bytes and several retains.
  private(set) var concluded: Concluded
  /// Rule, profile and citation: one reference, shared by all the findings
  /// of one binding, where four strings were retained for each finding.
  package private(set) var source: Source

  /// Creates a finding.
  public init(
    rule: String, profile: String, citation: Citation, path: ElementPath,
    evaluation: Evaluation
  ) {
    self.init(
      source: Source(rule: rule, profile: profile, citation: citation), path: path,
      evaluation: evaluation)
  }

  init(source: Source, path: ElementPath, evaluation: Evaluation) {
    self.init(source: source, path: path, concluded: Concluded(evaluation))
  }

  init(source: Source, path: ElementPath, concluded: Concluded) {
    self.source = source
    self.path = path
    self.concluded = concluded
  }

  /// Pass, fail, unknown or not applicable.
  public var status: FindingStatus { concluded.evaluation.status }

  /// Whether the finding stands in the way: a fail or an unknown.
  public var isOpen: Bool { status == .fail || status == .unknown }

  // A class: copying the Evaluation struct per finding and level was 37 M of
  // 2.66 G instructions (callgrind, check -q --jobs 1, 150 buildings).
  /// An evaluation in shared, unchanging storage. Compared by value.
  final class Concluded: Sendable, Hashable {
    let evaluation: Evaluation

    init(_ evaluation: Evaluation) {
      self.evaluation = evaluation
    }

    static func == (lhs: Concluded, rhs: Concluded) -> Bool {
      lhs === rhs || lhs.evaluation == rhs.evaluation
    }

    func hash(into hasher: inout Hasher) {
      hasher.combine(evaluation)
    }
  }

  // A class: one retain where four strings were, and the JSON writer keys
  // its cache of a source's text on the object's identity.
  /// Who spoke: the rule, under which profile, citing what. Compared by
  /// value.
  package final class Source: Sendable, Hashable {
    package let rule: String
    package let profile: String
    package let citation: Citation

    init(rule: String, profile: String, citation: Citation) {
      self.rule = rule
      self.profile = profile
      self.citation = citation
    }

    package static func == (lhs: Source, rhs: Source) -> Bool {
      lhs === rhs
        || (lhs.rule == rhs.rule && lhs.profile == rhs.profile && lhs.citation == rhs.citation)
    }

    package func hash(into hasher: inout Hasher) {
      hasher.combine(rule)
      hasher.combine(profile)
      hasher.combine(citation)
    }
  }
}

/// How sure a profile is of a threshold it binds, in the marks of the
/// reference tables it was taken from (shared/reference/din18040-2.md and
/// international.md).
public enum Confidence: String, Sendable, Hashable, CaseIterable, Codable {
  /// `VV`: confirmed by two or more independent sources.
  case confirmed = "VV"
  /// `V`: found in one source's text.
  case oneSource = "V"
  /// `K`: from knowledge of the standard, consistent with secondary
  /// sources, but the clause text was not re-read.
  case recalled = "K"
  /// `?`: unsure; to be checked against the standard.
  case unsure = "?"
}

/// The source of a requirement: a standard, its edition and a clause, with
/// how sure the profile is of them.
public struct Citation: Sendable, Hashable, Codable {
  /// The standard with its edition: `DIN 18040-2:2011-09`.
  public var standard: String
  /// The clause: `5.3.1`, `Table 1`.
  public var clause: String
  /// How sure the threshold is; nil where the profile does not say.
  public var confidence: Confidence?
  /// Whether the clause number is a reconstruction not seen in a source
  /// (marked "(?)" in the reference tables).
  public var clauseUnsure: Bool

  /// Creates a citation.
  public init(
    standard: String, clause: String, confidence: Confidence? = nil, clauseUnsure: Bool = false
  ) {
    self.standard = standard
    self.clause = clause
    self.confidence = confidence
    self.clauseUnsure = clauseUnsure
  }

  /// The confidence as reports write it: `VV`, `V`, `K` or `?`, then
  /// `clause ?` for a reconstructed clause (`V; clause ?`); empty when
  /// nothing is known.
  public var confidenceLabel: String {
    Citation.confidenceLabel(confidence?.rawValue, clauseUnsure: clauseUnsure)
  }

  /// The marks of what is unsure, for the text and HTML reports: `clause ?`,
  /// `threshold ?`, or both (`threshold ?; clause ?`); empty when nothing is.
  public var unsureMarks: String {
    Citation.unsureMarks(confidence?.rawValue, clauseUnsure: clauseUnsure)
  }

  /// ``confidenceLabel`` from its parts.
  public static func confidenceLabel(_ confidence: String?, clauseUnsure: Bool) -> String {
    [confidence, clauseUnsure ? "clause ?" : nil].compactMap { $0 }.joined(separator: "; ")
  }

  /// ``unsureMarks`` from its parts.
  public static func unsureMarks(_ confidence: String?, clauseUnsure: Bool) -> String {
    [
      confidence == Confidence.unsure.rawValue ? "threshold ?" : nil,
      clauseUnsure ? "clause ?" : nil,
    ].compactMap { $0 }.joined(separator: "; ")
  }
}

extension Citation: CustomStringConvertible {
  /// `DIN 18040-2:2011-09, 5.3.1`.
  public var description: String { "\(standard), \(clause)" }
}
