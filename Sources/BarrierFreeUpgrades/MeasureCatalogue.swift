/// A catalogue of measures: the built-in German one, or a user's
/// (`--measures FILE`), read from XML valid against `Schemas/measures.xsd`.
public struct MeasureCatalogue: Sendable, Hashable {
  /// The catalogue's id (`de`).
  public var id: String
  /// A title for people.
  public var title: String
  /// What the catalogue is for and where its figures come from.
  public var summary: String
  /// The measures, in the file's order; ids are unique.
  public var measures: [Measure]

  /// Creates a catalogue.
  public init(id: String, title: String, summary: String = "", measures: [Measure]) {
    self.id = id
    self.title = title
    self.summary = summary
    self.measures = measures
  }

  /// The measure with id `id`.
  public func measure(_ id: String) -> Measure? {
    measures.first { $0.id == id }
  }

  /// The measures that clear fails of rule `rule` (its id as findings carry
  /// it).
  public func measures(clearing rule: String) -> [Measure] {
    measures.filter { $0.clears.contains { $0.rule == rule } }
  }

  /// The catalogue with every cost brought to `year` (the index's latest
  /// year when nil) by `index`; each cost's source then says from which
  /// year and by which index.
  ///
  /// - Throws: `PriceIndexError` naming the target year when the index
  ///   lacks it, else every price year the index lacks, each with a
  ///   measure priced in it.
  public func scaled(
    by index: PriceIndex, to year: Int? = nil
  ) throws(PriceIndexError) -> MeasureCatalogue {
    guard let target = year ?? index.latestYear, index.years[target] != nil else {
      throw PriceIndexError(
        year: year ?? 0, measure: nil,
        covered: index.years.keys.min().flatMap { low in index.latestYear.map { low...$0 } },
        isTarget: true)
    }
    var missing: [Int: String] = [:]
    for measure in measures where index.years[measure.cost.priceYear] == nil {
      missing[measure.cost.priceYear] = missing[measure.cost.priceYear] ?? measure.id
    }
    if let first = missing.keys.min(), let measure = missing[first] {
      var error = PriceIndexError(
        year: first, measure: measure,
        covered: index.years.keys.min().flatMap { low in index.latestYear.map { low...$0 } })
      error.alsoMissing = missing.keys.sorted().dropFirst().map { $0 }
      throw error
    }
    var result = self
    for position in result.measures.indices {
      result.measures[position].cost = try index.scale(result.measures[position].cost, to: target)
    }
    return result
  }
}

/// A construction price index by year: old prices are brought to a later
/// year by the ratio of the two years' indices.
public struct PriceIndex: Sendable, Hashable {
  /// The index's publisher and table.
  public var source: String
  /// The index of each year.
  public var years: [Int: Double]

  /// Creates a price index.
  public init(source: String, years: [Int: Double]) {
    self.source = source
    self.years = years
  }

  /// The latest year the index has.
  public var latestYear: Int? { years.keys.max() }

  /// The factor that brings a price of year `from` to year `to`.
  public func factor(from: Int, to: Int) throws(PriceIndexError) -> Double {
    guard let old = years[from] else { throw missing(from) }
    guard let new = years[to] else { throw missing(to) }
    return new / old
  }

  /// `cost` brought from its price year to `year` (the latest year when
  /// nil); its price year becomes that year, its source and certainty stay.
  public func scale(_ cost: CostRange, to year: Int? = nil) throws(PriceIndexError) -> CostRange {
    guard let target = year ?? latestYear else { throw missing(year ?? cost.priceYear) }
    var result = cost.scaled(by: try factor(from: cost.priceYear, to: target))
    result.priceYear = target
    if target != cost.priceYear {
      result.source += " (its \(cost.priceYear) price, brought to \(target) by \(source))"
    }
    return result
  }

  private func missing(_ year: Int) -> PriceIndexError {
    PriceIndexError(
      year: year, measure: nil,
      covered: years.keys.min().flatMap { low in latestYear.map { low...$0 } })
  }
}

/// A price index that lacks a year it was asked to scale from or to.
public struct PriceIndexError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The year the index lacks.
  public var year: Int
  /// The measure whose cost was being scaled, if any.
  public var measure: String?
  /// The years the index covers (nil: it is empty).
  public var covered: ClosedRange<Int>?
  /// True when ``year`` is the year asked to scale to, not a price year.
  public var isTarget = false
  /// Other price years the index lacks, when there are several.
  public var alsoMissing: [Int] = []

  /// Creates the error.
  public init(year: Int, measure: String?, covered: ClosedRange<Int>?, isTarget: Bool = false) {
    self.year = year
    self.measure = measure
    self.covered = covered
    self.isTarget = isTarget
  }

  /// The message: which year, for which measure, and what the index covers.
  public var description: String {
    let range = covered.map { "it covers \($0.lowerBound)–\($0.upperBound)" } ?? "it has no years"
    if isTarget {
      return "the price index has no figure for \(year), the year to bring prices to (\(range))"
    }
    let subject = measure.map { "the cost of measure '\($0)'" } ?? "a cost"
    let others =
      alsoMissing.isEmpty
      ? "" : "; it lacks \(alsoMissing.map(String.init).joined(separator: ", ")) too"
    return
      "the price index has no figure for \(year), so \(subject) cannot be scaled (\(range)\(others)); "
      + "add the years to the index or choose another year"
  }
}
