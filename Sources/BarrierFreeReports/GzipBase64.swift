import CZlib

/// Text compressed with gzip (zlib, level 1: fastest, no name and no time in the
/// header, so the same text gives the same bytes) and written as base64:
/// how a large HTML page carries each building's flats and findings, which
/// the browser unpacks with its own `DecompressionStream` when the
/// building is opened. HTML of findings shrinks about tenfold, so a
/// portfolio's page stays a size a browser reads in seconds.
enum GzipBase64 {
  /// `text` gzipped and in base64 (RFC 4648, with padding); nil if zlib
  /// fails (it does not, short of memory), when the caller keeps the text.
  static func encode(_ text: String) -> String? {
    var input = Array(text.utf8)
    var stream = z_stream()
    // 15 + 16: a gzip wrapper with a header zlib leaves empty (no name, no
    // time), rather than a raw zlib stream, which DecompressionStream
    // also reads but browsers have not always.
    guard
      deflateInit2_(
        &stream, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return nil }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
    let status = input.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(target.count)
        return deflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END else { return nil }
    return base64(output[..<Int(stream.total_out)])
  }

  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// RFC 4648 base64 with padding.
  static func base64(_ bytes: ArraySlice<UInt8>) -> String {
    var result: [UInt8] = []
    result.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let first = bytes[index]
      let second = index + 1 < bytes.endIndex ? bytes[index + 1] : 0
      let third = index + 2 < bytes.endIndex ? bytes[index + 2] : 0
      let remaining = bytes.endIndex - index
      result.append(alphabet[Int(first >> 2)])
      result.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
      result.append(remaining > 1 ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : 0x3D)
      result.append(remaining > 2 ? alphabet[Int(third & 0x3F)] : 0x3D)
      index += 3
    }
    return String(decoding: result, as: UTF8.self)
  }
}
