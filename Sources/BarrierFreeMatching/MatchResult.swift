import BarrierFreeModel
import BarrierFreeRules

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

/// Everything a match run found: the flats, each household's groups, each
/// flat's households, and each flat's register category.
public struct MatchResult: Sendable, Hashable {
  /// The flats, in file order.
  public var flats: [FlatSummary]
  /// Each household's groups, in the household file's order.
  public var households: [HouseholdMatches]
  /// Each flat's households, by flat index.
  public var flatHouseholds: [FlatHouseholds]
  /// The register scheme of ``categories``.
  public var scheme: RegisterScheme
  /// Each flat's category in ``scheme``, by flat index.
  public var categories: [RegisterResult]
  /// The ranked flats kept per group and household.
  public var limit: Int
  /// The profile of the check's ladder.
  public var profile: String
  /// The needs of the mapping, for reports.
  public var mapping: NeedMapping

  /// Matches `households` with `flats`: each household's flats in four
  /// groups, the first `limit` of each ranked (0: all), and each flat's
  /// households.
  ///
  /// Households with the same needs are matched once: a register of a
  /// thousand applicants has a few dozen kinds of need.
  public init(
    households: [Household], flats: [FlatSummary], matcher: Matcher, scheme: RegisterScheme,
    limit: Int, profile: String
  ) {
    self.flats = flats
    self.scheme = scheme
    self.limit = limit
    self.profile = profile
    self.mapping = matcher.mapping
    categories = flats.map { matcher.category(of: $0, in: scheme) }
    var flatHouseholds = Array(repeating: FlatHouseholds(), count: flats.count)
    // The first few households of each flat, by index, in file order.
    var suitsNow = Array(repeating: [Int](), count: flats.count)
    var afterUpgrade = Array(repeating: [Int](), count: flats.count)
    var kinds: [Needs: [Int]] = [:]
    var order: [Needs] = []
    for (index, household) in households.enumerated() {
      if kinds[household.needs] == nil { order.append(household.needs) }
      kinds[household.needs, default: []].append(index)
    }
    var results = Array(
      repeating: (counts: [MatchStatus: Int](), groups: [MatchStatus: [FlatMatch]]()),
      count: households.count)
    let shown = 3
    for needs in order {
      let members = kinds[needs] ?? []
      let indices = matcher.indices(of: needs)
      var counts: [MatchStatus: Int] = [:]
      var ranked: [MatchStatus: [(key: RankKey, match: FlatMatch)]] = [:]
      for flatIndex in flats.indices {
        let quick = matcher.quick(needs, indices: indices, flats: flats, at: flatIndex)
        counts[quick.status, default: 0] += 1
        Self.keep(
          quick, flat: flatIndex, in: &ranked[quick.status, default: []], limit: limit
        ) {
          matcher.match(needs, indices: indices, flat: flats[flatIndex], index: flatIndex)
        }
        switch quick.status {
        case .suits:
          flatHouseholds[flatIndex].suitsNowCount += members.count
          Self.add(members, to: &suitsNow[flatIndex], shown: shown)
        case .afterUpgrade:
          flatHouseholds[flatIndex].afterUpgradeCount += members.count
          Self.add(members, to: &afterUpgrade[flatIndex], shown: shown)
        default: break
        }
      }
      let groups = ranked.mapValues { $0.map(\.match) }
      for member in members { results[member] = (counts, groups) }
    }
    for index in flats.indices {
      flatHouseholds[index].suitsNow = suitsNow[index].map { households[$0].id }
      flatHouseholds[index].afterUpgrade = afterUpgrade[index].map { households[$0].id }
    }
    self.flatHouseholds = flatHouseholds
    self.households = zip(households, results).map { household, found in
      HouseholdMatches(household: household, counts: found.counts, groups: found.groups)
    }
  }

  /// What ranks a flat in its group, lower first: for "suits now" the
  /// surplus; after an upgrade the cost (low plus high), then the surplus;
  /// not known the things to measure, then the surplus; does not suit the
  /// fails no measure clears. Then the file's order.
  struct RankKey: Comparable {
    var first: Double
    var second: Int
    var flat: Int

    static func < (lhs: RankKey, rhs: RankKey) -> Bool {
      (lhs.first, lhs.second, lhs.flat) < (rhs.first, rhs.second, rhs.flat)
    }
  }

  /// Puts the flat `flat` into its ranked `group` when it is among the
  /// first `limit` (0: all); `make` gives its match with words, asked only
  /// then (and for every flat that may suit after an upgrade, whose cost
  /// ranks it).
  private static func keep(
    _ quick: Matcher.Quick, flat: Int, in group: inout [(key: RankKey, match: FlatMatch)],
    limit: Int, make: () -> FlatMatch
  ) {
    var key: RankKey
    var made: FlatMatch?
    switch quick.status {
    case .suits: key = RankKey(first: Double(quick.surplus), second: 0, flat: flat)
    case .afterUpgrade:
      let match = make()
      made = match
      key = RankKey(first: match.costLow + match.costHigh, second: quick.surplus, flat: flat)
    case .notKnown:
      key = RankKey(first: Double(quick.unknownCount), second: quick.surplus, flat: flat)
    case .doesNotSuit: key = RankKey(first: Double(quick.incurable), second: 0, flat: flat)
    }
    if limit > 0, group.count >= limit, let last = group.last, !(key < last.key) { return }
    var low = 0
    var high = group.count
    while low < high {
      let middle = (low + high) / 2
      if group[middle].key < key { low = middle + 1 } else { high = middle }
    }
    group.insert((key, made ?? make()), at: low)
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
