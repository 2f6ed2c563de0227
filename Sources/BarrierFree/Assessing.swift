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
  /// building's assessment to `body`, in file order. Memory holds one
  /// building at a time.
  ///
  /// - Returns: The reader's warnings.
  /// - Throws: `ImportError` when the file is invalid (after `body` has
  ///   seen the buildings read before the first error), or what `body`
  ///   throws.
  @discardableResult
  public func assessPortfolio(
    at path: String, options: ReaderOptions = ReaderOptions(),
    _ body: (BuildingAssessment) throws -> Void
  ) throws -> [Diagnostic] {
    let reader = try PortfolioReader(path: path, options: options)
    while let event = reader.next() {
      if case .building(let building, _) = event {
        try body(assess(building))
      }
    }
    let diagnostics = reader.diagnostics
    if diagnostics.contains(where: { $0.severity == .error }) {
      throw ImportError(diagnostics: diagnostics)
    }
    return diagnostics
  }
}
