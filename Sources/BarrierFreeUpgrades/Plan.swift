import BarrierFreeModel
import BarrierFreeRules

/// One flat as a plan sees it: whether it is at the target already, and
/// if not, what its upgrade path to the target costs or why it cannot
/// reach it.
///
/// Small on purpose: a plan over a large portfolio keeps one per flat, not
/// the buildings. The path is held by reference and the reasons as sets of
/// rule numbers, so that an option takes about a hundred bytes and no
/// memory of its own (20,000 buildings have over 100,000 flats).
public struct FlatOption: Sendable, Hashable {
  /// The flat's building.
  public var building: String
  /// The building's quarter, if it is in one.
  public var quarter: String?
  /// The flat's id.
  public var flat: String
  /// True when the flat is at the target (or above) already.
  public var atTarget: Bool
  /// The path to the target; nil when ``atTarget``, and in a
  /// ``compacted()`` option of a flat that cannot reach it.
  public var path: UpgradePath? {
    get { box?.path }
    set {
      box = newValue.map(PathBox.init)
      reasons = Reasons(newValue)
    }
  }
  private var box: PathBox?
  /// Why the flat cannot reach the target: the rules of its path's fails
  /// without a measure, of those cleared only after a survey, and of what
  /// is not measured.
  public var reasons: Reasons

  /// The rules that keep a flat from its target, each once, sorted.
  public struct Reasons: Sendable, Hashable {
    private var noMeasure = RuleSet()
    private var survey = RuleSet()
    private var unmeasured = RuleSet()

    /// Rules that fail and have no measure in the catalogue.
    public var noKnownMeasure: [String] { noMeasure.ids }
    /// Rules cleared only by a measure a survey must confirm.
    public var afterSurvey: [String] { survey.ids }
    /// Rules that are not measured at the target or below.
    public var toMeasure: [String] { unmeasured.ids }

    /// No reasons.
    public init() {}

    /// The rules of `path`'s findings.
    public init(_ path: UpgradePath?) {
      noMeasure = RuleSet(path?.noKnownMeasure.map(\.rule) ?? [])
      survey = RuleSet(path?.afterSurvey.map(\.rule) ?? [])
      unmeasured = RuleSet(path?.unknowns.map(\.rule) ?? [])
    }
  }

  /// Creates an option; its ``reasons`` are read from `path`.
  public init(
    building: String, quarter: String? = nil, flat: String, atTarget: Bool, path: UpgradePath?
  ) {
    self.building = building
    self.quarter = quarter
    self.flat = flat
    self.atTarget = atTarget
    self.box = path.map(PathBox.init)
    reasons = Reasons(path)
  }

  /// The option as a plan over a large portfolio keeps it: a flat that
  /// cannot reach the target keeps its ``reasons`` and not its path, whose
  /// findings took most of a plan's memory (147 MB for 2,000 buildings).
  public func compacted() -> FlatOption {
    guard !reachable else { return self }
    var option = self
    option.box = nil
    return option
  }

  /// Options are equal when their flats, paths and reasons are.
  public static func == (lhs: FlatOption, rhs: FlatOption) -> Bool {
    (lhs.building, lhs.quarter, lhs.flat, lhs.atTarget) == (
      rhs.building, rhs.quarter, rhs.flat, rhs.atTarget
    )
      && lhs.path == rhs.path && lhs.reasons == rhs.reasons
  }

  /// Hashes the parts compared by `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(building)
    hasher.combine(quarter)
    hasher.combine(flat)
    hasher.combine(atTarget)
    hasher.combine(path)
    hasher.combine(reasons)
  }

  /// Whether measures from the catalogue lift the flat to the target.
  public var reachable: Bool { atTarget || path?.reaches == true }

  /// The jobs on the flat's own elements.
  var ownJobs: [Job] { path?.jobs.filter { !$0.shared } ?? [] }

  /// The jobs on the building's elements, by the key that makes two
  /// flats' jobs the same job (building, measure, element).
  var sharedJobs: [String: Job] {
    var jobs: [String: Job] = [:]
    for job in path?.jobs ?? [] where job.shared { jobs[key(of: job)] = job }
    return jobs
  }

  /// What makes two flats' shared jobs the same job: building, measure,
  /// element.
  func key(of job: Job) -> String {
    "\(building)\u{1F}\(job.measure)\u{1F}\(job.element)"
  }
}

/// What a plan must reach.
public enum PlanGoal: Sendable, Hashable {
  /// This share (0–1) of the flats in scope at the target.
  case share(Double)
  /// This many flats in scope at the target.
  case flats(Int)
  /// As many flats as the budget allows, the plan's upper cost bound
  /// staying within it (EUR).
  case budget(Double)
}

/// The flats to lift, their measures and what it all costs.
public struct Plan: Sendable, Hashable {
  /// One step of the cost curve: flats at the target against the
  /// cumulative cost.
  public struct Point: Sendable, Hashable {
    /// Flats at the target, those already there included.
    public var flats: Int
    /// Cumulative cost, lower bound, EUR.
    public var low: Double
    /// Cumulative cost, upper bound, EUR.
    public var high: Double
  }

  /// The class the plan lifts flats to.
  public var target: String
  /// The goal asked for.
  public var goal: PlanGoal
  /// The flats in scope.
  public var flatsInScope: Int
  /// How many were at the target before any measure.
  public var alreadyAtTarget: Int
  /// The flats chosen, in the order chosen (cheapest first).
  public var chosen: [FlatOption]
  /// The jobs of the plan, each shared job once, in the order chosen.
  public var jobs: [Job]
  /// Flats the catalogue cannot lift to the target, with their paths
  /// (``UpgradePath/noKnownMeasure`` says why).
  public var unreachable: [FlatOption]
  /// The cost curve, one point per chosen flat.
  public var curve: [Point]
  /// Whether the goal is met.
  public var goalMet: Bool
  /// How many more flats the goal needed than were chosen (0 when it is
  /// met); nil for a budget, which asks for no number of flats.
  public var shortBy: Int?
  /// The least a flat the catalogue can lift costs (the upper end, shared
  /// measures in full): for a budget that buys no flat, what it takes.
  public var cheapestHigh: Double?
  /// For each quarter in scope: the outdoor path repairs that connect the
  /// most flats to the café and the care base.
  public var quarters: [QuarterRepairs] = []
  /// For each shared job of the plan (by ``FlatOption`` key), how many
  /// chosen flats it serves.
  var sharers: [String: Int] = [:]
  /// The chosen flats, by building and flat id.
  var chosenFlats: Set<String> = []

  /// The jobs of a chosen flat's path, each with the share of its cost the
  /// flat bears: 1 for its own, 1/n for a job it shares with n chosen flats
  /// (one lift stop for a landing's flats). For a flat not chosen, shared
  /// jobs count in full.
  public func jobsWithShares(of option: FlatOption) -> [(job: Job, share: Double)] {
    let isChosen = chosenFlats.contains(option.building + "\u{1F}" + option.flat)
    return (option.path?.jobs ?? []).map { job in
      guard job.shared, isChosen else { return (job, 1) }
      return (job, 1 / Double(max(1, sharers[option.key(of: job)] ?? 1)))
    }
  }

  /// A chosen flat's share of the plan's cost, EUR.
  public func share(of option: FlatOption) -> CostSpan {
    jobsWithShares(of: option).reduce(CostSpan.zero) {
      $0 + CostSpan(low: $1.job.cost.low * $1.share, high: $1.job.cost.high * $1.share)
    }
  }

  /// The plan's cost range, shared jobs counted once, EUR.
  public var cost: (low: Double, high: Double) {
    jobs.reduce((0, 0)) { ($0.0 + $1.cost.low, $0.1 + $1.cost.high) }
  }

  /// Plans are equal when their parts are.
  public static func == (lhs: Plan, rhs: Plan) -> Bool {
    (lhs.target, lhs.goal, lhs.flatsInScope, lhs.alreadyAtTarget, lhs.chosen, lhs.jobs)
      == (rhs.target, rhs.goal, rhs.flatsInScope, rhs.alreadyAtTarget, rhs.chosen, rhs.jobs)
      && (lhs.unreachable, lhs.curve, lhs.goalMet) == (rhs.unreachable, rhs.curve, rhs.goalMet)
      && lhs.quarters == rhs.quarters
  }

  /// Hashes the parts compared by `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(target)
    hasher.combine(chosen)
    hasher.combine(jobs)
  }

  /// Chooses which of `options` to lift to `target` to meet `goal` at the
  /// least expected cost (the middle of each range), counting a shared job
  /// once.
  ///
  /// Greedy: each step takes the move with the lowest cost per flat gained,
  /// a move being one flat or the flats that share a job not yet paid (as
  /// many as are still needed, cheapest first). Shared jobs make the exact
  /// choice a set-cover problem; on random small cases the tests compare
  /// the choice with the exact answer by brute force.
  public static func choose(_ options: [FlatOption], target: String, goal: PlanGoal) -> Plan {
    let already = options.filter(\.atTarget).count
    let candidates = options.filter { !$0.atTarget && $0.reachable }
    let needed: Int
    switch goal {
    case .share(let share):
      needed = max(0, Int((share * Double(options.count)).rounded(.up)) - already)
    case .flats(let count): needed = max(0, count - already)
    case .budget: needed = candidates.count
    }
    var chooser = Chooser(candidates: candidates)
    let chooserStart = chooser
    var plan = Plan(
      target: target, goal: goal, flatsInScope: options.count, alreadyAtTarget: already,
      chosen: [], jobs: [], unreachable: options.filter { !$0.reachable },
      curve: [Point(flats: already, low: 0, high: 0)], goalMet: needed == 0)
    while plan.chosen.count < needed, let move = chooser.bestMove(needed - plan.chosen.count) {
      if case .budget(let budget) = goal,
        plan.cost.high + move.reduce(0, { $0 + chooser.marginal($1).high }) > budget
      {
        break
      }
      for index in move {
        let (newJobs, _) = chooser.take(index)
        plan.chosen.append(candidates[index])
        plan.jobs += newJobs
        let (low, high) = plan.cost
        plan.curve.append(Point(flats: already + plan.chosen.count, low: low, high: high))
      }
    }
    if case .budget = goal {
      plan.shortBy = nil
    } else {
      plan.shortBy = max(0, needed - plan.chosen.count)
    }
    plan.cheapestHigh = candidates.indices.map { index in
      chooserStart.marginal(index).high
    }.min()
    for option in plan.chosen {
      plan.chosenFlats.insert(option.building + "\u{1F}" + option.flat)
      for key in option.sharedJobs.keys { plan.sharers[key, default: 0] += 1 }
    }
    if case .budget = goal {
      plan.goalMet = !plan.chosen.isEmpty || candidates.isEmpty
    } else {
      plan.goalMet = plan.chosen.count >= needed
    }
    return plan
  }
}

/// The greedy choice's state: which flats are taken, which shared jobs paid.
private struct Chooser {
  let candidates: [FlatOption]
  let shared: [[String: Job]]
  var taken: [Bool]
  var paid: Set<String> = []

  init(candidates: [FlatOption]) {
    self.candidates = candidates
    shared = candidates.map(\.sharedJobs)
    taken = Array(repeating: false, count: candidates.count)
  }

  /// What taking flat `index` adds now: its own jobs and the shared jobs
  /// not paid yet.
  func marginal(_ index: Int) -> (low: Double, high: Double, middle: Double) {
    let jobs = candidates[index].ownJobs + shared[index].filter { !paid.contains($0.key) }.values
    let low = jobs.reduce(0) { $0 + $1.cost.low }
    let high = jobs.reduce(0) { $0 + $1.cost.high }
    return (low, high, (low + high) / 2)
  }

  /// The move with the lowest middle cost per flat gained, at most `room`
  /// flats; ties go to the earlier flat, so the choice is deterministic.
  func bestMove(_ room: Int) -> [Int]? {
    var best: (flats: [Int], perFlat: Double)?
    func consider(_ flats: [Int]) {
      guard !flats.isEmpty else { return }
      let total = Self.cost(of: flats, candidates: candidates, shared: shared, paid: paid)
      let perFlat = total / Double(flats.count)
      if let current = best, current.perFlat <= perFlat { return }
      best = (flats, perFlat)
    }
    let open = candidates.indices.filter { !taken[$0] }
    for index in open { consider([index]) }
    // The flats that share an unpaid job, cheapest own cost first.
    var sharers: [String: [Int]] = [:]
    for index in open {
      for key in shared[index].keys where !paid.contains(key) {
        sharers[key, default: []].append(index)
      }
    }
    for key in sharers.keys.sorted() {
      guard let group = sharers[key], group.count > 1 else { continue }
      let ordered = group.map { (index: $0, cost: marginal($0).middle) }
        .sorted { ($0.cost, $0.index) < ($1.cost, $1.index) }.map(\.index)
      consider(Array(ordered.prefix(room)))
    }
    return best?.flats.sorted()
  }

  /// The middle cost of taking `flats` together, each shared job once.
  static func cost(
    of flats: [Int], candidates: [FlatOption], shared: [[String: Job]], paid: Set<String>
  ) -> Double {
    var keys: [String: Job] = [:]
    var total = 0.0
    for index in flats {
      for job in candidates[index].ownJobs { total += (job.cost.low + job.cost.high) / 2 }
      for (key, job) in shared[index] where !paid.contains(key) { keys[key] = job }
    }
    return total + keys.values.reduce(0) { $0 + ($1.cost.low + $1.cost.high) / 2 }
  }

  /// Takes flat `index`: the jobs it adds to the plan, and their cost.
  mutating func take(_ index: Int) -> ([Job], Double) {
    taken[index] = true
    var jobs = candidates[index].ownJobs
    for key in shared[index].keys.sorted() where !paid.contains(key) {
      paid.insert(key)
      if let job = shared[index][key] { jobs.append(job) }
    }
    return (jobs, jobs.reduce(0) { $0 + ($1.cost.low + $1.cost.high) / 2 })
  }
}

/// An option's path, held by reference: most options have none, and one
/// inline took 64 of an option's bytes.
private final class PathBox: Sendable {
  let path: UpgradePath
  init(_ path: UpgradePath) { self.path = path }
}

/// A set of rules, as bits by their place in `allRules`: a flat's reasons
/// without an array or a string of their own. A rule id the registry does
/// not know (none should reach a plan) is kept by name.
struct RuleSet: Sendable, Hashable {
  private var low: UInt64 = 0
  private var high: UInt64 = 0
  private var others: [String] = []

  /// Every rule's current id, by its place in `allRules`.
  private static let ids: [String] = allRules.map { $0.description.id }
  private static let index: [String: Int] = Dictionary(
    ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

  init() {}

  init(_ rules: [String]) {
    for rule in rules {
      let id = currentRuleID(rule)
      switch Self.index[id] {
      case let index? where index < 64: low |= 1 << UInt64(index)
      case let index? where index < 128: high |= 1 << UInt64(index - 64)
      default: if !others.contains(id) { others.append(id) }
      }
    }
  }

  /// The rules' ids, sorted.
  var ids: [String] {
    var result = others
    for index in 0..<min(Self.ids.count, 128) {
      let bit = index < 64 ? low & (1 << UInt64(index)) : high & (1 << UInt64(index - 64))
      if bit != 0 { result.append(Self.ids[index]) }
    }
    return result.sorted()
  }
}
