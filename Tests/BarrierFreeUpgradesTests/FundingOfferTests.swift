import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeTestSupport
import Testing

@testable import BarrierFreeUpgrades

/// What a programme could pay towards a path: open or closed on the day,
/// for whom, the share up to its cap, the minimum investment at its
/// boundary, and the profile it requires.
@Suite("Funding offers")
struct FundingOfferTests {
  static func job(
    low: Double, high: Double, area: Int? = 4, care: Bool = false, shared: Bool = false
  ) -> Job {
    Job(
      measure: "m-\(Int(low))", title: "m",
      element: ElementPath([PathStep(kind: "flat", name: "f")]),
      clears: [], quantity: 1, unit: .door,
      cost: CostRange(low: low, high: high, priceYear: 2026, source: "test", certainty: .inferred),
      survey: [], shared: shared, fundingArea: area, careInsurance: care,
      appliedAt: ElementPath(), requirements: Requirements())
  }

  /// A grant of 10 % of up to 25,000 with a 2,000 minimum, open in 2026.
  static let grant = FundingProgramme(
    id: "grant", title: "Grant", form: .grant, applicants: ["privateOwner"], fundingAreas: [4],
    amounts: [FundingAmount(share: 0.1, ofUpTo: 25_000, minimumInvestment: 2_000, per: .flat)],
    periods: [
      FundingPeriod(status: .open, from: CalendarDay(year: 2026, month: 1, day: 1)),
      FundingPeriod(
        status: .closed, from: CalendarDay(year: 2025, month: 1, day: 1),
        until: CalendarDay(year: 2025, month: 12, day: 31), note: "no budget"),
    ], source: "test", certainty: .inferred)

  static func offer(
    _ jobs: [Job], programme: FundingProgramme = grant, applicant: String = "privateOwner",
    day: String = "2026-06-01", meets: [ProfileCheck] = []
  ) throws -> FundingOffer? {
    let catalogue = FundingCatalogue(id: "f", title: "f", programmes: [programme])
    let question = FundingQuestion(applicant: applicant, day: try #require(CalendarDay(day)))
    return catalogue.offers(for: jobs.map { ($0, 1) }, meets: meets, question: question).first
  }

  @Test("Open, eligible: 10 % of the eligible costs")
  func share() throws {
    let offer = try #require(try Self.offer([Self.job(low: 3_000, high: 5_000)]))
    #expect(offer.verdict == .available)
    #expect(offer.eligible == CostSpan(low: 3_000, high: 5_000))
    #expect(offer.amount == CostSpan(low: 300, high: 500))
  }

  @Test("The cap counts at most 25,000 of the costs")
  func cap() throws {
    let offer = try #require(try Self.offer([Self.job(low: 20_000, high: 40_000)]))
    #expect(offer.amount == CostSpan(low: 2_000, high: 2_500))
    #expect(offer.reasons.contains { $0.text.contains("at most 25000 EUR") })
  }

  @Test(
    "Minimum investment 2,000: below, reached only at the top of the range, at, above",
    arguments: [
      (1_000.0, 1_999.0, FundingOffer.Verdict.unavailable, 0.0, 0.0),
      (1_500, 2_000, .unknown, 0, 200),
      (2_000, 2_000, .available, 200, 200),
      (2_001, 3_000, .available, 200.1, 300),
    ])
  func minimum(
    low: Double, high: Double, verdict: FundingOffer.Verdict, paidLow: Double, paidHigh: Double
  ) throws {
    let offer = try #require(try Self.offer([Self.job(low: low, high: high)]))
    #expect(offer.verdict == verdict)
    #expect(abs(offer.amount.low - paidLow) < 1e-9)
    #expect(abs(offer.amount.high - paidHigh) < 1e-9)
  }

  @Test("Closed on the day, unknown on a day no period covers, open on the first day")
  func days() throws {
    let job = Self.job(low: 3_000, high: 5_000)
    let closed = try #require(try Self.offer([job], day: "2025-12-31"))
    #expect(closed.verdict == .unavailable)
    #expect(closed.reasons.contains(.init(.unavailable, "closed on 2025-12-31: no budget")))
    // What a closed programme would pay is not counted anywhere.
    #expect(closed.amount == .zero)
    #expect(try Self.offer([job], day: "2024-12-31")?.verdict == .unknown)
    #expect(try Self.offer([job], day: "2026-01-01")?.verdict == .available)
  }

  @Test("Not for a housing company; the care grant is the resident's, so unknown")
  func applicants() throws {
    let job = Self.job(low: 3_000, high: 5_000, care: true)
    let notFor = try #require(try Self.offer([job], applicant: "housingCompany"))
    #expect(notFor.verdict == .unavailable)
    let care = FundingProgramme(
      id: "care", title: "Care", form: .allowance, applicants: ["personInNeedOfCare"],
      careInsurance: true,
      amounts: [FundingAmount(fixed: 4_180, per: .person, maxPersons: 4)],
      periods: [FundingPeriod(status: .open, from: CalendarDay(year: 2015, month: 1, day: 1))],
      source: "test", certainty: .inferred)
    let resident = try #require(
      try Self.offer([job], programme: care, applicant: "housingCompany"))
    #expect(resident.verdict == .unknown)
    #expect(resident.amount == CostSpan(low: 3_000, high: 4_180))
  }

  @Test("A measure outside the programme's funding areas gets no offer")
  func areas() throws {
    #expect(try Self.offer([Self.job(low: 3_000, high: 5_000, area: 3)]) == nil)
    #expect(try Self.offer([Self.job(low: 3_000, high: 5_000, area: nil)]) == nil)
  }

  @Test("A required profile: met, failed, unknown, not checked")
  func requiredProfile() throws {
    var programme = Self.grant
    programme.requiresProfile = "kfw-barrier-reduced"
    let job = Self.job(low: 3_000, high: 5_000)
    func verdict(_ meets: [ProfileCheck]) throws -> FundingOffer.Verdict? {
      try Self.offer([job], programme: programme, meets: meets)?.verdict
    }
    #expect(
      try verdict([ProfileCheck(profile: "kfw-barrier-reduced", verdict: .meets)]) == .available)
    #expect(
      try verdict([
        ProfileCheck(profile: "kfw-barrier-reduced", verdict: .fails, rules: ["door.clear-width"])
      ]) == .unavailable)
    #expect(
      try verdict([ProfileCheck(profile: "kfw-barrier-reduced", verdict: .unknown)]) == .unknown)
    #expect(try verdict([]) == .unknown)
  }

  @Test("The built-in funding on 2026-12-06: KfW 159 lends, 455-B is closed")
  func builtIn() throws {
    let catalogue = try FundingCatalogue.builtIn
    let question = FundingQuestion(
      applicant: "housingCompany", day: try #require(CalendarDay("2026-12-06")))
    let offers = catalogue.offers(
      for: [(Self.job(low: 3_000, high: 5_000), 1)],
      meets: [ProfileCheck(profile: "kfw-barrier-reduced", verdict: .meets)], question: question)
    let verdicts = Dictionary(
      offers.map { ("\($0.programme) \($0.variant ?? "")", $0.verdict) }, uniquingKeysWith: max)
    #expect(
      verdicts == [
        "kfw-159 ": .available, "kfw-455-b single-measures": .unavailable,
        "kfw-455-b standard": .unavailable,
      ])
    #expect(offers.first?.amount == CostSpan(low: 3_000, high: 5_000))
  }

  @Test("A day the month does not have is no day: leap years, 30-day months")
  func calendarDays() {
    #expect(CalendarDay("2024-02-29") != nil)
    #expect(CalendarDay("2000-02-29") != nil)
    #expect(CalendarDay("2023-02-29") == nil)
    #expect(CalendarDay("1900-02-29") == nil)
    #expect(CalendarDay("2024-02-30") == nil)
    #expect(CalendarDay("2024-04-31") == nil)
    #expect(CalendarDay("2024-12-31") != nil)
    #expect(CalendarDay("2024-13-01") == nil)
  }
}
