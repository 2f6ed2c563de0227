import BarrierFreeModel

/// Receives a message piece by piece.
///
/// Messages, measured values and requirements are written through a sink
/// rather than returned as strings, so that a report can write them
/// straight into its output (the JSON report escapes each piece into its
/// bytes) without making a `String` for every finding of a large portfolio.
/// ``Evaluation/message(in:)`` and the `description`s are the same pieces
/// gathered into a string, so both ways give the same text.
public protocol MessageSink: ~Copyable {
  /// Appends `text` as it is.
  mutating func write(_ text: String)
  /// Appends `value` as `formatDecimal(_:)` writes it: `900`, `2.5`.
  mutating func write(number value: Double)
  /// Appends `text`, a piece of the message's wording (`; `, ` required`,
  /// a unit's symbol). Such pieces hold no quote, backslash or control
  /// character, so a sink that escapes can copy them as they are.
  mutating func write(literal text: StaticString)
}

extension MessageSink where Self: ~Copyable {
  /// Appends `text` through ``write(_:)``.
  public mutating func write(literal text: StaticString) {
    write(text.description)
  }
}

/// Gathers the pieces into a string.
struct StringSink: MessageSink {
  var text = ""

  mutating func write(_ text: String) { self.text += text }
  mutating func write(number value: Double) { text += formatDecimal(value) }
  mutating func write(literal text: StaticString) {
    text.withUTF8Buffer { self.text += String(decoding: $0, as: UTF8.self) }
  }

  /// What `body` writes, as a string.
  static func text(_ body: (inout StringSink) -> Void) -> String {
    var sink = StringSink()
    body(&sink)
    return sink.text
  }
}

extension Quantity {
  /// Writes `900 mm`, `6 %`, `3` (what ``description`` says) to `sink`.
  @inlinable
  public func write(to sink: inout some MessageSink & ~Copyable) {
    sink.write(number: value)
    if unit != .count {
      sink.write(literal: " ")
      sink.write(literal: unit.symbol)
    }
  }
}

extension Requirement {
  /// Writes `≥ 900 mm`, `≤ 20 mm`, `850–1050 mm` (what ``description``
  /// says) to `sink`.
  @inlinable
  public func write(to sink: inout some MessageSink & ~Copyable) {
    switch (minimum, maximum) {
    case (let low?, let high?):
      sink.write(number: low)
      sink.write(literal: "–")
      sink.write(number: high)
    case (let low?, nil):
      sink.write(literal: "≥ ")
      sink.write(number: low)
    case (nil, let high?):
      sink.write(literal: "≤ ")
      if let gradient {
        // A ratio has no unit: `≤ 1:12`.
        sink.write(number: gradient.rise)
        sink.write(literal: ":")
        sink.write(number: gradient.run)
        return
      }
      sink.write(number: high)
    case (nil, nil):
      sink.write(literal: "any")
      return
    }
    if unit != .count {
      sink.write(literal: " ")
      sink.write(literal: unit.symbol)
    }
  }
}

extension Evaluation {
  /// Writes the message with lengths in `units` (what ``message(in:)``
  /// returns) to `sink`. Inlinable, so that a report's sink gets a copy
  /// of its own, which calls the sink directly.
  @inlinable
  public func writeMessage(
    in units: UnitSystem = .metric, to sink: inout some MessageSink & ~Copyable
  ) {
    part.text.write(measured: part.measured, required: part.required, units: units, to: &sink)
    for more in moreParts {
      sink.write(literal: "; ")
      more.text.write(measured: more.measured, required: more.required, units: units, to: &sink)
    }
  }
}

extension Evaluation.Text {
  @inlinable
  func write(
    measured: Quantity?, required: Requirement?, units: UnitSystem,
    to sink: inout some MessageSink & ~Copyable
  ) {
    func size(_ width: Double, _ depth: Double) {
      let shownWidth = units.shown(Quantity(width, .millimetre))
      sink.write(number: shownWidth.value)
      sink.write(literal: " × ")
      sink.write(number: units.shown(Quantity(depth, .millimetre)).value)
      sink.write(literal: " ")
      sink.write(literal: shownWidth.unit.symbol)
    }
    /// A measured size and the size required, each side with the digits
    /// that keep the comparison the rule made.
    func sizes(_ width: Double, _ depth: Double, _ minimumWidth: Double, _ minimumDepth: Double) {
      let (shownWidth, shownMinimumWidth) = units.shown(width, against: minimumWidth)
      let (shownDepth, shownMinimumDepth) = units.shown(depth, against: minimumDepth)
      let symbol = units.shown(Quantity(width, .millimetre)).unit.symbol
      sink.write(number: shownWidth)
      sink.write(literal: " × ")
      sink.write(number: shownDepth)
      sink.write(literal: " ")
      sink.write(literal: symbol)
      sink.write(literal: "; ")
      sink.write(number: shownMinimumWidth)
      sink.write(literal: " × ")
      sink.write(number: shownMinimumDepth)
      sink.write(literal: " ")
      sink.write(literal: symbol)
    }
    func requirement() {
      if let required {
        units.shown(required).write(to: &sink)
      } else {
        sink.write(literal: "a value")
      }
    }
    switch self {
    case .literal(let text):
      sink.write(units.converting(text))
    case .measured(let what), .estimated(let what):
      sink.write(what)
      sink.write(literal: " ")
      let shown = units.shown(measured, against: required)
      if let measured = shown.measured {
        measured.write(to: &sink)
      } else {
        sink.write(literal: "?")
      }
      if case .estimated = self {
        sink.write(literal: " (estimated from a building model, not measured)")
      }
      sink.write(literal: "; ")
      if let required = shown.required {
        required.write(to: &sink)
      } else {
        sink.write(literal: "a value")
      }
      sink.write(literal: " required")
    case .unmeasured(let what):
      sink.write(what)
      sink.write(literal: " not measured; ")
      requirement()
      sink.write(literal: " required")
    case .area(let what, let width, let depth, let minimumWidth, let minimumDepth, let partly):
      sink.write(what)
      sink.write(literal: " ")
      sizes(width, depth, minimumWidth, minimumDepth)
      sink.write(literal: " required")
      if partly { sink.write(literal: "; another area is only partly measured") }
    case .unmeasuredArea(let what, let minimumWidth, let minimumDepth):
      sink.write(what)
      sink.write(literal: " not measured; ")
      size(minimumWidth, minimumDepth)
      sink.write(literal: " required")
    }
  }
}
