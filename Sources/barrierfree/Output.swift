import BarrierFree

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The version the tool reports.
enum BarrierFreeVersion {
  static let current = barrierFreeVersion
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

/// An input named on the command line.
enum InputFile {
  /// Throws unless `path` is `-` or a file that can be opened for reading:
  /// checked before any output, so that a wrong name gives an error, not a
  /// report of nothing.
  static func checkReadable(_ path: String) throws {
    guard path != "-" else { return }
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw OutputFile.Failure(
        description: "cannot open '\(path.escapedForOneLine)': \(String(cString: strerror(errno)))")
    }
    if (status.st_mode & S_IFMT) == S_IFDIR {
      throw OutputFile.Failure(
        description: "'\(path.escapedForOneLine)' is a directory, not a portfolio file")
    }
    guard access(path, R_OK) == 0 else {
      throw OutputFile.Failure(
        description: "cannot open '\(path.escapedForOneLine)': \(String(cString: strerror(errno)))")
    }
  }
}

extension InputFile {
  /// Throws if two of `paths` name the same file (the same device and
  /// inode, under any name): it would be read and counted twice, every
  /// flat in the totals double. Standard input (`-`) may stand once.
  static func refuseRepeated(_ paths: [String]) throws {
    var seen: [String: String] = [:]
    for path in paths {
      var status = stat()
      let found = path == "-" ? fstat(STDIN_FILENO, &status) == 0 : stat(path, &status) == 0
      guard found else { continue }
      let key = "\(status.st_dev):\(status.st_ino)"
      if let first = seen[key] {
        let same = first == path ? "" : " (the same file as '\(first.escapedForOneLine)')"
        throw OutputFile.Failure(
          description:
            "'\(path.escapedForOneLine)' is named twice\(same); each file is read once: name it once"
        )
      }
      seen[key] = path
    }
  }
}

/// The machine's cores.
enum Processors {
  static var count: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  /// The jobs to run for `--jobs asked`: one per core when not asked, and
  /// never more than the cores. The work is all computation, so more jobs
  /// than cores only add segments in flight (two per job, each with its
  /// parser and results): 100,000 jobs took 8 GB for a 246 KB file.
  static func jobs(asked: Int?) -> Int { min(asked ?? count, count) }
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

/// A report's destination: a file or standard output, written through a
/// 1 MiB buffer.
///
/// A regular file is never written in place: the report goes to a
/// temporary file in the same folder, which ``commit()`` renames over the
/// target, so that a failed or killed run leaves the old file as it was and
/// two runs to one path never interleave. A temporary file that is not
/// committed is removed when the process exits or is ended by SIGINT,
/// SIGTERM, SIGHUP or SIGPIPE. A target that is not a regular file (a
/// device such as `/dev/null`, a named pipe) is written directly: it cannot
/// be replaced by a rename.
final class OutputFile {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private let name: String
  /// The temporary file and the path it is renamed to on ``commit()``.
  private var replacement: (temporary: String, target: String)?
  private var buffer: [UInt8] = []
  /// Whether `descriptor` is closed already.
  private var closed = false
  private static let capacity = 1 << 20

  /// Opens `path` for a report, refusing a path that names one of `inputs`
  /// (the same file, also through a link), which writing would destroy
  /// before it is read.
  init(path: String, inputs: [String] = []) throws {
    try Self.refuseInput(output: path, inputs: inputs)
    self.name = path.escapedForOneLine
    // Through a symbolic link: the file it points to is replaced, the link
    // stays.
    let target = Self.resolvedTarget(path)
    var status = stat()
    if stat(target, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
      if (status.st_mode & S_IFMT) == S_IFDIR {
        throw Failure(description: "cannot write '\(path.escapedForOneLine)': it is a directory")
      }
      let descriptor = open(target, O_WRONLY | O_TRUNC)
      guard descriptor >= 0 else {
        throw Failure(
          description:
            "cannot write '\(path.escapedForOneLine)': \(String(cString: strerror(errno)))")
      }
      self.descriptor = descriptor
    } else {
      let (descriptor, temporary) = try Self.temporaryFile(beside: target, named: path)
      self.descriptor = descriptor
      replacement = (temporary, target)
      TemporaryFiles.register(temporary)
    }
    self.ownsDescriptor = true
    buffer.reserveCapacity(Self.capacity)
  }

  private init(standard descriptor: Int32) {
    self.descriptor = descriptor
    self.ownsDescriptor = false
    self.name = "standard output"
    buffer.reserveCapacity(Self.capacity)
  }

  deinit {
    discard()
  }

  static func standardOutput() -> OutputFile { OutputFile(standard: STDOUT_FILENO) }

  /// Whether the report goes to a file that replaces the target only on
  /// ``commit()`` (and so can be dropped whole on a failure).
  var isReplacement: Bool { replacement != nil }

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

  /// Finishes the report: writes what is buffered and, for a file written
  /// beside its target, makes it durable and renames it over the target.
  /// On a failure the target is left as it was.
  func commit() throws {
    do {
      try flush()
      if let replacement {
        // On disk before the rename: a crash must not leave an empty file
        // under the target's name.
        guard fsync(descriptor) == 0 else { throw systemFailure("cannot write \(name)") }
        // Closed once, whatever follows: `discard` must not close a number
        // that another thread may have been given meanwhile.
        closed = true
        guard systemClose(descriptor) == 0 else { throw systemFailure("cannot finish \(name)") }
        guard rename(replacement.temporary, replacement.target) == 0 else {
          throw systemFailure("cannot replace \(name)")
        }
        TemporaryFiles.unregister(replacement.temporary)
        self.replacement = nil
      } else if ownsDescriptor && systemClose(descriptor) != 0 {
        throw systemFailure("cannot finish \(name)")
      }
    } catch {
      discard()
      throw error
    }
  }

  /// Drops a report that must not replace its target: the temporary file is
  /// removed and the target keeps what it had. Nothing for standard output
  /// or a device, where what was written is gone already.
  func discard() {
    guard let replacement else { return }
    if !closed {
      closed = true
      _ = systemClose(descriptor)
    }
    unlink(replacement.temporary)
    TemporaryFiles.unregister(replacement.temporary)
    self.replacement = nil
  }

  private func systemFailure(_ what: String) -> Failure {
    Failure(description: "\(what): \(String(cString: strerror(errno)))")
  }

  /// Throws if `output` is one of `inputs` (or standard input, when it is
  /// read as `-`): the same device and inode, so links and other spellings
  /// of the path are found too.
  static func refuseInput(output: String, inputs: [String]) throws {
    var target = stat()
    guard stat(output, &target) == 0 else { return }  // Not there yet: no input.
    for input in inputs {
      var source = stat()
      let found = input == "-" ? fstat(STDIN_FILENO, &source) == 0 : stat(input, &source) == 0
      guard found, (source.st_mode & S_IFMT) == S_IFREG else { continue }
      if source.st_dev == target.st_dev && source.st_ino == target.st_ino {
        let what = input == "-" ? "standard input" : "the input '\(input.escapedForOneLine)'"
        throw Failure(
          description:
            "the output '\(output.escapedForOneLine)' is \(what) (the same file): refusing to write the report over it; "
            + "choose another output file")
      }
    }
  }

  /// The file `path` names, through symbolic links; `path` itself when it
  /// does not exist yet (or is a link to nothing).
  private static func resolvedTarget(_ path: String) -> String {
    var link = stat()
    guard lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK,
      let resolved = realpath(path, nil)
    else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// A new file `.NAME.XXXXXX.part` in the folder of `target`, with the
  /// permissions a new file of the user gets (or the target's, if it exists).
  private static func temporaryFile(beside target: String, named path: String) throws -> (
    Int32, String
  ) {
    let slash = target.lastIndex(of: "/")
    let folder = slash.map { String(target[...$0]) } ?? ""
    var base = slash.map { String(target[target.index(after: $0)...]) } ?? target
    // The temporary name adds 13 bytes to the target's: cut a long name
    // (a folder takes names of 255 bytes) so that it still fits.
    while base.utf8.count > 255 - 13 { base.removeLast() }
    var template = Array("\(folder).\(base).XXXXXX.part".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemps(base, 5)
    }
    guard descriptor >= 0 else {
      throw Failure(
        description: "cannot write '\(path.escapedForOneLine)': \(String(cString: strerror(errno)))"
      )
    }
    let temporary = String(
      decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var existing = stat()
    let mode: mode_t
    if stat(target, &existing) == 0 {
      mode = existing.st_mode & 0o7777
    } else {
      let mask = umask(0)
      umask(mask)
      mode = 0o666 & ~mask
    }
    fchmod(descriptor, mode)
    return (descriptor, temporary)
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

/// The temporary file of a report not yet committed, removed if the process
/// ends first: at `exit` and on the signals that end a run from outside.
/// One report is written at a time, so one path is kept; it is a C string
/// made before it is needed, since a signal handler may only call
/// async-signal-safe functions (`unlink`, `signal`, `raise`).
enum TemporaryFiles {
  nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?
  nonisolated(unsafe) private static var installed = false

  static func register(_ path: String) {
    unregister(nil)
    pending = strdup(path)
    guard !installed else { return }
    installed = true
    atexit { TemporaryFiles.removePending() }
    for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
      // A signal the run was started with ignored stays ignored: `nohup`
      // ignores SIGHUP, a shell SIGINT for a job in the background, and
      // such a run must not end when it comes.
      let previous = signal(signalNumber, SIG_IGN)
      if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
        continue
      }
      signal(signalNumber) { received in
        TemporaryFiles.removePending()
        // Then end as the signal would have ended the process.
        signal(received, SIG_DFL)
        raise(received)
      }
    }
  }

  /// Forgets `path` (or whatever is pending, for `nil`) without removing it.
  static func unregister(_ path: String?) {
    guard let current = pending else { return }
    if let path, String(cString: current) != path { return }
    pending = nil
    free(current)
  }

  private static func removePending() {
    if let pending { unlink(pending) }
  }
}

// Top-level wrappers: inside OutputFile, `close` and `write` name its methods.
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
