import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeXML
import Foundation

extension Assessor {
  /// Assesses what `reader` reads on up to `jobs` cores, and hands the
  /// results to `body` in the order of the file, as the sequential
  /// ``assessPortfolio(_:quarterView:_:)`` does.
  ///
  /// The calling task reads; each building is assessed, and then passed to
  /// `render`, in a child task, so that the expensive part of writing a
  /// report (encoding a building) runs beside the reading too. At most
  /// `4 × jobs` buildings are in flight: memory stays bounded however large
  /// the file. `body` and `quarterView` run on the calling task, in input
  /// order, so the output is the same, byte for byte, for every `jobs`.
  ///
  /// - Parameters:
  ///   - reader: The portfolio to read, from a file or from memory.
  ///   - jobs: Buildings assessed at once; 1 assesses on the calling task.
  ///   - render: Turns an assessment into what `body` writes; gets the
  ///     building's index in the file (0 for the first).
  ///   - quarterView: Gets each quarter's view, after its last building.
  ///   - body: Gets each building's assessment and what `render` made of
  ///     it, in file order.
  /// - Returns: The reader's warnings.
  /// - Throws: `ImportError` when the file is invalid (after `body` has
  ///   seen the buildings read before the first error), or what `render`,
  ///   `body` or `quarterView` throw.
  @discardableResult
  public func assessPortfolio<Rendered: Sendable>(
    _ reader: PortfolioReader,
    jobs: Int,
    render: @escaping @Sendable (BuildingAssessment, Int) throws -> Rendered,
    quarterView: (QuarterView) throws -> Void = { _ in },
    _ body: (BuildingAssessment, Rendered) throws -> Void
  ) async throws -> [Diagnostic] {
    var index = 0
    guard jobs > 1 else {
      return try assessPortfolio(reader, quarterView: quarterView) { assessment in
        defer { index += 1 }
        try body(assessment, try render(assessment, index))
      }
    }
    let assessor = self
    let pool = AssessorPool(self, count: jobs)
    var ordered = InputOrder<Rendered>()
    try await withThrowingTaskGroup(of: (Int, BuildingAssessment, Rendered).self) { group in
      var inFlight = 0
      var quarter: QuarterContext?
      while let event = reader.next() {
        switch event {
        case .quarter(let header):
          quarter = QuarterContext(header)
          ordered.append(.quarterStart)
        case .building(let building, let quarterID):
          let context = quarterID == nil ? nil : quarter
          let number = index
          index += 1
          ordered.append(.building(number))
          group.addTask {
            try pool.withAssessor { assessor in
              let assessment = assessor.assess(building, in: context)
              return (number, assessment, try render(assessment, number))
            }
          }
          inFlight += 1
          while inFlight >= 4 * jobs, let (done, assessment, rendered) = try await group.next() {
            inFlight -= 1
            ordered.finished(done, assessment, rendered)
            try ordered.flush(assessor, quarterView: quarterView, body)
          }
        case .endQuarter:
          ordered.append(.quarterEnd(quarter))
          quarter = nil
          try ordered.flush(assessor, quarterView: quarterView, body)
        case .portfolio: break
        }
      }
      while let (done, assessment, rendered) = try await group.next() {
        ordered.finished(done, assessment, rendered)
        try ordered.flush(assessor, quarterView: quarterView, body)
      }
      try ordered.flush(assessor, quarterView: quarterView, body)
    }
    let diagnostics = reader.diagnostics
    if diagnostics.contains(where: { $0.severity == .error }) {
      throw ImportError(diagnostics: diagnostics)
    }
    return diagnostics
  }
}

extension Assessor {
  /// Assesses the portfolio at `path` on up to `jobs` cores, with the file
  /// read by several parsers at once (`SegmentedReading`), and hands what
  /// `render` makes of each building to `body` in file order: the same
  /// buildings, quarter views and diagnostics as one reader on one core.
  ///
  /// Each segment of the file (about `ReaderOptions/segmentSize` bytes of
  /// buildings) is parsed, assessed and rendered in a task of its own, and
  /// each assessment is dropped there once rendered: `body` gets only what
  /// `render` keeps (the report's text, the counts a summary needs), so the
  /// memory in flight is what `2 × jobs` segments render to.
  ///
  /// - Returns: The reader's warnings.
  /// - Throws: `ImportError` when the file cannot be opened or is invalid
  ///   (after `body` has seen the buildings before the segment with the
  ///   first error), or what `render`, `body` or `quarterView` throw.
  @discardableResult
  public func assessPortfolio<Rendered: Sendable>(
    at path: String, options: ReaderOptions = ReaderOptions(), jobs: Int,
    render: @escaping @Sendable (BuildingAssessment) throws -> Rendered,
    quarterView: (QuarterView) throws -> Void = { _ in },
    _ body: (Rendered) throws -> Void
  ) async throws -> [Diagnostic] {
    let pool = AssessorPool(self, count: jobs)
    let outcome = try await SegmentedReading.read(
      path: path, options: options, jobs: jobs,
      process: { (reader, emit: (SegmentItem<Rendered>) throws -> Void) in
        try pool.withAssessor { assessor in
          try assessor.assessEvents(of: reader, quarterView: { try emit(.quarterView($0)) }) {
            try emit(.building(try render($0)))
          }
        }
      },
      consume: { item in
        switch item {
        case .building(let rendered): try body(rendered)
        case .quarterView(let view): try quarterView(view)
        }
      })
    if outcome.hasErrors { throw ImportError(diagnostics: outcome.diagnostics) }
    return outcome.diagnostics
  }
}

/// What a segment's task makes: a building's rendering, or a quarter's
/// view.
private enum SegmentItem<Rendered: Sendable>: Sendable {
  case building(Rendered)
  case quarterView(QuarterView)
}

/// Assessors for the tasks that run at once, each used by one task at a
/// time and sharing no storage with the others (``Assessor/unshared()``), so
/// that cores do not contend for the same reference counts.
private final class AssessorPool: @unchecked Sendable {
  // NSLock rather than Synchronization's Mutex, which needs macOS 15.
  // Unchecked: `free` is only touched under `lock`; `original` is a let.
  private let lock = NSLock()
  private var free: [Assessor]
  private let original: Assessor

  init(_ assessor: Assessor, count: Int) {
    original = assessor
    free = (0..<count).map { _ in assessor.unshared() }
  }

  /// Runs `body` with an assessor no other task is using.
  func withAssessor<Result>(_ body: (Assessor) throws -> Result) rethrows -> Result {
    // More tasks than `count` run at once only with fewer jobs than cores:
    // a new copy then joins the pool.
    let assessor = lock.withLock { free.popLast() } ?? original.unshared()
    defer { lock.withLock { free.append(assessor) } }
    return try body(assessor)
  }
}

/// The events of a file in their order, and the assessments that finished
/// out of order, until everything before them is handed on.
private struct InputOrder<Rendered> {
  enum Step {
    case quarterStart
    case building(Int)
    case quarterEnd(QuarterContext?)
  }

  private var steps: [Step] = []
  private var head = 0
  private var done: [Int: (BuildingAssessment, Rendered)] = [:]
  private var links: [BuildingLinks] = []

  mutating func append(_ step: Step) { steps.append(step) }

  mutating func finished(_ index: Int, _ assessment: BuildingAssessment, _ rendered: Rendered) {
    done[index] = (assessment, rendered)
  }

  /// Hands on every step whose turn has come.
  mutating func flush(
    _ assessor: Assessor, quarterView: (QuarterView) throws -> Void,
    _ body: (BuildingAssessment, Rendered) throws -> Void
  ) throws {
    while head < steps.count {
      switch steps[head] {
      case .quarterStart:
        links = []
      case .building(let index):
        guard let (assessment, rendered) = done.removeValue(forKey: index) else { return }
        if let link = assessment.links { links.append(link) }
        try body(assessment, rendered)
      case .quarterEnd(let quarter):
        if let quarter { try quarterView(assessor.view(of: quarter, links: links)) }
        links = []
      }
      head += 1
    }
    // Keep the queue short: drop what was handed on.
    if head > 1024 {
      steps.removeFirst(head)
      head = 0
    }
  }
}
