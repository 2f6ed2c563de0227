import BarrierFreeModel

/// A building measure that clears fails: widen a door, remove a threshold,
/// replace a bath by a floor-level shower, build a ramp, add a lift stop.
///
/// Measures are data, like profiles: the built-in German catalogue and user
/// catalogues (`--measures FILE`) are XML files valid against
/// `Schemas/measures.xsd`. A measure names the rules whose fails it clears,
/// what it changes in the model when applied (so that a plan can be checked
/// by assessing the changed model again), how it is counted and what it
/// costs: always a range with its price year, source and certainty.
public struct Measure: Sendable, Hashable, Identifiable {
  /// A stable id, `door.widen-light-wall`.
  public var id: String
  /// What a tradesperson would call the job: "Widen the door opening in a
  /// light partition wall, new frame and leaf".
  public var title: String
  /// The rules whose fails it clears, each with the element kinds it acts
  /// on (empty: every element the rule checks).
  public var clears: [ClearedRule]
  /// What applying it changes in the model, in order.
  public var changes: [ModelChange]
  /// What one unit of ``cost`` pays for.
  public var unit: QuantityUnit
  /// The price of one unit.
  public var cost: CostRange
  /// When it cannot be priced without a survey.
  public var surveyWhen: [SurveyCondition]
  /// The KfW funding area (Förderbereich 1–7) it falls under; nil: none.
  public var fundingArea: Int?
  /// Whether the care insurance's grant for improving the home (§ 40 (4)
  /// SGB XI) can pay for it.
  public var careInsurance: Bool
  /// Where the measure comes from: the row of the cost reference (`M1b`).
  public var reference: String?
  /// Doubts about the measure or its figures (an undated source, a range
  /// inferred), to be shown with it.
  public var notes: [String]

  /// Creates a measure.
  public init(
    id: String, title: String, clears: [ClearedRule], changes: [ModelChange],
    unit: QuantityUnit, cost: CostRange, surveyWhen: [SurveyCondition] = [],
    fundingArea: Int? = nil, careInsurance: Bool = false, reference: String? = nil,
    notes: [String] = []
  ) {
    self.reference = reference
    self.notes = notes
    self.id = id
    self.title = title
    self.clears = clears
    self.changes = changes
    self.unit = unit
    self.cost = cost
    self.surveyWhen = surveyWhen
    self.fundingArea = fundingArea
    self.careInsurance = careInsurance
  }
}

/// A rule whose fails a measure clears, on some element kinds.
public struct ClearedRule: Sendable, Hashable {
  /// The rule's id (an old id is read as its alias).
  public var rule: String
  /// The element kinds (`door`, `shower`; a profile binding's scope words
  /// such as `interior`) the measure acts on; empty: all.
  public var scope: Set<String>

  /// Creates a cleared rule.
  public init(rule: String, scope: Set<String> = []) {
    self.rule = rule
    self.scope = scope
  }
}

/// How much a measure's cost range is multiplied by for one job.
public enum QuantityUnit: String, Sendable, Hashable, CaseIterable, Codable {
  /// Per door (or door set) changed.
  case door
  /// Per metre of length: a ramp's length, a handrail's, a path's.
  case metre
  /// Per stop of a lift.
  case stop
  /// Per switch, socket or other control point.
  case point
  /// Once per flat.
  case flat
  /// Once per building.
  case building
  /// Once, whatever the size.
  case lumpSum
}

/// A price range in euros, gross, with where it comes from.
///
/// Never a point estimate: low and high may be equal only when the source
/// gives one figure, and the certainty then says how far to trust it.
public struct CostRange: Sendable, Hashable {
  /// The lower bound, EUR.
  public var low: Double
  /// The upper bound, EUR.
  public var high: Double
  /// The year the prices were published (or, undated, the year the source
  /// was read); ``scaled(by:)`` brings them to another year.
  public var priceYear: Int
  /// The source: publication and page title.
  public var source: String
  /// How sure the figure is.
  public var certainty: CostCertainty
  /// The source gives only a lower bound ("from 500"): ``high`` is then
  /// ``low``, and the true price may be well above it.
  public var atLeast: Bool

  /// Creates a cost range.
  public init(
    low: Double, high: Double, priceYear: Int, source: String, certainty: CostCertainty,
    atLeast: Bool = false
  ) {
    self.atLeast = atLeast
    self.low = low
    self.high = high
    self.priceYear = priceYear
    self.source = source
    self.certainty = certainty
  }

  /// The range times `factor` (a quantity, or a price index ratio).
  public func scaled(by factor: Double) -> CostRange {
    var result = self
    result.low *= factor
    result.high *= factor
    return result
  }
}

/// How sure a cost figure is (the marks of `shared/reference/upgrade-costs.md`).
public enum CostCertainty: String, Sendable, Hashable, CaseIterable, Codable {
  /// `C2`: confirmed by two or more independent sources.
  case confirmed = "C2"
  /// `C1`: one source.
  case oneSource = "C1"
  /// `INF`: inferred from related figures; the catalogue says how.
  case inferred = "INF"
  /// `WEAK`: only from low-quality pages; a sanity check, not a default.
  case weak = "WEAK"
}

/// What a measure changes in the model when it is applied.
///
/// Attributes are named as in the portfolio format (`clearWidth`, `step`),
/// so that a catalogue reads like the survey it changes.
public enum ModelChange: Sendable, Hashable {
  /// Sets an attribute of the element the fail is on: to the value the
  /// failing rule requires (nil value), or to a fixed value.
  case set(attribute: String, value: ChangeValue)
  /// Replaces steps by a ramp whose length follows from the rise and the
  /// profile's maximum ramp slope, with landings as the profile asks.
  case rampForSteps
  /// Adds a lift stop on the landing the lift misses.
  case liftStop
}

/// The value a ``ModelChange/set(attribute:value:)`` gives.
public enum ChangeValue: Sendable, Hashable {
  /// What the failing rule requires (its minimum, or its maximum).
  case required
  /// What the rule with this id requires of the element: for a measure that
  /// clears several rules, each attribute set to its own rule's value.
  case requiredBy(String)
  /// A number in the format's unit for the attribute (mm, %).
  case number(Double)
  /// A word of the format (`bothSides`, `true`, `r11`).
  case word(String)
}

/// A condition under which a measure needs a survey before it can be
/// priced.
public enum SurveyCondition: String, Sendable, Hashable, CaseIterable, Codable {
  /// Whether the wall to open is load-bearing is not recorded.
  case loadBearingWallUnknown
  /// The floor build-up (for a floor-level shower's drain) is not recorded.
  case floorBuildUpUnknown
  /// The stair is too narrow for a stair lift, or its width is unknown.
  case stairWidth
  /// Whether there is room for a lift shaft is not recorded.
  case shaftSpace
  /// Whether the room can be enlarged (the wall to move, the room beside)
  /// is not recorded.
  case roomEnlargement
  /// Whether a ramp fits at the entrance (its length for the rise, its
  /// landings) is not recorded, or the rise is too high for a ramp.
  case entranceSpace
}
