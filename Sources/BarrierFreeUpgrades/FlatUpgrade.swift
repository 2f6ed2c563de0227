import BarrierFreeModel
import BarrierFreeRules

/// What it takes to lift one flat a class above the one it reaches
/// verified, in brief: what a check's report shows beside the flat ("what
/// it takes").
public struct FlatUpgrade: Sendable, Hashable, Codable {
  /// The class the path leads to: the one above the flat's verified class.
  public var target: String
  /// Whether the measures, applied and checked again, reach it verified.
  public var reaches: Bool
  /// The cost range of the path's measures, EUR, shared measures in full.
  public var costLow: Double
  /// The upper end; with ``fromPrices``, a lower bound only.
  public var costHigh: Double
  /// True when a measure's price is a lower bound ("from").
  public var fromPrices: Bool
  /// Whether a measure needs a survey before it can be priced.
  public var surveyNeeded: Bool
  /// The measures, by catalogue id, in the path's order.
  public var measures: [String]
  /// Rules that fail and have no measure in the catalogue.
  public var noKnownMeasure: [String]
  /// Rules cleared only by a measure a survey must confirm.
  public var afterSurvey: [String]
  /// Rules not measured at the target or below: measure them first.
  public var toMeasure: [String]
  /// The programmes that can pay (`kfw-159 lends 1500–4000 EUR`); empty
  /// without a funding file.
  public var funding: [String]

  /// The summary of `path`, with `funding`'s offers for it.
  public init(_ path: UpgradePath, funding: [FundingOffer] = []) {
    target = path.target
    reaches = path.reaches
    let cost = path.cost
    costLow = cost.low
    costHigh = cost.high
    fromPrices = path.jobs.contains { $0.cost.atLeast }
    surveyNeeded = path.needsSurvey
    var ids: [String] = []
    for job in path.jobs where !ids.contains(job.measure) { ids.append(job.measure) }
    measures = ids
    let reasons = FlatOption.Reasons(path)
    noKnownMeasure = reasons.noKnownMeasure
    afterSurvey = reasons.afterSurvey
    toMeasure = reasons.toMeasure
    self.funding = funding.filter { $0.verdict == .available }.map { offer in
      let name = offer.variant.map { "\(offer.programme) (\($0))" } ?? offer.programme
      let verb = offer.form == .loan ? "lends" : "pays"
      let amount =
        offer.amount.low == offer.amount.high
        ? "\(Int(offer.amount.low.rounded())) EUR"
        : "\(Int(offer.amount.low.rounded()))–\(Int(offer.amount.high.rounded())) EUR"
      return "\(name) \(verb) \(amount)"
    }
  }
}

/// What a check needs to add upgrade paths to its report: the planner (its
/// profile's ladder and the catalogue) and, optionally, the funding
/// programmes and the question they are asked.
public struct UpgradeContext: Sendable, Hashable {
  /// The planner.
  public var planner: UpgradePlanner
  /// The funding programmes; nil: no funding in the report.
  public var funding: FundingCatalogue?
  /// Who applies, and when.
  public var question: FundingQuestion?

  /// Creates a context.
  public init(
    planner: UpgradePlanner, funding: FundingCatalogue? = nil, question: FundingQuestion? = nil
  ) {
    self.planner = planner
    self.funding = funding
    self.question = question
  }

  /// Equal when the ladders, measures, funding and question are.
  public static func == (lhs: UpgradeContext, rhs: UpgradeContext) -> Bool {
    (lhs.planner.assessor.ladder, lhs.planner.measures, lhs.funding, lhs.question)
      == (rhs.planner.assessor.ladder, rhs.planner.measures, rhs.funding, rhs.question)
  }

  /// The fix-first costs of `assessment`'s near misses listed in
  /// `summary` (the building's own counts): its flats' paths, as plain
  /// figures.
  public func nearMissCosts(for assessment: BuildingAssessment, in summary: FixFirst)
    -> [String: FixFirst.Cost]
  {
    let listed = summary.listedFlats(of: assessment.id)
    guard !listed.isEmpty else { return [:] }
    return upgrades(for: assessment, only: listed).mapValues { upgrade in
      FixFirst.Cost(
        target: upgrade.target, reaches: upgrade.reaches, costLow: upgrade.costLow,
        costHigh: upgrade.costHigh, fromPrices: upgrade.fromPrices, measures: upgrade.measures)
    }
  }

  /// Hashes what `==` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(planner.assessor.ladder)
    hasher.combine(planner.measures)
    hasher.combine(funding)
    hasher.combine(question)
  }

  /// Each flat's way to the class above the one it reaches verified, by
  /// flat id; empty when the assessment carries no building.
  public func upgrades(for assessment: BuildingAssessment) -> [String: FlatUpgrade] {
    upgrades(for: assessment, only: nil)
  }

  /// ``upgrades(for:)`` of the flats `only` names (all when nil).
  public func upgrades(for assessment: BuildingAssessment, only: Set<String>?)
    -> [String: FlatUpgrade]
  {
    guard let building = assessment.building else { return [:] }
    let ladder = planner.assessor.ladder.profiles.map(\.class)
    var result: [String: FlatUpgrade] = [:]
    for flat in assessment.flats where only?.contains(flat.id) ?? true {
      // A level above what is verified: for a flat that is possibly at a
      // class, what it takes to be there for sure (what to measure first).
      let index = (ladder.firstIndex(of: flat.classification.verifiedClass) ?? -1) + 1
      guard index < ladder.count else { continue }
      let path = planner.path(forFlat: flat.id, of: building, to: index, assessed: nil)
      var offers: [FundingOffer] = []
      if let funding, let question, path.reaches {
        offers = funding.offers(
          for: path.jobs.map { ($0, 1) }, meets: path.meets, question: question)
      }
      result[flat.id] = FlatUpgrade(path, funding: offers)
    }
    return result
  }
}
