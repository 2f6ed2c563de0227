/// Funding programmes as dated, editable data (`Catalogues/funding-de.xml`
/// for Germany): who may apply, how much they pay, when they are open.
public struct FundingCatalogue: Sendable, Hashable {
  /// The file's id.
  public var id: String
  /// A title for people.
  public var title: String
  /// What it covers, and as of when.
  public var summary: String
  /// The programmes, in the file's order.
  public var programmes: [FundingProgramme]

  /// Creates a funding catalogue.
  public init(id: String, title: String, summary: String = "", programmes: [FundingProgramme]) {
    self.id = id
    self.title = title
    self.summary = summary
    self.programmes = programmes
  }

  /// The programme with id `id`.
  public func programme(_ id: String) -> FundingProgramme? {
    programmes.first { $0.id == id }
  }
}

/// A day of the calendar, as funding periods are dated: `2025-01-01`.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year.
  public var year: Int
  /// The month, 1–12.
  public var month: Int
  /// The day of the month, 1–31.
  public var day: Int

  /// Creates a day.
  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Reads `2025-01-01`; nil for anything else, and for a day the month
  /// does not have (`2024-02-30`, `2023-02-29`).
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, of: year)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The days of `month` in `year` (Gregorian).
  static func days(inMonth month: Int, of year: Int) -> Int {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Orders days in time.
  public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// `2025-01-01`.
  public var description: String {
    let month = month < 10 ? "0\(month)" : "\(month)"
    let day = day < 10 ? "0\(day)" : "\(day)"
    return "\(year)-\(month)-\(day)"
  }
}

/// A grant, loan or allowance that can pay for measures.
public struct FundingProgramme: Sendable, Hashable, Identifiable {
  /// How a programme pays.
  public enum Form: String, Sendable, Hashable, CaseIterable, Codable {
    /// A grant towards the costs.
    case grant
    /// A loan.
    case loan
    /// A sum per person, as the care insurance's grant.
    case allowance
  }

  /// Whether a programme takes applications.
  public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
    /// Applications are taken.
    case open
    /// Applications are not taken (funds exhausted, no budget).
    case closed
  }

  /// A stable id: `kfw-159`.
  public var id: String
  /// The programme's name.
  public var title: String
  /// How it pays.
  public var form: Form
  /// Who may apply: `privateOwner`, `tenant`, `ownersAssociation`,
  /// `housingCompany`, `cooperative`, `developer`, `publicBody`,
  /// `personInNeedOfCare`.
  public var applicants: Set<String>
  /// The KfW funding areas whose measures it pays for.
  public var fundingAreas: Set<Int>
  /// Whether it pays for the measures marked ``Measure/careInsurance``.
  public var careInsurance: Bool
  /// A profile the upgraded flat must meet for the programme to pay
  /// (`kfw-barrier-reduced`: KfW's technical minimum requirements); nil:
  /// none.
  public var requiresProfile: String? = nil
  /// Where ``requiresProfile`` is written (`file:line:column`), when it was
  /// read from a file: a profile the plan cannot find is reported there.
  public var requiresProfileOrigin: String? = nil
  /// What it pays, by variant and time.
  public var amounts: [FundingAmount]
  /// When it is open or closed.
  public var periods: [FundingPeriod]
  /// Where its rules come from.
  public var source: String
  /// How sure they are.
  public var certainty: CostCertainty
  /// Doubts and conditions.
  public var notes: [String]

  /// Creates a programme.
  public init(
    id: String, title: String, form: Form, applicants: Set<String>, fundingAreas: Set<Int> = [],
    careInsurance: Bool = false, amounts: [FundingAmount], periods: [FundingPeriod] = [],
    source: String, certainty: CostCertainty, notes: [String] = []
  ) {
    self.id = id
    self.title = title
    self.form = form
    self.applicants = applicants
    self.fundingAreas = fundingAreas
    self.careInsurance = careInsurance
    self.amounts = amounts
    self.periods = periods
    self.source = source
    self.certainty = certainty
    self.notes = notes
  }

  /// Whether it takes applications on `day`: nil when no period covers the
  /// day (unknown is never open).
  public func status(on day: CalendarDay) -> Status? {
    periods.first { $0.contains(day) }?.status
  }

  /// Whether it can pay for `measure`: the measure's funding area is one of
  /// its areas, or it pays the care insurance's measures and this is one.
  public func pays(for measure: Measure) -> Bool {
    if careInsurance && measure.careInsurance { return true }
    return measure.fundingArea.map(fundingAreas.contains) ?? false
  }

  /// The amounts that apply on `day` (of every variant).
  public func amounts(on day: CalendarDay) -> [FundingAmount] {
    amounts.filter { $0.applies(on: day) }
  }
}

/// What a programme pays: a share of the eligible costs up to a cap on
/// them, or a fixed sum; per flat or per person.
public struct FundingAmount: Sendable, Hashable {
  /// Whom an amount is counted for.
  public enum Per: String, Sendable, Hashable, CaseIterable, Codable {
    /// Per dwelling unit.
    case flat
    /// Per person.
    case person
  }

  /// The programme's variant (`single-measures`, `standard`); nil: the only one.
  public var variant: String?
  /// The share of the eligible costs paid, 0–1.
  public var share: Double?
  /// The eligible costs counted at most, EUR.
  public var ofUpTo: Double?
  /// A fixed sum at most, EUR.
  public var fixed: Double?
  /// The least eligible cost for an application, EUR.
  public var minimumInvestment: Double?
  /// Whom it is counted for.
  public var per: Per
  /// For an amount per person: the most persons in one home.
  public var maxPersons: Int?
  /// The first day it applies; nil: from the start.
  public var from: CalendarDay?
  /// The last day it applies; nil: open-ended.
  public var until: CalendarDay?

  /// Creates an amount.
  public init(
    variant: String? = nil, share: Double? = nil, ofUpTo: Double? = nil, fixed: Double? = nil,
    minimumInvestment: Double? = nil, per: Per, maxPersons: Int? = nil, from: CalendarDay? = nil,
    until: CalendarDay? = nil
  ) {
    self.variant = variant
    self.share = share
    self.ofUpTo = ofUpTo
    self.fixed = fixed
    self.minimumInvestment = minimumInvestment
    self.per = per
    self.maxPersons = maxPersons
    self.from = from
    self.until = until
  }

  /// The most it pays for one flat or person: the share of the cap, or the
  /// fixed sum.
  public var maximum: Double? {
    if let fixed { return fixed }
    guard let share, let ofUpTo else { return nil }
    return share * ofUpTo
  }

  /// Whether it applies on `day` (both ends belong to it).
  public func applies(on day: CalendarDay) -> Bool {
    (from.map { $0 <= day } ?? true) && (until.map { day <= $0 } ?? true)
  }
}

/// A span of days in which a programme is open or closed; both ends belong
/// to it.
public struct FundingPeriod: Sendable, Hashable {
  /// Open or closed.
  public var status: FundingProgramme.Status
  /// The first day.
  public var from: CalendarDay
  /// The last day; nil: until further notice.
  public var until: CalendarDay?
  /// Where the dates come from.
  public var source: String?
  /// How sure they are.
  public var certainty: CostCertainty?
  /// What happened.
  public var note: String?

  /// Creates a period.
  public init(
    status: FundingProgramme.Status, from: CalendarDay, until: CalendarDay? = nil,
    source: String? = nil, certainty: CostCertainty? = nil, note: String? = nil
  ) {
    self.status = status
    self.from = from
    self.until = until
    self.source = source
    self.certainty = certainty
    self.note = note
  }

  /// Whether `day` falls in it.
  public func contains(_ day: CalendarDay) -> Bool {
    from <= day && (until.map { day <= $0 } ?? true)
  }
}
