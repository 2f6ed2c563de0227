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

  /// Prices `repairs` with `measures`: for each failing rule of a path the
  /// cheapest measure (by the middle of its range) that clears it on an
  /// outdoor path, per metre of the path's length or once.
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
        let candidates = measures.filter { measure in
          measure.clears.contains { currentRuleID($0.rule) == rule && $0.scope.isEmpty }
        }
        guard
          let measure = candidates.min(by: {
            $0.cost.low + $0.cost.high < $1.cost.low + $1.cost.high
          })
        else {
          unpriced.append("no measure for \(rule)")
          continue
        }
        var quantity = 1.0
        if measure.unit == .metre {
          guard let length = repair.length else {
            unpriced.append(
              "\(measure.id) is priced per metre and the path's length is not measured")
            continue
          }
          quantity = (length.millimetres / 1000).rounded(.up)
        }
        if !chosen.contains(measure.id) {
          chosen.append(measure.id)
          let cost = measure.cost.scaled(by: quantity)
          total = total + CostSpan(low: cost.low, high: cost.high)
        }
      }
      return Step(
        repair: repair, measures: chosen, cost: unpriced.isEmpty ? total : nil,
        unpriced: unpriced)
    }
  }
}
