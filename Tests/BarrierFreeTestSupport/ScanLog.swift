import BarrierFreeXMLSupport

/// Every event of an ``XMLScanner`` scan, as text, for comparing scans of
/// the same bytes cut in different places.
package struct ScanLog: XMLScanHandler {
  package var events: [String] = []
  package var tagSkipLimit = 0

  package init(tagSkipLimit: Int = 0) {
    self.tagSkipLimit = tagSkipLimit
  }

  package mutating func markupOpened(at offset: Int, line: Int, column: Int) -> Bool {
    events.append("< \(offset) \(line):\(column)")
    return true
  }

  package mutating func markupBegan(_ kind: XMLScanner.Markup, at offset: Int) -> Bool {
    events.append("begin \(kind) \(offset)")
    return true
  }

  package mutating func attributeEquals(at offset: Int) -> Bool {
    events.append("= \(offset)")
    return true
  }

  package mutating func markupEnded(_ kind: XMLScanner.Markup, at offset: Int) -> Bool {
    events.append("end \(kind) \(offset)")
    return true
  }

  /// The events of scanning `bytes` in pieces that end at `ends` (offsets;
  /// one out of order is skipped), then the line and column at the end.
  package static func scan(_ bytes: [UInt8], ends: [Int], skipLimit: Int = 0) -> [String] {
    var scanner = XMLScanner()
    var log = ScanLog(tagSkipLimit: skipLimit)
    var start = 0
    for end in ends + [bytes.count] where end >= start {
      _ = bytes[start..<end].withUnsafeBytes { scanner.scan($0, &log) }
      start = end
    }
    return log.events + ["at \(scanner.line):\(scanner.column)"]
  }
}
