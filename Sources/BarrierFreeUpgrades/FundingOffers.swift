import BarrierFreeModel

/// Who asks for funding, and for which day: programmes open and close, and
/// their amounts change, so an answer holds for one day.
public struct FundingQuestion: Sendable, Hashable {
  /// Who applies: `housingCompany`, `privateOwner`, `tenant`,
  /// `ownersAssociation`, `cooperative`, `developer`, `publicBody`.
  public var applicant: String
  /// The day the answer is for.
  public var day: CalendarDay

  /// Creates a question.
  public init(applicant: String = "housingCompany", day: CalendarDay) {
    self.applicant = applicant
    self.day = day
  }
}

/// What one programme (one variant of it) could pay towards one flat's
/// upgrade, and whether it can.
public struct FundingOffer: Sendable, Hashable {
  /// Whether the programme can pay.
  public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Open on the day, the applicant may apply, the flat meets what the
    /// programme requires.
    case available
    /// Something is not known: whether it is open that day, whether a
    /// resident has a care grade, whether the flat meets the required
    /// profile. Unknown is not available.
    case unknown
    /// Closed that day, not for this applicant, below its minimum, or
    /// the flat fails the profile it requires.
    case unavailable

    /// `available` < `unknown` < `unavailable`: the worse wins.
    public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
      allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
  }

  /// The programme's id (`kfw-159`).
  public var programme: String
  /// The programme's name.
  public var title: String
  /// The variant of the amount (`single-measures`); nil: the only one.
  public var variant: String?
  /// Grant, loan or allowance.
  public var form: FundingProgramme.Form
  /// The measures of the path it can pay for, each id once, in path order.
  public var measures: [String]
  /// Their cost range, EUR (a shared measure counted with the flat's share).
  public var eligible: CostSpan
  /// What it pays (for a loan: what it lends), EUR; for an allowance per
  /// person, for one person. Zero when it cannot pay (``Verdict/unavailable``),
  /// so that a sum over offers never counts a closed programme.
  public var amount: CostSpan
  /// Whether it can pay: the worst of its reasons' verdicts.
  public var verdict: Verdict { reasons.map(\.verdict).max() ?? .available }
  /// Why it cannot, what is not known, and the conditions that come with it.
  public var reasons: [Reason]
  /// Where the programme's rules come from.
  public var source: String
  /// How sure they are.
  public var certainty: CostCertainty
}

extension FundingOffer {
  /// One reason of an offer, with the verdict it leads to: `unavailable`
  /// for a closed programme, `unknown` for a period the file does not
  /// cover, `available` for a condition that is met.
  public struct Reason: Sendable, Hashable {
    /// The verdict this reason leads to.
    public var verdict: Verdict
    /// What it says.
    public var text: String

    /// Creates a reason.
    public init(_ verdict: Verdict, _ text: String) {
      self.verdict = verdict
      self.text = text
    }
  }
}

/// A low–high span of euros: an eligible cost or an amount.
public struct CostSpan: Sendable, Hashable {
  /// The low end, EUR.
  public var low: Double
  /// The high end, EUR.
  public var high: Double

  /// Creates a span.
  public init(low: Double, high: Double) {
    self.low = low
    self.high = high
  }

  /// Nothing.
  public static let zero = CostSpan(low: 0, high: 0)

  /// Both ends added.
  public static func + (lhs: CostSpan, rhs: CostSpan) -> CostSpan {
    CostSpan(low: lhs.low + rhs.low, high: lhs.high + rhs.high)
  }
}

extension FundingProgramme {
  /// Whether it can pay for `job`'s measure: its funding area is one of the
  /// programme's, or the programme pays the care insurance's measures and
  /// this is one.
  public func pays(for job: Job) -> Bool {
    if careInsurance && job.careInsurance { return true }
    return job.fundingArea.map(fundingAreas.contains) ?? false
  }
}

extension FundingCatalogue {
  /// What each programme could pay towards `jobs`, for `question`'s
  /// applicant on its day; `meets` are the changed flat's checks against
  /// the profiles programmes require (``UpgradePath/meets``).
  ///
  /// Each job comes with the share of its cost the flat bears: 1 for its
  /// own, less for a measure it shares with other flats (one lift stop for
  /// a landing's flats). One offer per programme and variant that pays for
  /// at least one of the jobs, in the file's order.
  public func offers(
    for jobs: [(job: Job, share: Double)], meets: [ProfileCheck], question: FundingQuestion
  ) -> [FundingOffer] {
    programmes.flatMap { programme -> [FundingOffer] in
      let paid = jobs.filter { programme.pays(for: $0.job) }
      guard !paid.isEmpty else { return [] }
      var measureIDs: [String] = []
      for (job, _) in paid where !measureIDs.contains(job.measure) {
        measureIDs.append(job.measure)
      }
      let eligible = paid.reduce(CostSpan.zero) {
        $0 + CostSpan(low: $1.job.cost.low * $1.share, high: $1.job.cost.high * $1.share)
      }
      let reasons = Self.conditions(of: programme, meets: meets, question: question)
      let amounts = programme.amounts(on: question.day)
      guard !amounts.isEmpty else {
        return [
          FundingOffer(
            programme: programme.id, title: programme.title, variant: nil, form: programme.form,
            measures: measureIDs, eligible: eligible, amount: .zero,
            reasons: reasons + [
              .init(.unknown, "the funding file gives no amount for \(question.day)")
            ],
            source: programme.source, certainty: programme.certainty)
        ]
      }
      return amounts.map { amount in
        let (paidAmount, amountReasons) = Self.pay(amount, of: eligible)
        var offer = FundingOffer(
          programme: programme.id, title: programme.title, variant: amount.variant,
          form: programme.form, measures: measureIDs, eligible: eligible, amount: paidAmount,
          reasons: reasons + amountReasons, source: programme.source,
          certainty: programme.certainty)
        if amounts.count > 1, let variant = amount.variant {
          offer.reasons.append(
            .init(
              .available, "variant \(variant): one of the programme's variants, not in addition"))
        }
        if offer.verdict == .unavailable { offer.amount = .zero }
        return offer
      }
    }
  }

  /// Whether `programme` is open, for the applicant, and satisfied with
  /// the changed flat.
  static func conditions(
    of programme: FundingProgramme, meets: [ProfileCheck], question: FundingQuestion
  ) -> [FundingOffer.Reason] {
    var reasons: [FundingOffer.Reason] = []
    switch programme.status(on: question.day) {
    case .open: break
    case .closed:
      let note = programme.periods.first { $0.contains(question.day) }?.note
      reasons.append(
        .init(.unavailable, "closed on \(question.day)" + (note.map { ": \($0)" } ?? "")))
    case nil:
      reasons.append(
        .init(.unknown, "whether it is open on \(question.day) is not in the funding file"))
    }
    if !programme.applicants.contains(question.applicant) {
      if programme.applicants.contains("personInNeedOfCare") {
        reasons.append(.init(.unknown, "only if a resident has a care grade; the resident applies"))
      } else {
        let who = programme.applicants.sorted().joined(separator: ", ")
        reasons.append(
          .init(.unavailable, "not for applicant \(question.applicant); only for \(who)"))
      }
    }
    if let profile = programme.requiresProfile {
      switch meets.first(where: { $0.profile == profile }) {
      case .some(let check) where check.verdict == .meets:
        reasons.append(.init(.available, "the upgraded flat meets \(profile)"))
      case .some(let check) where check.verdict == .fails:
        let rules = check.rules.joined(separator: ", ")
        reasons.append(
          .init(.unavailable, "the upgraded flat fails \(profile), which it requires: \(rules)"))
      case .some(let check):
        let rules = check.rules.joined(separator: ", ")
        reasons.append(
          .init(
            .unknown,
            "whether the upgraded flat meets \(profile), which it requires, is unknown: measure \(rules)"
          ))
      case nil:
        reasons.append(
          .init(.unknown, "the upgraded flat was not checked against \(profile), which it requires")
        )
      }
    }
    return reasons
  }

  /// What `amount` pays of `eligible`: a share of the costs up to a cap,
  /// or a fixed sum at most the costs; nothing when the costs stay below
  /// the minimum investment.
  static func pay(_ amount: FundingAmount, of eligible: CostSpan) -> (
    CostSpan, [FundingOffer.Reason]
  ) {
    var reasons: [FundingOffer.Reason] = []
    var paid: CostSpan
    if let fixed = amount.fixed {
      paid = CostSpan(low: min(fixed, eligible.low), high: min(fixed, eligible.high))
    } else {
      let share = amount.share ?? 0
      let cap = amount.ofUpTo ?? .infinity
      paid = CostSpan(low: share * min(eligible.low, cap), high: share * min(eligible.high, cap))
      if eligible.high > cap {
        reasons.append(.init(.available, "counts at most \(Int(cap)) EUR of the costs"))
      }
    }
    if amount.per == .person {
      let most = amount.maxPersons.map { ", up to \($0) in one home" } ?? ""
      reasons.append(.init(.available, "per person with a care grade\(most)"))
    }
    if let minimum = amount.minimumInvestment {
      if eligible.high < minimum {
        reasons.append(
          .init(
            .unavailable,
            "the eligible costs stay below the minimum investment of \(Int(minimum)) EUR"))
        paid = .zero
      } else if eligible.low < minimum {
        reasons.append(
          .init(
            .unknown,
            "the eligible costs reach the minimum investment of \(Int(minimum)) EUR only at the upper end"
          ))
        paid.low = 0
      }
    }
    return (paid, reasons)
  }
}

/// What one programme (one variant) could pay towards a whole plan: the
/// sum of its offers to the chosen flats, by verdict.
public struct FundingTotal: Sendable, Hashable {
  /// The programme's id.
  public var programme: String
  /// The programme's name.
  public var title: String
  /// The variant; nil: the only one.
  public var variant: String?
  /// Grant, loan or allowance.
  public var form: FundingProgramme.Form
  /// How many chosen flats it can pay for, may pay for (unknown), or not.
  public var flats: [FundingOffer.Verdict: Int]
  /// What it pays to the flats it can pay for, EUR.
  public var available: CostSpan
  /// What it would pay to the flats where something is not known, EUR.
  public var unknown: CostSpan
  /// Why it cannot pay, or what is not known: each reason once, in the
  /// order met.
  public var why: [FundingOffer.Reason]
}

extension Plan {
  /// Each chosen flat's funding offers (in the order of ``chosen``), with
  /// its share of shared measures, and each programme's total over the plan.
  public func funding(_ catalogue: FundingCatalogue, question: FundingQuestion) -> (
    perFlat: [[FundingOffer]], totals: [FundingTotal]
  ) {
    let perFlat = chosen.map { option in
      catalogue.offers(
        for: jobsWithShares(of: option), meets: option.path?.meets ?? [], question: question)
    }
    var totals: [FundingTotal] = []
    for offer in perFlat.joined() {
      let index =
        totals.firstIndex { $0.programme == offer.programme && $0.variant == offer.variant }
        ?? {
          totals.append(
            FundingTotal(
              programme: offer.programme, title: offer.title, variant: offer.variant,
              form: offer.form, flats: [:], available: .zero, unknown: .zero, why: []))
          return totals.count - 1
        }()
      totals[index].flats[offer.verdict, default: 0] += 1
      for reason in offer.reasons
      where reason.verdict != .available && !totals[index].why.contains(reason) {
        totals[index].why.append(reason)
      }
      switch offer.verdict {
      case .available: totals[index].available = totals[index].available + offer.amount
      case .unknown: totals[index].unknown = totals[index].unknown + offer.amount
      case .unavailable: break
      }
    }
    return (perFlat, totals)
  }
}
