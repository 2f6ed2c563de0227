import BarrierFreeModel
import BarrierFreeXMLSupport

/// Reads a portfolio with several parsers at once: one libxml2 parser keeps
/// one core busy, so a file is cut between its buildings (and quarters) into
/// segments of about ``ReaderOptions/segmentSize`` bytes, and each segment
/// is parsed, validated and processed in a task of its own. The results are
/// handed on in file order.
///
/// What comes out is what a ``PortfolioReader`` of the whole file gives:
/// the same items in the same order, the same diagnostics at the same
/// lines and columns. From the first segment with an error (or with an id
/// an earlier segment has), and for a file that is not one to cut (see
/// `PortfolioSplitter`), the rest of the file is read by one reader in the
/// calling task, as a reader of the whole file would read it.
///
/// Memory holds the segments in flight (`2 × jobs`) and their results, not
/// the file; the building ids seen so far are kept, as a reader of the whole
/// file keeps them, to find one used twice.
public enum SegmentedReading {
  /// What the reading found.
  public struct Outcome: Sendable {
    /// Problems, in file order (as one reader reports them).
    public var diagnostics: [Diagnostic]
    /// Counts over the whole file.
    public var statistics: ReaderStatistics
    /// How many segments were read in parallel, and whether (and from
    /// which) the rest was read by one reader: for tests and statistics.
    public var segments: Int
    /// The index of the first segment that one reader read together with
    /// the rest of the file; nil when every segment was read in parallel.
    public var sequentialFrom: Int?

    /// True when an error (not a warning) was found.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
  }

  /// Reads `path` (a file, gzip-compressed or not, or `-` for standard
  /// input) on up to `jobs` tasks.
  ///
  /// - Parameters:
  ///   - path: The file to read: plain XML, gzip-compressed XML, or `-`.
  ///   - options: The reader's limits, as for one ``PortfolioReader``.
  ///   - jobs: How many tasks parse segments at once; at most 2 × `jobs`
  ///     segments are in flight.
  ///   - process: Reads one segment's reader to its end and hands what it
  ///     makes of it to its second argument, in order; runs in a child task
  ///     (or, for the rest of a file read by one reader, in the calling one).
  ///   - consume: Gets what `process` made, in file order, in the calling
  ///     task.
  /// - Throws: `ImportError` when the file cannot be opened; what
  ///   `process` or `consume` throw.
  public static func read<Item: Sendable>(
    path: String, options: ReaderOptions = ReaderOptions(), jobs: Int,
    process: @escaping @Sendable (PortfolioReader, (Item) throws -> Void) throws -> Void,
    consume: (Item) throws -> Void
  ) async throws -> Outcome {
    return try await read(
      source: try ZlibFileSource.open(path), fileName: path, options: options, jobs: jobs,
      process: process,
      consume: consume)
  }

  static func read<Item: Sendable>(
    source: ByteSource, fileName: String, options: ReaderOptions, jobs: Int,
    process: @escaping @Sendable (PortfolioReader, (Item) throws -> Void) throws -> Void,
    consume: (Item) throws -> Void
  ) async throws -> Outcome {
    let splitter = PortfolioSplitter(source: source, segmentSize: options.segmentSize)
    var state = State()
    var ioFailure: ByteSourceError?
    var restBytes = 0
    try await withThrowingTaskGroup(of: SegmentResult<Item>.self) { group in
      var inFlight: [Int: Segment] = [:]
      var finished: [Int: SegmentResult<Item>] = [:]
      /// Hands on the finished segments whose turn has come; false when
      /// the rest must be read by one reader from `state.next`.
      func handOn() throws -> Bool {
        while let result = finished.removeValue(forKey: state.next) {
          guard state.accepts(result) else { return false }
          for item in result.items { try consume(item) }
          state.add(result)
          inFlight[result.index] = nil
        }
        return true
      }
      var trusted = true
      reading: while true {
        let segment: Segment?
        do throws(ByteSourceError) {
          segment = try splitter.next()
        } catch {
          ioFailure = error
          break reading
        }
        guard let segment else { break }
        inFlight[segment.index] = segment
        group.addTask {
          Self.parse(segment, fileName: fileName, options: options, process: process)
        }
        while inFlight.count >= 2 * max(1, jobs), let result = try await group.next() {
          finished[result.index] = result
          trusted = try handOn()
          if !trusted { break reading }
        }
      }
      if trusted {
        while let result = try await group.next() {
          finished[result.index] = result
          trusted = try handOn()
          if !trusted { break }
        }
      }
      // The tasks in flight run to their end; their results are dropped.
      try await group.waitForAll()
      state.segments = state.next
      // The rest, by one reader: from the first segment not handed on. After
      // a read error, the rest ends with that error.
      let (tail, source) = splitter.remainder()
      let rest = CountingSource(ioFailure.map(FailingSource.init) ?? source)
      let first = inFlight.keys.min().flatMap { inFlight[$0] } ?? tail
      var bodies = inFlight.keys.sorted().compactMap { inFlight[$0]?.body }
      bodies.append(tail.body)
      state.sequentialFrom = first.index
      let reader = PortfolioReader(
        source: ChainedSource([first.prefix] + bodies, then: rest), fileName: fileName,
        options: options)
      reader.lineOffset = first.lineOffset
      reader.headerLines = first.headerLines
      reader.segmentLines = first.index == 0 ? nil : first.lines.lowerBound...Int.max
      reader.state.builder.buildingLines = state.buildingLines
      reader.state.builder.quarterLines = state.quarterLines
      try process(reader) { try consume($0) }
      state.diagnostics += reader.diagnostics
      state.statistics.add(reader.statistics)
      restBytes = rest.count
    }
    state.statistics.bytes = splitter.bytesRead + restBytes
    return Outcome(
      diagnostics: state.diagnostics, statistics: state.statistics, segments: state.segments,
      sequentialFrom: state.sequentialFrom)
  }

  /// Reads one segment in a reader of its own.
  private static func parse<Item>(
    _ segment: Segment, fileName: String, options: ReaderOptions,
    process: (PortfolioReader, (Item) throws -> Void) throws -> Void
  ) -> SegmentResult<Item> {
    let reader = PortfolioReader(
      source: ChainedSource([segment.prefix, segment.body, segment.suffix], then: nil),
      fileName: fileName, options: options)
    reader.lineOffset = segment.lineOffset
    reader.headerLines = segment.headerLines
    reader.segmentLines = segment.index == 0 ? nil : segment.lines
    var items: [Item] = []
    var failed = false
    do {
      try process(reader) { items.append($0) }
    } catch {
      // Read again by one reader, which throws it where it belongs.
      failed = true
    }
    return SegmentResult(
      index: segment.index, items: items, diagnostics: reader.diagnostics,
      statistics: reader.statistics, errors: reader.errorCount,
      stoppedEarly: failed || reader.stoppedEarly || reader.reportedPastSegment,
      buildingLines: reader.state.builder.buildingLines,
      quarterLines: reader.state.builder.quarterLines)
  }

  /// The totals of the segments handed on.
  private struct State {
    var next = 0
    var diagnostics: [Diagnostic] = []
    var statistics = ReaderStatistics()
    var buildingLines: [String: Int] = [:]
    var quarterLines: [String: Int] = [:]
    var segments = 0
    var sequentialFrom: Int?

    /// Whether the segment's result is what a reader of the whole file
    /// would have found there. Not after an error: libxml2's validator
    /// words later problems by the state an error left it in (a root that
    /// "expects nothing more"), which a fresh reader of the next segment
    /// does not have; so the rest of an invalid file, from its first error
    /// on, is read by one reader (found by the damaged-files test).
    func accepts<Item>(_ result: SegmentResult<Item>) -> Bool {
      !result.stoppedEarly && result.errors == 0
        && !result.buildingLines.keys.contains { buildingLines[$0] != nil }
        && !result.quarterLines.keys.contains { quarterLines[$0] != nil }
    }

    mutating func add<Item>(_ result: SegmentResult<Item>) {
      diagnostics += result.diagnostics
      statistics.add(result.statistics)
      buildingLines.merge(result.buildingLines) { first, _ in first }
      quarterLines.merge(result.quarterLines) { first, _ in first }
      next += 1
    }
  }
}

private struct SegmentResult<Item: Sendable>: Sendable {
  var index: Int
  var items: [Item]
  var diagnostics: [Diagnostic]
  var statistics: ReaderStatistics
  var errors: Int
  var stoppedEarly: Bool
  var buildingLines: [String: Int]
  var quarterLines: [String: Int]
}

extension ReaderStatistics {
  mutating func add(_ other: ReaderStatistics) {
    bytes += other.bytes
    buildings += other.buildings
    flats += other.flats
    quarters += other.quarters
    maxBufferedBuildings = max(maxBufferedBuildings, other.maxBufferedBuildings)
  }
}
