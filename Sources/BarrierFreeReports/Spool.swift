#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Text kept aside while a report streams, for a part of the document that
/// is written after something only known at the end (the HTML report puts
/// its summary charts before the flats). Small reports stay in memory;
/// beyond `limit` bytes the text goes to an anonymous temporary file, so
/// that memory does not grow with the portfolio.
final class Spool {
  /// A temporary file could not be made, written or read back.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private var buffer: [UInt8] = []
  private var file: UnsafeMutablePointer<FILE>?
  private let limit: Int

  /// Opens the temporary file: `tmpfile`, or a stand-in in tests.
  private let openFile: () -> UnsafeMutablePointer<FILE>?

  /// A spool that keeps up to `limit` bytes in memory.
  init(limit: Int = 4 << 20, openFile: @escaping () -> UnsafeMutablePointer<FILE>? = { tmpfile() })
  {
    self.limit = limit
    self.openFile = openFile
  }

  deinit {
    if let file { fclose(file) }
  }

  /// Whether anything was appended.
  private(set) var isEmpty = true

  /// Appends `text`.
  func append(_ text: String) throws {
    isEmpty = isEmpty && text.isEmpty
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= limit { try spill() }
  }

  /// Appends UTF-8 `bytes`.
  func append(bytes: [UInt8]) throws {
    isEmpty = isEmpty && bytes.isEmpty
    buffer.append(contentsOf: bytes)
    if buffer.count >= limit { try spill() }
  }

  /// Hands the text to `write` in pieces, in order, and empties the spool.
  func drain(_ write: (String) throws -> Void) throws {
    if let file {
      try spill()
      // fflush and fseek, not rewind: rewind drops the error of writing out
      // the last buffered bytes (a full disk), and the read-back would then
      // find nothing and say nothing.
      guard fflush(file) == 0 else {
        throw Failure(
          description: "cannot write a temporary file: \(String(cString: strerror(errno)))")
      }
      guard fseek(file, 0, SEEK_SET) == 0 else {
        throw Failure(
          description: "cannot read back a temporary file: \(String(cString: strerror(errno)))")
      }
      var chunk = [UInt8](repeating: 0, count: 1 << 20)
      var pending: [UInt8] = []
      while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count == 0 { break }
        pending.append(contentsOf: chunk[0..<count])
        let cut = Self.completeLength(pending)
        try write(String(decoding: pending[0..<cut], as: UTF8.self))
        pending.removeFirst(cut)
      }
      if ferror(file) != 0 { throw Failure(description: "cannot read back a temporary file") }
      if !pending.isEmpty { try write(String(decoding: pending, as: UTF8.self)) }
      fclose(file)
      self.file = nil
    } else if !buffer.isEmpty {
      try write(String(decoding: buffer, as: UTF8.self))
    }
    buffer.removeAll()
    isEmpty = true
  }

  /// The length of the longest prefix of `bytes` that ends with a whole
  /// UTF-8 character, so that a chunk never splits one.
  static func completeLength(_ bytes: [UInt8]) -> Int {
    var start = bytes.count
    while start > 0 && bytes.count - start < 4 {
      start -= 1
      let byte = bytes[start]
      guard byte & 0xC0 == 0x80 else {
        let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        return bytes.count - start >= length ? bytes.count : start
      }
    }
    return bytes.count
  }

  private func spill() throws {
    if file == nil {
      guard let opened = openFile() else {
        throw Failure(
          description: "cannot make a temporary file: \(String(cString: strerror(errno)))")
      }
      file = opened
    }
    let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    guard written == buffer.count else {
      throw Failure(
        description: "cannot write a temporary file: \(String(cString: strerror(errno)))")
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
