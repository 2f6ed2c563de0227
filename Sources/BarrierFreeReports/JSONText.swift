import BarrierFreeModel
import BarrierFreeRules

/// The JSON report's one encoder: every part of the document is written by
/// hand, in the form `JSONEncoder` (sorted keys, unescaped slashes) gave it
/// when the report was first written, at a fraction of the cost (the
/// encoder went through `Codable` containers for every key). Strings are
/// escaped the way `JSONEncoder` escapes them, and numbers that are not
/// whole are written as its `description` (both tested against
/// `JSONEncoder`).
///
/// As a ``MessageSink`` it takes the pieces of a message and escapes them
/// into a JSON string whose quotes the caller writes.
struct JSONText: ~Copyable, MessageSink {
  private var buffer: ByteBuffer

  init(capacity: Int = 16 * 1024) { buffer = ByteBuffer(capacity: capacity) }

  /// What has been written.
  var bytes: [UInt8] { buffer.array }

  var text: String { buffer.withBytes { String(decoding: $0, as: UTF8.self) } }

  mutating func raw(_ text: StaticString) {
    buffer.append(text.utf8Start, count: text.utf8CodeUnitCount)
  }

  /// Appends a piece of a message's wording as it is: such pieces need no
  /// escape (``MessageSink/write(literal:)``).
  mutating func write(literal text: StaticString) {
    assert(
      text.withUTF8Buffer { !$0.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } },
      "a literal that needs an escape")
    raw(text)
  }

  /// What `json` holds from byte `start` on.
  mutating func raw(_ json: borrowing JSONText, from start: Int = 0) {
    json.buffer.withBytes { buffer.append(UnsafeBufferPointer(rebasing: $0[start...])) }
  }

  /// What `json` holds in `range`.
  mutating func raw(_ json: borrowing JSONText, _ range: Range<Int>) {
    json.buffer.withBytes { buffer.append(UnsafeBufferPointer(rebasing: $0[range])) }
  }

  /// Appends a copy of bytes `start..<end` of this text.
  mutating func repeatBytes(from start: Int, to end: Int) {
    precondition(0 <= start && start <= end && end <= count, "a range outside the text")
    buffer.appendOwn(from: start, to: end)
  }

  /// The number of bytes written.
  var count: Int { buffer.count }

  /// Forgets what has been written, keeping the memory.
  mutating func removeAll() { buffer.removeAll() }

  mutating func string(_ value: String) {
    buffer.append(0x22)
    write(value)
    buffer.append(0x22)
  }

  /// Appends `text` escaped for the inside of a JSON string.
  mutating func write(_ text: String) {
    // Over the contiguous UTF-8, borrowed where the string is native (no
    // copy of the string, so no retain), copied out of bridged storage
    // otherwise.
    let written: Void? = text.utf8.withContiguousStorageIfAvailable { write(escaping: $0) }
    if written == nil {
      var copy = text
      copy.withUTF8 { write(escaping: $0) }
    }
  }

  /// Appends `utf8` escaped: runs of plain bytes are copied whole, and
  /// eight bytes at a time are checked for anything to escape. The last
  /// bytes are checked as one word too, loaded so that it overlaps bytes
  /// already checked rather than reaching past the end (most strings of a
  /// report are ids, clauses and units shorter than eight bytes).
  private mutating func write(escaping utf8: UnsafeBufferPointer<UInt8>) {
    guard let base = utf8.baseAddress else { return }
    let count = utf8.count
    let raw = UnsafeRawPointer(base)
    var plainFrom = 0
    var index = 0
    while index < count {
      let word: UInt64
      let end: Int
      if index + 8 <= count {
        word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        end = index + 8
      } else {
        word = Self.lastWord(raw, count: count)
        end = count
      }
      if Self.needsEscape(word) {
        while index < end {
          let byte = base[index]
          if byte < 0x20 || byte == 0x22 || byte == 0x5C {
            buffer.append(base + plainFrom, count: index - plainFrom)
            escape(byte)
            plainFrom = index + 1
          }
          index += 1
        }
      }
      index = end
    }
    buffer.append(base + plainFrom, count: count - plainFrom)
  }

  /// A word that holds the last bytes of `bytes` (up to eight; all of
  /// them when there are fewer), and only bytes of `bytes` or spaces.
  @inline(__always)
  private static func lastWord(_ bytes: UnsafeRawPointer, count: Int) -> UInt64 {
    if count >= 8 {
      return bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
      let head = UInt64(bytes.loadUnaligned(as: UInt32.self))
      let tail = UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
      return head | tail << 32
    }
    let first = UInt64(bytes.load(fromByteOffset: 0, as: UInt8.self))
    let middle = UInt64(bytes.load(fromByteOffset: count / 2, as: UInt8.self))
    let last = UInt64(bytes.load(fromByteOffset: count - 1, as: UInt8.self))
    return first | middle << 8 | last << 16 | 0x2020_2020_2000_0000
  }

  /// Whether one of the eight bytes of `word` is a control character, a
  /// quote or a backslash (the exact tests for a byte below a value and for
  /// a byte equal to one, over all eight at once).
  static func needsEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let control = (word &- ones &* 0x20) & ~word & highs
    let quotes = word ^ (ones &* 0x22)
    let backslashes = word ^ (ones &* 0x5C)
    let quote = (quotes &- ones) & ~quotes & highs
    let backslash = (backslashes &- ones) & ~backslashes & highs
    return control | quote | backslash != 0
  }

  /// Appends `value` as ``formatDecimal(_:)`` writes it.
  mutating func write(number value: Double) {
    if value == value.rounded(), abs(value) < 1e15 {
      integer(Int64(value))
    } else {
      write(formatDecimal(value))
    }
  }

  /// The escape `JSONEncoder` writes for `byte` (a quote, a backslash or a
  /// control character).
  private mutating func escape(_ byte: UInt8) {
    buffer.append(0x5C)
    switch byte {
    case 0x22, 0x5C: buffer.append(byte)
    case 0x08: buffer.append(UInt8(ascii: "b"))
    case 0x09: buffer.append(UInt8(ascii: "t"))
    case 0x0A: buffer.append(UInt8(ascii: "n"))
    case 0x0C: buffer.append(UInt8(ascii: "f"))
    case 0x0D: buffer.append(UInt8(ascii: "r"))
    default:
      let hex: StaticString = "0123456789abcdef"
      buffer.append(UInt8(ascii: "u"))
      buffer.append(0x30)
      buffer.append(0x30)
      buffer.append(hex.utf8Start[Int(byte >> 4)])
      buffer.append(hex.utf8Start[Int(byte & 0xF)])
    }
  }

  /// The decimal digits of `value`, written backwards straight into the
  /// buffer once their number is known.
  private mutating func integer(_ value: Int64) {
    if value < 0 { buffer.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits = 1
    var limit: UInt64 = 10
    while digits < 20 && magnitude >= limit {
      digits += 1
      limit = limit &* 10
    }
    buffer.appendBackwards(count: digits) { place in
      place.pointee = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
    }
  }

  mutating func string(_ value: String?) {
    if let value { string(value) } else { raw("null") }
  }

  /// `value` as `JSONEncoder` writes a `Double`: whole numbers without a
  /// fraction, others as their shortest round-trip `description`.
  mutating func number(_ value: Double) {
    if value == 0 && value.sign == .minus {
      raw("-0")  // as JSONEncoder writes negative zero
    } else if value == value.rounded(), abs(value) < 1e15 {
      integer(Int64(value))
    } else if value.isFinite {
      var text = value.description
      if text.hasSuffix(".0") { text.removeLast(2) }
      write(text)
    } else {
      raw("null")
    }
  }

  mutating func int(_ value: Int?) {
    if let value { integer(Int64(value)) } else { raw("null") }
  }

  mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

  mutating func strings(_ values: [String]) {
    raw("[")
    separated(values) { json, value in json.string(value) }
    raw("]")
  }

  /// Writes each of `items` with `write`, a comma between two.
  mutating func separated<Items: Sequence>(
    _ items: Items, _ write: (inout JSONText, Items.Element) -> Void
  ) {
    var first = true
    for item in items {
      if !first { raw(",") }
      first = false
      write(&self, item)
    }
  }

  /// `{"maximum":…,"minimum":…,` — the start of a required value, keys in
  /// JSONEncoder's order, each bound only when there is one.
  mutating func bounds(minimum: Double?, maximum: Double?) {
    raw("{")
    if let maximum {
      raw("\"maximum\":")
      number(maximum)
      raw(",")
    }
    if let minimum {
      raw("\"minimum\":")
      number(minimum)
      raw(",")
    }
  }
}

/// Bytes in one growing allocation: appending is a bounds check and a copy,
/// where `Array.append(contentsOf:)` went through its generic path for each
/// of the dozens of pieces of every finding.
struct ByteBuffer: ~Copyable {
  private var start: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = max(16, capacity)
    start = .allocate(capacity: self.capacity)
  }

  deinit { start.deallocate() }

  mutating func removeAll() { count = 0 }

  mutating func append(_ byte: UInt8) {
    if count == capacity { grow(to: count + 1) }
    start[count] = byte
    count += 1
  }

  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress else { return }
    append(base, count: bytes.count)
  }

  mutating func append(_ bytes: UnsafePointer<UInt8>, count added: Int) {
    let end = count + added
    if end > capacity { grow(to: end) }
    let to = UnsafeMutableRawPointer(start + count)
    let from = UnsafeRawPointer(bytes)
    // Short pieces (keys, units, numbers, ids, paths) are most of the calls: two
    // overlapping loads and stores, as memcpy does for them, without the
    // call. The words are loaded before either is stored.
    if added > 16 && added <= 32 {
      let head = from.loadUnaligned(as: SIMD16<UInt8>.self)
      let tail = from.loadUnaligned(fromByteOffset: added - 16, as: SIMD16<UInt8>.self)
      to.storeBytes(of: head, as: SIMD16<UInt8>.self)
      to.storeBytes(of: tail, toByteOffset: added - 16, as: SIMD16<UInt8>.self)
    } else if added >= 8 && added <= 16 {
      let head = from.loadUnaligned(as: UInt64.self)
      let tail = from.loadUnaligned(fromByteOffset: added - 8, as: UInt64.self)
      to.storeBytes(of: head, as: UInt64.self)
      to.storeBytes(of: tail, toByteOffset: added - 8, as: UInt64.self)
    } else if added >= 4 && added < 8 {
      let head = from.loadUnaligned(as: UInt32.self)
      let tail = from.loadUnaligned(fromByteOffset: added - 4, as: UInt32.self)
      to.storeBytes(of: head, as: UInt32.self)
      to.storeBytes(of: tail, toByteOffset: added - 4, as: UInt32.self)
    } else if added < 4 {
      var index = 0
      while index < added {
        to.storeBytes(of: bytes[index], toByteOffset: index, as: UInt8.self)
        index += 1
      }
    } else {
      to.copyMemory(from: from, byteCount: added)
    }
    count = end
  }

  /// Makes room for `added` bytes and lets `digit` fill them from the
  /// last to the first.
  @inline(__always)
  mutating func appendBackwards(count added: Int, _ digit: (UnsafeMutablePointer<UInt8>) -> Void) {
    if count + added > capacity { grow(to: count + added) }
    var place = start + count + added
    while place > start + count {
      place -= 1
      digit(place)
    }
    count += added
  }

  /// Appends a copy of bytes `start..<end` of this buffer.
  mutating func appendOwn(from start: Int, to end: Int) {
    let added = end - start
    if count + added > capacity { grow(to: count + added) }
    (self.start + count).update(from: self.start + start, count: added)
    count += added
  }

  func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try body(UnsafeBufferPointer(start: start, count: count))
  }

  /// A copy of the bytes.
  var array: [UInt8] { withBytes { Array($0) } }

  private mutating func grow(to needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStart.initialize(from: start, count: count)
    start.deallocate()
    start = newStart
    capacity = newCapacity
  }
}
