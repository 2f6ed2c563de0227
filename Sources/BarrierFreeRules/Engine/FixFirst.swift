/// What to fix first across a portfolio: the flats nearest their next
/// class, and the rules whose fix alone would lift the most flats.
///
/// A flat is *n rules away* when its blockers (the fails at its next class)
/// name n distinct rules: a rule that fails at three doors is one kind of
/// fix. Flats held back only by what is not measured are not near misses
/// here: their open questions say what to measure.
///
/// The lists keep ``limit`` flats of each kind, the first by building and
/// flat id (so that the view does not depend on the order of the input,
/// nor on how the work was split), with the total count, so that memory
/// does not grow with the portfolio.
public struct FixFirst: Sendable, Hashable, Decodable {
  /// A flat near its next class.
  public struct NearMiss: Sendable, Hashable, Codable {
    /// The flat's building.
    public var building: String
    /// The flat's id.
    public var flat: String
    /// The class it reaches (possibly, when unverified).
    public var `class`: String
    /// Whether that class is verified.
    public var verified: Bool
    /// The class its blockers stand before.
    public var nextClass: String
    /// The distinct rules that fail at the next class, in the order found.
    public var rules: [String]
    /// What the upgrade planner says it takes, when it was asked
    /// (`check --upgrades`); nil otherwise.
    public var upgrade: Cost?

    /// Creates a near miss.
    public init(
      building: String, flat: String, class: String, verified: Bool, nextClass: String,
      rules: [String]
    ) {
      self.building = building
      self.flat = flat
      self.class = `class`
      self.verified = verified
      self.nextClass = nextClass
      self.rules = rules
    }
  }

  /// What the upgrade planner's path costs for a near miss: plain figures,
  /// so that this module needs nothing of the planner's.
  public struct Cost: Sendable, Hashable, Codable {
    /// The class the path aims at.
    public var target: String
    /// Whether it gets there.
    public var reaches: Bool
    /// The low end of the range, in euros at the catalogue's price year.
    public var costLow: Double
    /// The high end of the range.
    public var costHigh: Double
    /// Whether a price is a lower bound ("from").
    public var fromPrices: Bool
    /// The measures' ids.
    public var measures: [String]

    /// Creates a cost.
    public init(
      target: String, reaches: Bool, costLow: Double, costHigh: Double, fromPrices: Bool,
      measures: [String]
    ) {
      self.target = target
      self.reaches = reaches
      self.costLow = costLow
      self.costHigh = costHigh
      self.fromPrices = fromPrices
      self.measures = measures
    }

    /// `1500–4000 EUR to barrierFree (shower.make-level)`, `from …`,
    /// `…, does not reach it`, or `no known measure to wheelchair`.
    public var summary: String {
      guard !measures.isEmpty else { return "no known measure to \(target)" }
      let low = Int(costLow.rounded())
      let high = Int(costHigh.rounded())
      let range = low == high ? "\(low)" : "\(low)–\(high)"
      return (fromPrices ? "from " : "") + "\(range) EUR to \(target)"
        + (measures.isEmpty ? "" : " (\(measures.joined(separator: ", ")))")
        + (reaches ? "" : ", does not reach it")
    }
  }

  /// Gives each listed near miss of `building` its cost from `costs` (by
  /// flat id).
  public mutating func price(_ costs: [String: Cost], building: String) {
    for index in oneRuleAway.flats.indices where oneRuleAway.flats[index].building == building {
      oneRuleAway.flats[index].upgrade = costs[oneRuleAway.flats[index].flat]
    }
    for index in twoRulesAway.flats.indices where twoRulesAway.flats[index].building == building {
      twoRulesAway.flats[index].upgrade = costs[twoRulesAway.flats[index].flat]
    }
  }

  /// The flats of `building` listed here.
  public func listedFlats(of building: String) -> Set<String> {
    Set(
      (oneRuleAway.flats + twoRulesAway.flats).filter { $0.building == building }.map(\.flat))
  }

  /// Flats whose blockers name this many rules, the first ``FixFirst/limit``
  /// of them by building and flat id.
  public struct Group: Sendable, Hashable, Codable {
    /// How many flats there are in all.
    public var count = 0
    /// The first of them, by building and flat id.
    public var flats: [NearMiss] = []
  }

  /// One rule, ranked.
  public struct RuleRank: Sendable, Hashable, Codable {
    /// The rule's id.
    public var rule: String
    /// The flats one rule away whose rule this is: fixing it everywhere
    /// it fails lifts them to their next class.
    public var lifts: Int
    /// The flats it blocks at all (one of several rules for some).
    public var blocks: Int
  }

  /// How many flats each group lists.
  public static let limit = 50

  /// Flats one rule away from their next class.
  public var oneRuleAway = Group()
  /// Flats two rules away.
  public var twoRulesAway = Group()
  /// Per rule, the flats its fix alone lifts.
  public private(set) var lifts: [String: Int] = [:]
  /// Per rule, the flats it blocks.
  public private(set) var blocks: [String: Int] = [:]

  /// An empty view.
  public init() {}

  /// The rules, those that lift the most flats first, then those that
  /// block the most; ties by id.
  public var ranked: [RuleRank] {
    blocks.keys.map { RuleRank(rule: $0, lifts: lifts[$0] ?? 0, blocks: blocks[$0] ?? 0) }
      .sorted {
        ($1.lifts, $1.blocks, $0.rule) < ($0.lifts, $0.blocks, $1.rule)
      }
  }

  /// Counts one flat of `building`.
  public mutating func add(_ flat: FlatAssessment, of building: String) {
    let classification = flat.classification
    guard let next = classification.nextClass else { return }
    var rules: [String] = []
    for blocker in flat.blockers where !rules.contains(blocker.rule) {
      rules.append(blocker.rule)
    }
    for rule in rules { blocks[rule, default: 0] += 1 }
    guard rules.count == 1 || rules.count == 2 else { return }
    let miss = NearMiss(
      building: building, flat: flat.id, class: classification.class,
      verified: classification.verified, nextClass: next, rules: rules)
    if rules.count == 1 {
      lifts[rules[0], default: 0] += 1
      Self.append(miss, to: &oneRuleAway)
    } else {
      Self.append(miss, to: &twoRulesAway)
    }
  }

  /// Adds another view's flats, which come after this one's.
  public mutating func add(_ other: FixFirst) {
    for miss in other.oneRuleAway.flats { Self.append(miss, to: &oneRuleAway, counting: false) }
    for miss in other.twoRulesAway.flats { Self.append(miss, to: &twoRulesAway, counting: false) }
    oneRuleAway.count += other.oneRuleAway.count
    twoRulesAway.count += other.twoRulesAway.count
    lifts.merge(other.lifts, uniquingKeysWith: +)
    blocks.merge(other.blocks, uniquingKeysWith: +)
  }

  private enum CodingKeys: String, CodingKey {
    case oneRuleAway, twoRulesAway, rules
  }

  /// Reads the view as the JSON report writes it: the two groups and the
  /// ranked rules.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    oneRuleAway = try container.decode(Group.self, forKey: .oneRuleAway)
    twoRulesAway = try container.decode(Group.self, forKey: .twoRulesAway)
    for rank in try container.decode([RuleRank].self, forKey: .rules) {
      if rank.lifts > 0 { lifts[rank.rule] = rank.lifts }
      blocks[rank.rule] = rank.blocks
    }
  }

  /// Adds `miss` in building and flat order, keeping the first ``limit``.
  private static func append(_ miss: NearMiss, to group: inout Group, counting: Bool = true) {
    if counting { group.count += 1 }
    let key = (miss.building, miss.flat)
    let at = group.flats.firstIndex { key < ($0.building, $0.flat) } ?? group.flats.endIndex
    guard at < limit else { return }
    group.flats.insert(miss, at: at)
    if group.flats.count > limit { group.flats.removeLast() }
  }
}
