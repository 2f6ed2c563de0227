import BarrierFreeModel
internal import CZlib

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a reader's bytes come from.
package protocol ByteSource: AnyObject {
  /// Fills `buffer` with up to its count of bytes; 0 at the end of the input.
  /// Throws a message when the input cannot be read.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError)
    -> Int
}

/// Why an input could not be read.
package struct ByteSourceError: Error {
  package var message: String

  package init(message: String) {
    self.message = message
  }
}

/// A file or standard input read through zlib's `gzread`, which passes plain
/// files through unchanged and decompresses gzip files on the fly.
package final class ZlibFileSource: ByteSource {
  private var file: gzFile?
  private let displayName: String
  /// Bytes handed out so far (after decompression).
  private var delivered = 0

  /// The most bytes a compressed input may unpack to per byte read, once
  /// it has unpacked to ``bombFloor``. XML portfolios compress about 18
  /// times (a generated one, and even one building copied 3,000 times
  /// with only its id changed); deflate's limit is about 1,030, reached
  /// by a short pattern repeated: a gigabyte of empty comments in 1.5 MB
  /// took 95 s to read, and no bound on text between tags sees comments.
  package static let maximumRatio = 200
  /// Below this many unpacked bytes the ratio is not looked at: a small
  /// file costs little however well it compresses.
  package static let bombFloor = 64 << 20

  /// Opens `path`, or standard input for `-`.
  package init(path: String) throws(ByteSourceError) {
    displayName = path
    if path == "-" {
      // Duplicate the descriptor so that gzclose does not close stdin itself.
      let descriptor = dup(STDIN_FILENO)
      guard descriptor >= 0 else {
        throw ByteSourceError(message: "cannot read standard input")
      }
      file = gzdopen(descriptor, "rb")
    } else {
      var status = stat()
      if stat(path, &status) != 0 {
        throw ByteSourceError(
          message: "cannot open '\(path)': \(String(cString: strerror(errno)))")
      }
      if (status.st_mode & S_IFMT) == S_IFDIR {
        throw ByteSourceError(message: "'\(path)' is a directory, not a file")
      }
      file = gzopen(path, "rb")
    }
    guard let file else {
      throw ByteSourceError(
        message: "cannot open '\(path)': \(String(cString: strerror(errno)))")
    }
    // A larger internal buffer halves the number of read calls.
    gzbuffer(file, 256 * 1024)
  }

  deinit {
    if let file { gzclose(file) }
  }

  /// Opens `path` as a reader does: a failure is an ``ImportError`` naming
  /// the file.
  package static func open(_ path: String) throws(ImportError) -> ZlibFileSource {
    do {
      return try ZlibFileSource(path: path)
    } catch {
      throw ImportError(diagnostics: [
        Diagnostic(
          kind: .io, location: SourceLocation(file: path, line: 0, column: 0),
          message: error.message)
      ])
    }
  }

  package func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError)
    -> Int
  {
    guard let file, let base = buffer.baseAddress, buffer.count > 0 else {
      return 0
    }
    // Past the floor, reads stop at each MiB, where the ratio is looked at
    // before the next read: so every reader of the file (one, or the
    // splitter of a parallel read) has all bytes before the same one, and
    // reports a bomb at the same place.
    if delivered >= Self.bombFloor && (delivered - Self.bombFloor) % (1 << 20) == 0 {
      let compressed = max(1, Int(gzoffset(file)))
      if delivered / compressed > Self.maximumRatio {
        throw ByteSourceError(
          message:
            "the compressed file unpacks to more than \(Self.maximumRatio) times its size (\(delivered >> 20) MiB from \(compressed >> 10) KiB read so far): a decompression bomb, not a portfolio; if you trust it, unpack it yourself and read the plain file"
        )
      }
    }
    var wanted = buffer.count
    if delivered >= Self.bombFloor {
      wanted = min(wanted, (1 << 20) - (delivered - Self.bombFloor) % (1 << 20))
    } else {
      wanted = min(wanted, Self.bombFloor - delivered)
    }
    let count = gzread(file, base, UInt32(wanted))
    if count < 0 {
      var code: Int32 = 0
      let text = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
      throw ByteSourceError(message: describe(zlibMessage: text, code: code))
    }
    delivered += Int(count)
    if count == 0 {
      // zlib reports a gzip stream cut short only through gzerror.
      var code: Int32 = 0
      let text = gzerror(file, &code).map { String(cString: $0) } ?? ""
      if code != Z_OK && code != Z_STREAM_END {
        throw ByteSourceError(message: describe(zlibMessage: text, code: code))
      }
    }
    return Int(count)
  }

  private func describe(zlibMessage: String, code: Int32) -> String {
    if code == Z_BUF_ERROR || zlibMessage.contains("unexpected end") {
      return
        "the compressed file ends too early (truncated gzip data); copy or download it again"
    }
    if code == Z_DATA_ERROR {
      return "the compressed data is corrupt (\(zlibMessage))"
    }
    if code == Z_ERRNO {
      return "cannot read '\(displayName)': \(String(cString: strerror(errno)))"
    }
    return "cannot read '\(displayName)': \(zlibMessage)"
  }
}

/// Bytes already in memory.
package final class MemorySource: ByteSource {
  private let bytes: [UInt8]
  private var offset = 0

  package init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  package func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError)
    -> Int
  {
    let count = min(buffer.count, bytes.count - offset)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBytes { source in
      buffer.copyMemory(
        from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
    }
    offset += count
    return count
  }
}
