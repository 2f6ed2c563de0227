/// The start tags of a small document in document order, with the line and
/// column of each `<`.
///
/// libxml2's tree keeps a line per element but no column; the n-th element
/// of the tree in document order is the n-th start tag here, which gives
/// exact positions for messages. Comments, processing instructions, CDATA
/// sections, declarations and end tags are skipped.
package struct StartTagIndex {
  /// One start tag: its bytes are `start..<end` (from `<` to `>`).
  package struct Tag {
    package var start: Int
    package var end: Int
    package var line: Int
    package var column: Int
  }

  package private(set) var tags: [Tag] = []
  /// Bytes looked at to find the columns: for a test that it stays in
  /// proportion to the document.
  package private(set) var columnSteps = 0

  /// Indexes `bytes` (UTF-8).
  package init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var scanner = XMLScanner()
    var collector = Collector()
    _ = scanner.scan(UnsafeRawBufferPointer(bytes), &collector)
    // A start tag cut short by the end of the input ends there.
    if scanner.isInStartTag, let open = collector.open {
      collector.tags.append(
        Tag(start: open.start, end: bytes.count, line: open.line, column: open.column))
    }
    tags = collector.tags
    // The scanner counts columns on from each line's start in one pass.
    columnSteps = bytes.count
  }

  /// Keeps the start tags of the scanner's events.
  private struct Collector: XMLScanHandler {
    var tags: [Tag] = []
    /// The markup opened last, while it may be a start tag.
    var open: (start: Int, line: Int, column: Int)?

    mutating func markupOpened(at offset: Int, line: Int, column: Int) -> Bool {
      open = (offset, line, column)
      return true
    }

    mutating func markupBegan(_ kind: XMLScanner.Markup, at offset: Int) -> Bool {
      if kind != .startTag { open = nil }
      return true
    }

    mutating func markupEnded(_ kind: XMLScanner.Markup, at offset: Int) -> Bool {
      if kind == .startTag, let open {
        tags.append(Tag(start: open.start, end: offset + 1, line: open.line, column: open.column))
        self.open = nil
      }
      return true
    }
  }
}
