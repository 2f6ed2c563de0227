import BarrierFreeModel
import BarrierFreeXMLSupport

extension PortfolioReader {
  /// Reads the rest of the input into one `Portfolio` value.
  ///
  /// Holds every building in memory: for tests, small files and tools that
  /// need the whole model. Stream large files with ``next()`` instead.
  ///
  /// - Throws: `ImportError` with every diagnostic when the file has errors.
  public func readAll() throws(ImportError) -> Portfolio {
    var portfolio = Portfolio()
    var openQuarter: Quarter?
    while let event = next() {
      switch event {
      case .portfolio(let name):
        portfolio.name = name
      case .quarter(let quarter):
        openQuarter = quarter
      case .building(let building, let quarterID):
        if quarterID != nil, openQuarter != nil {
          openQuarter?.buildings.append(building)
        } else {
          portfolio.members.append(.building(building))
        }
      case .endQuarter:
        if let quarter = openQuarter { portfolio.members.append(.quarter(quarter)) }
        openQuarter = nil
      }
    }
    if hasErrors { throw ImportError(diagnostics: diagnostics) }
    return portfolio
  }

  /// Reads a whole file (plain or gzip, `-` for standard input) into one
  /// `Portfolio` value. See ``readAll()``.
  public static func readPortfolio(path: String, options: ReaderOptions = ReaderOptions())
    throws(ImportError) -> Portfolio
  {
    try PortfolioReader(path: path, options: options).readAll()
  }
}
