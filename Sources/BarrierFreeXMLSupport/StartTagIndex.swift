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
    let count = bytes.count
    // Line starts, with XML's line ends: LF, CR, and CR LF once.
    var lineStarts = [0]
    var index = 0
    while index < count {
      let byte = bytes[index]
      if byte == 0x0A {
        lineStarts.append(index + 1)
      } else if byte == 0x0D {
        if index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
        lineStarts.append(index + 1)
      }
      index += 1
    }
    func find(_ pattern: [UInt8], from start: Int) -> Int {
      var at = start
      while at + pattern.count <= count {
        if bytes[at] == pattern[0]
          && (1..<pattern.count).allSatisfy({ bytes[at + $0] == pattern[$0] })
        {
          return at + pattern.count
        }
        at += 1
      }
      return count
    }
    func startsWith(_ pattern: [UInt8], at start: Int) -> Bool {
      start + pattern.count <= count
        && (0..<pattern.count).allSatisfy { bytes[start + $0] == pattern[$0] }
    }
    var found: [(start: Int, end: Int)] = []
    index = 0
    while index < count {
      guard bytes[index] == UInt8(ascii: "<") else {
        index += 1
        continue
      }
      if startsWith(Array("<!--".utf8), at: index) {
        index = find(Array("-->".utf8), from: index + 4)
      } else if startsWith(Array("<![CDATA[".utf8), at: index) {
        index = find(Array("]]>".utf8), from: index + 9)
      } else if startsWith(Array("<?".utf8), at: index) {
        index = find(Array("?>".utf8), from: index + 2)
      } else if startsWith(Array("</".utf8), at: index) || startsWith(Array("<!".utf8), at: index) {
        index = find(Array(">".utf8), from: index + 2)
      } else {
        var cursor = index + 1
        var quote: UInt8 = 0
        while cursor < count {
          let byte = bytes[cursor]
          if quote != 0 {
            if byte == quote { quote = 0 }
          } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            quote = byte
          } else if byte == UInt8(ascii: ">") {
            break
          }
          cursor += 1
        }
        found.append((index, min(cursor + 1, count)))
        index = cursor + 1
      }
    }
    var line = 0
    // The column is counted on from the previous tag on the same line, not
    // from the line's start: counting from there for every tag took
    // minutes on a profile written on one line of a megabyte.
    var counted = 0
    var column = 1
    for (start, end) in found {
      while line + 1 < lineStarts.count && lineStarts[line + 1] <= start { line += 1 }
      if counted < lineStarts[line] {
        counted = lineStarts[line]
        column = 1
      }
      for offset in counted..<start where bytes[offset] & 0xC0 != 0x80 {
        column += 1
      }
      columnSteps += start - counted
      counted = start
      tags.append(Tag(start: start, end: end, line: line + 1, column: column))
    }
  }
}
