import BarrierFreeRules
import Foundation

/// A building of the JSON report written by hand, byte for byte as
/// `JSONEncoder` (sorted keys, unescaped slashes) writes it, at a fraction
/// of the cost: the encoder goes through `Codable` containers for every
/// key. Text with a quote, a backslash or a control character, and numbers
/// that are not whole, are handed to `JSONEncoder` one by one, so that they
/// come out exactly as before; everything else is copied. A test compares
/// both on every building of the samples and of a generated portfolio.
struct JSONText {
  private(set) var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(16 * 1024) }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func string(_ value: String) {
    // Over the contiguous UTF-8: the check is a tight loop and the copy a
    // memcpy (iterating `utf8` byte by byte was a fifth of a JSON check).
    var value = value
    let plain = value.withUTF8 { utf8 in
      for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
      bytes.append(0x22)
      bytes.append(contentsOf: utf8)
      bytes.append(0x22)
      return true
    }
    if !plain { bytes.append(contentsOf: Self.encoded(value).utf8) }
  }

  mutating func string(_ value: String?) {
    if let value { string(value) } else { raw("null") }
  }

  mutating func number(_ value: Double) {
    if value == value.rounded(), abs(value) < 1e15 {
      bytes.append(contentsOf: String(Int(value)).utf8)
    } else {
      bytes.append(contentsOf: Self.encoded(value).utf8)
    }
  }

  mutating func int(_ value: Int?) {
    if let value { bytes.append(contentsOf: String(value).utf8) } else { raw("null") }
  }

  mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

  mutating func strings(_ values: [String]) {
    raw("[")
    for (index, value) in values.enumerated() {
      if index > 0 { raw(",") }
      string(value)
    }
    raw("]")
  }

  mutating func findings(_ values: [FindingReport]) {
    raw("[")
    for (index, value) in values.enumerated() {
      if index > 0 { raw(",") }
      finding(value)
    }
    raw("]")
  }

  mutating func finding(_ finding: FindingReport) {
    raw("{\"clause\":")
    string(finding.clause)
    raw(",\"element\":")
    string(finding.element)
    raw(",\"measured\":")
    if let measured = finding.measured {
      raw("{\"unit\":")
      string(measured.unit)
      raw(",\"value\":")
      number(measured.value)
      raw("}")
    } else {
      raw("null")
    }
    raw(",\"message\":")
    string(finding.message)
    raw(",\"place\":")
    string(finding.place)
    raw(",\"remedy\":")
    string(finding.remedy)
    raw(",\"required\":")
    if let required = finding.required {
      raw("{")
      if let maximum = required.maximum {
        raw("\"maximum\":")
        number(maximum)
        raw(",")
      }
      if let minimum = required.minimum {
        raw("\"minimum\":")
        number(minimum)
        raw(",")
      }
      raw("\"text\":")
      string(required.text)
      raw(",\"unit\":")
      string(required.unit)
      raw("}")
    } else {
      raw("null")
    }
    raw(",\"rule\":")
    string(finding.rule)
    raw(",\"standard\":")
    string(finding.standard)
    raw(",\"status\":")
    string(finding.status.rawValue)
    raw("}")
  }

  mutating func flat(_ flat: FlatReport) {
    raw("{\"blockers\":")
    findings(flat.blockers)
    raw(",\"blockingRules\":")
    strings(flat.blockingRules)
    raw(",\"class\":")
    string(flat.class)
    raw(",\"classLabel\":")
    string(flat.classLabel)
    raw(",\"findings\":")
    findings(flat.findings)
    raw(",\"id\":")
    string(flat.id)
    raw(",\"level\":")
    int(flat.level)
    raw(",\"nextClass\":")
    string(flat.nextClass)
    raw(",\"number\":")
    string(flat.number)
    raw(",\"openQuestions\":")
    findings(flat.openQuestions)
    raw(",\"route\":")
    if let route = flat.route { strings(route) } else { raw("null") }
    raw(",\"routeProblem\":")
    string(flat.routeProblem)
    raw(",\"verified\":")
    bool(flat.verified)
    raw(",\"verifiedClass\":")
    string(flat.verifiedClass)
    raw("}")
  }

  mutating func building(_ building: BuildingReport) {
    raw("{\"address\":")
    string(building.address)
    raw(",\"findings\":")
    findings(building.findings)
    raw(",\"flats\":[")
    for (index, flat) in building.flats.enumerated() {
      if index > 0 { raw(",") }
      self.flat(flat)
    }
    raw("],\"id\":")
    string(building.id)
    raw(",\"name\":")
    string(building.name)
    raw("}")
  }

  /// `value` as `JSONEncoder` writes it.
  private static func encoded<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "null" }
    return String(decoding: data, as: UTF8.self)
  }
}
