import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeXML

extension Assessor {
  /// An assessor for the profile `id` of `library`, classifying flats on the
  /// ladder that profile's `extends` chain forms.
  ///
  /// ```swift
  /// let assessor = try Assessor(profile: "din18040-2-r")
  /// let assessment = assessor.assess(building)
  /// print(assessment.flats[0].classification)  // "barrierFree"
  /// ```
  public init(
    profile id: String = ProfileLibrary.defaultProfile,
    library: ProfileLibrary = .builtIn
  ) throws(ProfileError) {
    try self.init(ladder: library.ladder(for: id))
  }

  /// Reads the portfolio at `path` one building at a time and hands each
  /// building's assessment to `body`, in file order; at the end of each
  /// quarter, hands its view to `quarterView`. Memory holds one building at
  /// a time, and of a quarter's buildings only their small links.
  ///
  /// - Returns: The reader's warnings.
  /// - Throws: `ImportError` when the file is invalid (after `body` has
  ///   seen the buildings read before the first error), or what `body`
  ///   throws.
  @discardableResult
  public func assessPortfolio(
    at path: String, options: ReaderOptions = ReaderOptions(),
    quarterView: (QuarterView) throws -> Void = { _ in },
    _ body: (BuildingAssessment) throws -> Void
  ) throws -> [Diagnostic] {
    try assessPortfolio(
      PortfolioReader(path: path, options: options), quarterView: quarterView, body)
  }

  /// Assesses what `reader` reads, as ``assessPortfolio(at:options:quarterView:_:)``
  /// does for a file: for a portfolio held in memory
  /// (`PortfolioReader(text:fileName:)`) or read from elsewhere.
  @discardableResult
  public func assessPortfolio(
    _ reader: PortfolioReader,
    quarterView: (QuarterView) throws -> Void = { _ in },
    _ body: (BuildingAssessment) throws -> Void
  ) throws -> [Diagnostic] {
    try assessEvents(of: reader, quarterView: quarterView, body)
    let diagnostics = reader.diagnostics
    if diagnostics.contains(where: { $0.severity == .error }) {
      throw ImportError(diagnostics: diagnostics)
    }
    return diagnostics
  }

  /// Assesses every building `reader` hands out, with its quarter, and
  /// makes each quarter's view after its last building; leaves the reader's
  /// diagnostics to the caller.
  func assessEvents(
    of reader: PortfolioReader, quarterView: (QuarterView) throws -> Void,
    _ body: (BuildingAssessment) throws -> Void
  ) throws {
    var quarter: QuarterContext?
    var links: [BuildingLinks] = []
    while let event = reader.next() {
      switch event {
      case .quarter(let header):
        quarter = QuarterContext(header)
        links = []
      case .building(let building, let quarterID):
        let context = quarterID == nil ? nil : quarter
        let assessment = assess(building, in: context)
        if let link = assessment.links { links.append(link) }
        try body(assessment)
      case .endQuarter:
        if let quarter { try quarterView(view(of: quarter, links: links)) }
        quarter = nil
        links = []
      case .portfolio: break
      }
    }
  }
}
