import BarrierFreeModel
import BarrierFreeRules

/// A ramp built to a profile's thresholds: what ``ModelChange/rampForSteps``
/// puts in the place of steps.
///
/// Each value is the profile's own (the steepest slope it allows, the least
/// width, the longest run between landings); where the profile binds no
/// ramp rule, DIN 18040-2's values stand in (6 %, 1200 mm, 6000 mm, 1500
/// mm landings and movement areas, handrails at 850 mm on both sides).
public struct RampDesign: Sendable, Hashable {
  /// The slope of every run.
  public var slope: Slope
  /// The clear width between the handrails.
  public var clearWidth: Length
  /// The longest run between two landings.
  public var maximumRun: Length
  /// The length of an intermediate landing.
  public var landingLength: Length
  /// The height of the handrails.
  public var handrailHeight: Length
  /// The movement area at each end (width and depth).
  public var movementArea: Length
  /// The highest rise a ramp is built for: above it a ramp grows too long
  /// for a plot or a stairwell (0.5 m is 8.3 m of ramp at 6 %), and a
  /// platform lift or a lift is the measure. From the reference's table
  /// "which measures lift which level" (inferred there, not a standard's
  /// value).
  public var maximumRise: Length = .mm(500)

  /// The design that meets every level of `ladder`: the strictest value of
  /// each threshold over its profiles.
  public init(ladder: Ladder) {
    func values(_ rule: String, _ name: String) -> [Double] {
      ladder.profiles.flatMap { profile in
        profile.bindings(of: currentRuleID(rule)).compactMap { $0.thresholds[name] }
      }
    }
    slope = .percent(values("ramp.slope", "maximum").min() ?? 6)
    clearWidth = .mm(values("ramp.clear-width", "minimum").max() ?? 1200)
    maximumRun = .mm(values("ramp.runs", "maximumRun").min() ?? 6000)
    landingLength = .mm(values("ramp.runs", "minimumLanding").max() ?? 1500)
    handrailHeight = .mm(values("ramp.handrails", "minimumHeight").max() ?? 850)
    let area = values("ramp.movement-areas", "width") + values("ramp.movement-areas", "depth")
    movementArea = .mm(area.max() ?? 1500)
  }

  /// The ramp that overcomes `rise` between `from` and `to`.
  public func ramp(id: String?, from: String, to: String, rise: Length) -> Ramp {
    let length = Length.mm(rise.millimetres / (slope.percent / 100))
    let runs = (length.millimetres / maximumRun.millimetres).rounded(.up)
    let area = MovementArea(width: movementArea, depth: movementArea)
    var ramp = Ramp(id: id, from: from, to: to)
    ramp.slope = slope
    ramp.crossSlope = .percent(0)
    ramp.length = length
    ramp.longestRun = .mm(min(length.millimetres, maximumRun.millimetres))
    ramp.landingLength = runs > 1 ? landingLength : nil
    ramp.clearWidth = clearWidth
    ramp.handrails = .bothSides
    ramp.handrailHeight = handrailHeight
    ramp.wheelGuards = true
    ramp.movementAreas = [
      MovementArea(width: area.width, depth: area.depth, side: .from),
      MovementArea(width: area.width, depth: area.depth, side: .to),
    ]
    return ramp
  }
}

extension Building {
  /// The building with the steps `id` replaced by a ramp of `design` over
  /// the same rise, and the ramp's length; throws when the building has no
  /// such steps or their rise (count × riser height) is not recorded.
  public func replacingSteps(_ id: String, with design: RampDesign) throws(ChangeError)
    -> (building: Building, length: Length)
  {
    guard
      let index = connectors.firstIndex(where: {
        if case .steps(let steps) = $0 { steps.id == id } else { false }
      }),
      case .steps(let steps) = connectors[index]
    else { throw ChangeError("building '\(self.id)' has no steps '\(id)'") }
    guard let count = steps.count, let riser = steps.riserHeight else {
      throw ChangeError("steps '\(id)': the rise is not recorded (count and riserHeight)")
    }
    let rise = Length.mm(Double(count) * riser.millimetres)
    guard rise <= design.maximumRise else {
      throw ChangeError(
        "steps '\(id)': a rise of \(rise) is more than a ramp is built for (\(design.maximumRise))")
    }
    let ramp = design.ramp(id: id + "-ramp", from: steps.from, to: steps.to, rise: rise)
    var building = self
    building.connectors[index] = .ramp(ramp)
    return (building, ramp.length ?? rise)
  }

  /// The lift of this building that stops at one end of the steps `id`, and
  /// the other end, where a new stop would join the steps' two places;
  /// nil when no lift stops at either end (or it stops at both).
  public func liftStop(bypassing id: String) -> (lift: String, place: String)? {
    let ends = connectors.lazy.compactMap { connector -> [String]? in
      if case .steps(let steps) = connector, steps.id == id { [steps.from, steps.to] } else { nil }
    }.first
    guard let ends else { return nil }
    for connector in connectors {
      guard case .lift(let lift) = connector else { continue }
      let served = Set(lift.stops.map(\.place))
      switch (served.contains(ends[0]), served.contains(ends[1])) {
      case (true, false): return (lift.id, ends[1])
      case (false, true): return (lift.id, ends[0])
      default: continue
      }
    }
    return nil
  }

  /// The building with a stop of lift `lift` at `place`, its area in front
  /// as large as `area` (width and depth).
  public func addingStop(to lift: String, at place: String, area: Length) throws(ChangeError)
    -> Building
  {
    guard
      let index = connectors.firstIndex(where: {
        if case .lift(let candidate) = $0 { candidate.id == lift } else { false }
      }),
      case .lift(var changed) = connectors[index]
    else { throw ChangeError("building '\(id)' has no lift '\(lift)'") }
    changed.stops.append(
      LiftStop(place: place, movementArea: MovementArea(width: area, depth: area)))
    var building = self
    building.connectors[index] = .lift(changed)
    return building
  }
}
