#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text of a start tag and where it begins.
package struct RawTag {
  package var bytes: UnsafeBufferPointer<UInt8>
  package var line: Int
  package var column: Int

  package init(bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) {
    self.bytes = bytes
    self.line = line
    self.column = column
  }

  /// Line and column of attribute `name` inside the tag, if it is there.
  /// `value`, the value libxml2 reported, usually points into the tag's
  /// bytes: then the name is found back from it, not by a scan of the tag.
  package func position(
    ofAttribute name: String, value: UnsafeBufferPointer<UInt8>? = nil
  ) -> (line: Int, column: Int)? {
    let found = offset(ofAttribute: name, value: value)
    assert(found == nil || found == offset(ofAttribute: name), "\(name) found back from its value")
    guard let target = found ?? offset(ofAttribute: name) else { return nil }
    // Lines by their LF, then the characters of the last line: bytes that
    // are not UTF-8 continuation bytes, eight at a time.
    guard let base = bytes.baseAddress else { return (self.line, self.column) }
    var line = self.line
    var column = self.column
    var index = 0
    while index < target, let found = memchr(base + index, 0x0A, target - index) {
      line += 1
      column = 1
      index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
    }
    while index + 8 <= target {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      let continuation = word & ~(word << 1) & 0x8080_8080_8080_8080
      column += 8 - continuation.nonzeroBitCount
      index += 8
    }
    while index < target {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return (line, column)
  }

  /// The offset of attribute `name` found back from its value: a quote
  /// before the value, `=` with optional white space, the name after white
  /// space. nil when the value is not in the tag's bytes (libxml2 copies a
  /// value it had to normalize) or the bytes before it do not match.
  package func offset(ofAttribute name: String, value: UnsafeBufferPointer<UInt8>?) -> Int? {
    guard let tagStart = bytes.baseAddress, let valueStart = value?.baseAddress,
      valueStart > tagStart, valueStart <= tagStart + bytes.count
    else { return nil }
    var index = valueStart - tagStart - 1
    guard bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
      return nil
    }
    index -= 1
    while index > 0 && isSpace(bytes[index]) { index -= 1 }
    guard index > 0 && bytes[index] == UInt8(ascii: "=") else { return nil }
    index -= 1
    while index > 0 && isSpace(bytes[index]) { index -= 1 }
    var name = name
    return name.withUTF8 { name -> Int? in
      let start = index + 1 - name.count
      guard start > 0, isSpace(bytes[start - 1]),
        bytes[start..<index + 1].elementsEqual(name)
      else { return nil }
      return start
    }
  }

  /// The byte offset of attribute `name` in the tag: where the name stands
  /// outside any quoted value, after white space and before `=`.
  package func offset(ofAttribute name: String) -> Int? {
    let target = Array(name.utf8)
    var quote: UInt8? = nil
    var index = 0
    var previous: UInt8 = 0
    while index < bytes.count {
      let byte = bytes[index]
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if isSpace(previous), index + target.count <= bytes.count,
        bytes[index..<index + target.count].elementsEqual(target)
      {
        var after = index + target.count
        while after < bytes.count, isSpace(bytes[after]) { after += 1 }
        if after < bytes.count, bytes[after] == UInt8(ascii: "=") { return index }
      }
      previous = byte
      index += 1
    }
    return nil
  }

  private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
  }
}
