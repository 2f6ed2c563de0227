import BarrierFreeModel
import BarrierFreeRules
import Foundation

/// The households one flat suits.
public struct FlatHouseholds: Sendable, Hashable {
  /// The households it suits now, the first few in the household file's
  /// order.
  public var suitsNow: [String] = []
  /// How many it suits now.
  public var suitsNowCount = 0
  /// The households it suits after an upgrade, the first few.
  public var afterUpgrade: [String] = []
  /// How many.
  public var afterUpgradeCount = 0
}

/// What a match keeps of a flat once its households are counted: its row in
/// the report's table of flats. A few hundred bytes: the flat's summary
/// (its needs' findings and jobs) is dropped once every kind of household
/// has been matched with it.
public struct FlatRow: Sendable, Hashable {
  /// The building's id.
  public var building: String
  /// The flat's id.
  public var flat: String
  /// The flat's number.
  public var number: String?
  /// The quarter.
  public var quarter: String?
  /// The storey.
  public var storey: Int?
  /// Its class on the check's ladder.
  public var classification: Classification
  /// Bedrooms recorded.
  public var bedrooms: Int?
  /// The fewest steps from the street to its door (without the flights).
  public var routeSteps: StepCount?
  /// Its category in the match's scheme.
  public var category: String
  /// More accessible categories not measured enough to rule out.
  public var possibleCategories: [String]
  /// The households it suits.
  public var households: FlatHouseholds

  /// The row of `summary`, with its category.
  public init(_ summary: FlatSummary, category: RegisterResult) {
    building = summary.building
    flat = summary.flat
    number = summary.number
    quarter = summary.quarter
    storey = summary.storey
    classification = summary.classification
    bedrooms = summary.bedrooms
    routeSteps = summary.routeSteps.map { StepCount(count: $0.count, exact: $0.exact) }
    self.category = category.category
    possibleCategories = category.possible
    households = FlatHouseholds()
  }
}

/// Everything a match run found: the flats with their categories and
/// households, and each household's groups.
public struct MatchResult: Sendable, Hashable {
  /// The flats, in file order.
  public var flats: [FlatRow]
  /// Each household's groups, in the household file's order.
  public var households: [HouseholdMatches]
  /// The register scheme of the flats' categories.
  public var scheme: RegisterScheme
  /// The ranked flats kept per group and household.
  public var limit: Int
  /// The profile of the check's ladder.
  public var profile: String
  /// The needs of the mapping, for reports.
  public var mapping: NeedMapping

  /// Matches `households` with `flats` at once (``MatchAccumulator`` does it
  /// as the flats come).
  public init(
    households: [Household], flats: [FlatSummary], matcher: Matcher, scheme: RegisterScheme,
    limit: Int, profile: String
  ) {
    var accumulator = MatchAccumulator(
      households: households, matcher: matcher, scheme: scheme, limit: limit, profile: profile)
    accumulator.add(flats)
    self = accumulator.result()
  }

  init(
    flats: [FlatRow], households: [HouseholdMatches], scheme: RegisterScheme, limit: Int,
    profile: String, mapping: NeedMapping
  ) {
    self.flats = flats
    self.households = households
    self.scheme = scheme
    self.limit = limit
    self.profile = profile
    self.mapping = mapping
  }
}

/// Matches households with flats as the flats come, a building or a quarter
/// at a time: each flat is matched with every kind of household (households
/// with the same needs are matched once: a register of a thousand
/// applicants has a few dozen kinds of need), counted, ranked into the
/// groups' first `limit`, and kept as a ``FlatRow``. Memory holds the rows
/// and the ranked matches, not the flats' summaries.
public struct MatchAccumulator: Sendable {
  private let households: [Household]
  private let matcher: Matcher
  private let scheme: RegisterScheme
  private let limit: Int
  private let profile: String
  /// The kinds of need, in the order of their first household, with their
  /// households (indices, ascending) and their mapped needs' indices.
  private let kinds: [(needs: Needs, members: [Int], indices: [Int])]
  private var counts: [[Int]]
  private var ranked: [[[(key: RankKey, match: FlatMatch)]]]
  private var rows: [FlatRow] = []
  /// Flats added and not yet matched.
  private var pending: [FlatSummary] = []
  /// The first few households of each flat, by index, in file order.
  private var suitsNow: [[Int]] = []
  private var afterUpgrade: [[Int]] = []
  /// Households listed per flat.
  static let shown = 3

  /// An accumulator for `households`, ranking the first `limit` flats of
  /// each group (0: all).
  public init(
    households: [Household], matcher: Matcher, scheme: RegisterScheme, limit: Int,
    profile: String
  ) {
    self.households = households
    self.matcher = matcher
    self.scheme = scheme
    self.limit = limit
    self.profile = profile
    var members: [Needs: [Int]] = [:]
    var order: [Needs] = []
    for (index, household) in households.enumerated() {
      if members[household.needs] == nil { order.append(household.needs) }
      members[household.needs, default: []].append(index)
    }
    kinds = order.map { needs in (needs, members[needs] ?? [], matcher.indices(of: needs)) }
    counts = Array(repeating: Array(repeating: 0, count: 4), count: kinds.count)
    ranked = Array(repeating: Array(repeating: [], count: 4), count: kinds.count)
  }

  /// Matches `flats` (their quarters' reaches already in) with every
  /// household: kept until a batch is full, then matched on every core.
  public mutating func add(_ flats: [FlatSummary]) {
    pending += flats
    if pending.count >= Self.batch { flush() }
  }

  /// Flats matched at once: enough to spread the kinds of household over
  /// the cores, few enough that their summaries stay small.
  static let batch = 512

  /// Matches the pending flats: each kind of household on its own (its
  /// counts and ranked groups are its own), the kinds spread over the cores;
  /// then the flats' households, in order.
  private mutating func flush() {
    guard !pending.isEmpty else { return }
    let flats = pending
    pending = []
    let first = rows.count
    for flat in flats {
      rows.append(FlatRow(flat, category: matcher.category(of: flat, in: scheme)))
      suitsNow.append([])
      afterUpgrade.append([])
    }
    let slots = KindSlots(counts: counts, ranked: ranked, flats: flats.count)
    let matcher = matcher
    let kinds = kinds
    let limit = limit
    // Read from these copies, written only to the slots.
    let before = (counts: counts, ranked: ranked)
    DispatchQueue.concurrentPerform(iterations: kinds.count) { kind in
      let (needs, _, indices) = kinds[kind]
      var counts = before.counts[kind]
      var ranked = before.ranked[kind]
      var statuses = [MatchStatus](repeating: .doesNotSuit, count: flats.count)
      for index in flats.indices {
        let quick = matcher.quick(needs, indices: indices, flats: flats, at: index)
        let group = Self.group(quick.status)
        counts[group] += 1
        statuses[index] = quick.status
        Self.keep(quick, flat: first + index, in: &ranked[group], limit: limit) {
          matcher.match(needs, indices: indices, flat: flats[index], index: first + index)
        }
      }
      slots.store(kind: kind, counts: counts, ranked: ranked, statuses: statuses)
    }
    counts = slots.counts
    ranked = slots.ranked
    for (kind, entry) in kinds.enumerated() {
      for index in flats.indices {
        let row = first + index
        switch slots.statuses[kind][index] {
        case .suits:
          rows[row].households.suitsNowCount += entry.members.count
          Self.add(entry.members, to: &suitsNow[row], shown: Self.shown)
        case .afterUpgrade:
          rows[row].households.afterUpgradeCount += entry.members.count
          Self.add(entry.members, to: &afterUpgrade[row], shown: Self.shown)
        default: break
        }
      }
    }
  }

  /// The result: every flat added, matched.
  public mutating func result() -> MatchResult {
    flush()
    var rows = self.rows
    for index in rows.indices {
      rows[index].households.suitsNow = suitsNow[index].map { households[$0].id }
      rows[index].households.afterUpgrade = afterUpgrade[index].map { households[$0].id }
    }
    var found = Array(
      repeating: HouseholdMatches(
        household: Household(id: "", needs: Needs()), counts: [:], groups: [:]),
      count: households.count)
    for (kind, entry) in kinds.enumerated() {
      var groupCounts: [MatchStatus: Int] = [:]
      var groups: [MatchStatus: [FlatMatch]] = [:]
      for (group, status) in MatchStatus.allCases.enumerated() {
        groupCounts[status] = counts[kind][group]
        groups[status] = ranked[kind][group].map(\.match)
      }
      for member in entry.members {
        found[member] = HouseholdMatches(
          household: households[member], counts: groupCounts, groups: groups)
      }
    }
    return MatchResult(
      flats: rows, households: found, scheme: scheme, limit: limit, profile: profile,
      mapping: matcher.mapping)
  }

  private static func group(_ status: MatchStatus) -> Int {
    switch status {
    case .suits: 0
    case .afterUpgrade: 1
    case .notKnown: 2
    case .doesNotSuit: 3
    }
  }

  /// What ranks a flat in its group, lower first: for "suits now" the
  /// surplus; after an upgrade those with nothing left to measure first,
  /// then the cost (low plus high), then the surplus; not known the things
  /// to measure, then the surplus; does not suit the fails no measure
  /// clears. Then the file's order.
  struct RankKey: Comparable, Sendable {
    var tier = 0
    var first: Double
    var second: Int
    var flat: Int

    static func < (lhs: RankKey, rhs: RankKey) -> Bool {
      (lhs.tier, lhs.first, lhs.second, lhs.flat) < (rhs.tier, rhs.first, rhs.second, rhs.flat)
    }
  }

  /// Puts the flat `flat` into its ranked `group` when it is among the
  /// first `limit` (0: all); `make` gives its match with words, asked only
  /// then.
  private static func keep(
    _ quick: Matcher.Quick, flat: Int, in group: inout [(key: RankKey, match: FlatMatch)],
    limit: Int, make: () -> FlatMatch
  ) {
    let key: RankKey =
      switch quick.status {
      case .suits: RankKey(first: Double(quick.surplus), second: 0, flat: flat)
      case .afterUpgrade:
        RankKey(
          tier: quick.unknownCount > 0 ? 1 : 0, first: quick.cost, second: quick.surplus,
          flat: flat)
      case .notKnown:
        RankKey(first: Double(quick.unknownCount), second: quick.surplus, flat: flat)
      case .doesNotSuit: RankKey(first: Double(quick.incurable), second: 0, flat: flat)
      }
    if limit > 0, group.count >= limit, let last = group.last, !(key < last.key) { return }
    var low = 0
    var high = group.count
    while low < high {
      let middle = (low + high) / 2
      if group[middle].key < key { low = middle + 1 } else { high = middle }
    }
    group.insert((key, make()), at: low)
    if limit > 0, group.count > limit { group.removeLast() }
  }

  /// Adds `members` (household indices, ascending) to `list`, keeping the
  /// first `shown` in household order.
  private static func add(_ members: [Int], to list: inout [Int], shown: Int) {
    guard list.count < shown || members.first ?? .max < list.last ?? .max else { return }
    list += members.prefix(shown)
    list.sort()
    if list.count > shown { list.removeLast(list.count - shown) }
  }
}

/// Where the kinds of household, matched at once on several cores, leave
/// their counts, ranked groups and the group of each flat of a batch: each
/// kind writes only its own slot, and the caller reads them after every kind
/// is done (`DispatchQueue.concurrentPerform` returns then). Unchecked
/// because the compiler cannot see that the slots are disjoint; the lock
/// makes each store whole.
private final class KindSlots: @unchecked Sendable {
  var counts: [[Int]]
  var ranked: [[[(key: MatchAccumulator.RankKey, match: FlatMatch)]]]
  var statuses: [[MatchStatus]]
  private let lock = NSLock()

  init(
    counts: [[Int]], ranked: [[[(key: MatchAccumulator.RankKey, match: FlatMatch)]]], flats: Int
  ) {
    self.counts = counts
    self.ranked = ranked
    statuses = Array(repeating: [], count: counts.count)
  }

  func store(
    kind: Int, counts: [Int], ranked: [[(key: MatchAccumulator.RankKey, match: FlatMatch)]],
    statuses: [MatchStatus]
  ) {
    lock.withLock {
      self.counts[kind] = counts
      self.ranked[kind] = ranked
      self.statuses[kind] = statuses
    }
  }
}
