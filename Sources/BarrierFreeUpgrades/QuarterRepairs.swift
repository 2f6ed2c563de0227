import BarrierFreeModel
import BarrierFreeRules

/// A quarter's outdoor path repairs, in the order that connects the most
/// flats step-free to the café (or meeting place) and the 24-hour care base
/// first, each priced from the catalogue where it can be.
public struct QuarterRepairs: Sendable, Hashable {
  /// One repair and what it costs.
  public struct Step: Sendable, Hashable {
    /// The path, what it fails and the flats it connects.
    public var repair: PathRepair
    /// The measures chosen for its failing rules, by id.
    public var measures: [String]
    /// Their cost range, EUR; nil when a rule has no measure or the path's
    /// length is not measured for a measure priced per metre.
    public var cost: CostSpan?
    /// Why it cannot be priced: rules without a measure in the catalogue,
    /// a length not measured.
    public var unpriced: [String]
  }

  /// The quarter's id.
  public var quarter: String
  /// Its flats (of the buildings in the files).
  public var flats: Int
  /// How many reach every facility kind step-free before any repair.
  public var connected: Int
  /// The repairs, best first.
  public var steps: [Step]
  /// Failing paths that are also not fully measured: measure them first.
  public var unmeasured: [String] = []

  /// Prices `repairs` with `measures`: for each failing rule of a path the
  /// measure that clears it on an outdoor path at the least cost there (by
  /// the middle of its range, per metre of the path's length or once).
  public init(
    quarter: String, flats: Int, connected: Int, repairs: [PathRepair], measures: [Measure]
  ) {
    self.quarter = quarter
    self.flats = flats
    self.connected = connected
    steps = repairs.map { repair in
      var chosen: [String] = []
      var total = CostSpan.zero
      var unpriced: [String] = []
      for rule in repair.failingRules {
        // Each measure that clears the rule on an outdoor path, with what
        // it costs here: per metre of the path's length, or once. A
        // measure per metre cannot be priced without the length.
        let priced = measures.compactMap { measure -> (Measure, CostRange)? in
          guard
            measure.clears.contains(where: { currentRuleID($0.rule) == rule && $0.scope.isEmpty })
          else { return nil }
          guard measure.unit == .metre else { return (measure, measure.cost) }
          guard let length = repair.length else { return nil }
          return (measure, measure.cost.scaled(by: (length.millimetres / 1000).rounded(.up)))
        }
        guard let (measure, cost) = priced.min(by: { $0.1.low + $0.1.high < $1.1.low + $1.1.high })
        else {
          let perMetre = measures.contains { measure in
            measure.unit == .metre
              && measure.clears.contains { currentRuleID($0.rule) == rule && $0.scope.isEmpty }
          }
          unpriced.append(
            perMetre
              ? "the measures for \(rule) are priced per metre and the path's length is not measured"
              : "no measure for \(rule)")
          continue
        }
        if !chosen.contains(measure.id) {
          chosen.append(measure.id)
          total = total + CostSpan(low: cost.low, high: cost.high)
        }
      }
      return Step(
        repair: repair, measures: chosen, cost: unpriced.isEmpty ? total : nil,
        unpriced: unpriced)
    }
  }
}
