#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The version the tool reports.
enum BarrierFreeVersion {
  static let current = "0.2.0"
}

/// A progress line on standard error for long runs: flats done and flats
/// per second, rewritten in place at most twice a second, from the first
/// second on. Only when standard error is a terminal (never in a pipe, a
/// file or a test), the report is not written to a terminal (where the line
/// would break into it), and not asked to be quiet.
final class ProgressLine {
  private let enabled: Bool
  private let start = ContinuousClock.now
  private var lastShown: ContinuousClock.Instant?
  private var flats = 0
  private var buildings = 0

  /// `reportToTerminal`: the report is written to standard output, and that
  /// is a terminal.
  init(
    quiet: Bool, reportToTerminal: Bool, terminal: Bool = isatty(STDERR_FILENO) == 1
  ) {
    enabled = terminal && !quiet && !reportToTerminal
  }

  /// Counts one building with `flats` flats.
  func add(flats count: Int) {
    guard enabled else { return }
    buildings += 1
    flats += count
    // Look at the clock every 64 buildings only.
    guard buildings % 64 == 0 else { return }
    let now = ContinuousClock.now
    guard now - start >= .seconds(1) else { return }
    if let lastShown, now - lastShown < .milliseconds(500) { return }
    lastShown = now
    show(now, final: false)
  }

  /// Ends the line: the totals, if the line was shown at all.
  func finish() {
    guard enabled, lastShown != nil else { return }
    show(ContinuousClock.now, final: true)
  }

  private func show(_ now: ContinuousClock.Instant, final: Bool) {
    let elapsed = now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = seconds > 0 ? Int((Double(flats) / seconds).rounded()) : 0
    let text =
      "\r\u{1B}[K\(flats) flats in \(buildings) buildings, \(rate) flats/s"
      + (final ? ", \(Self.formatSeconds(seconds))\n" : "")
    var bytes = text
    bytes.withUTF8 { _ = OutputFile.writeAll(descriptor: STDERR_FILENO, $0) }
  }

  /// `1.9 s`, `2.0 s` for 1.97 s: whole seconds and the tenth from one
  /// rounding, so that a carry reaches the seconds.
  static func formatSeconds(_ seconds: Double) -> String {
    let tenths = Int((max(0, seconds) * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) s"
  }
}

/// The machine's cores.
enum Processors {
  static var count: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// Standard output.
enum StandardOutput {
  /// Whether it is a terminal.
  static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

  /// Writes out what `print` buffered, and throws if any of it could not
  /// be written (a full disk, a closed pipe): a lost summary is an error.
  static func flush() throws(OutputFile.Failure) {
    // All streams: `stdout` itself is a global var that Swift 6 will not
    // read outside an isolation domain.
    if fflush(nil) != 0 {
      throw OutputFile.Failure(
        description: "cannot write standard output: \(String(cString: strerror(errno)))")
    }
  }
}

/// Standard error, unbuffered.
enum StandardError {
  static func print(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in
      _ = OutputFile.writeAll(descriptor: STDERR_FILENO, bytes)
    }
  }
}

/// A file or standard output, written through a 1 MiB buffer.
final class OutputFile {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private let name: String
  private var buffer: [UInt8] = []
  private static let capacity = 1 << 20

  init(path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw Failure(description: "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    self.descriptor = descriptor
    self.ownsDescriptor = true
    self.name = path
    buffer.reserveCapacity(Self.capacity)
  }

  private init(standard descriptor: Int32) {
    self.descriptor = descriptor
    self.ownsDescriptor = false
    self.name = "standard output"
    buffer.reserveCapacity(Self.capacity)
  }

  static func standardOutput() -> OutputFile { OutputFile(standard: STDOUT_FILENO) }

  func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.capacity { try flush() }
  }

  func write(bytes: [UInt8]) throws {
    // A building's JSON is often hundreds of kilobytes: written as it is,
    // not copied into the buffer first.
    guard bytes.count >= Self.capacity / 8 else {
      buffer.append(contentsOf: bytes)
      if buffer.count >= Self.capacity { try flush() }
      return
    }
    try flush()
    let ok = bytes.withUnsafeBufferPointer { Self.writeAll(descriptor: descriptor, $0) }
    if !ok {
      throw Failure(description: "cannot write \(name): \(String(cString: strerror(errno)))")
    }
  }

  func flush() throws {
    let ok = buffer.withUnsafeBufferPointer { Self.writeAll(descriptor: descriptor, $0) }
    buffer.removeAll(keepingCapacity: true)
    if !ok {
      throw Failure(description: "cannot write \(name): \(String(cString: strerror(errno)))")
    }
  }

  func close() throws {
    try flush()
    if ownsDescriptor && systemClose(descriptor) != 0 {
      throw Failure(description: "cannot finish \(name): \(String(cString: strerror(errno)))")
    }
  }

  /// Writes all bytes, retrying short writes; false on an error.
  static func writeAll(descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var offset = 0
    while offset < bytes.count {
      let written = systemWrite(descriptor, base + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += written
    }
    return true
  }
}

// Top-level wrappers: inside OutputFile, `close` and `write` name its methods.
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
