import BarrierFreeModel

/// Checks buildings against a ladder of profiles and classifies their flats.
///
/// Each element is visited once; the rules of its kind that each level binds
/// are evaluated on it. The assessor holds no state between buildings, so a
/// portfolio can be assessed one building at a time, in any order, or
/// concurrently.
public struct Assessor: Sendable {
  /// The ladder the flats are classified on.
  public let ladder: Ladder
  let plans: [LevelPlan]
  /// Keys (``LevelPlan/Entry/key``) below this are shared by bindings at
  /// several levels: their evaluations are kept for the next level.
  let sharedKeys: Int

  /// Prepares an assessment against `ladder`.
  ///
  /// - Throws: ``ProfileError`` when a level binds a rule that `rules` lacks,
  ///   misses a threshold, or binds one rule twice for the same elements.
  public init(ladder: Ladder, rules: [any Rule.Type] = allRules) throws(ProfileError) {
    if let problem = ladder.problems.first { throw problem }
    for profile in ladder.profiles {
      if let problem = profile.problems(rules: rules).first { throw problem }
    }
    let catalogue = Dictionary(
      rules.map { ($0.description.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.ladder = ladder
    // Bindings that evaluate alike at several levels share a key, numbered
    // from 0; the others get keys past `sharedKeys`, which are not kept.
    var uses: [EvaluationMemo.Key: Int] = [:]
    for profile in ladder.profiles {
      let keys = Set(
        profile.bindings.map { EvaluationMemo.Key(rule: $0.rule, thresholds: $0.thresholds) })
      for key in keys { uses[key, default: 0] += 1 }
    }
    var keys: [EvaluationMemo.Key: Int] = [:]
    for (key, count) in uses.sorted(by: { $0.key.rule < $1.key.rule }) where count > 1 {
      keys[key] = keys.count
    }
    sharedKeys = keys.count
    self.plans = ladder.profiles.map { LevelPlan(profile: $0, catalogue: catalogue, keys: &keys) }
  }

  private init(ladder: Ladder, plans: [LevelPlan], sharedKeys: Int) {
    self.ladder = ladder
    self.plans = plans
    self.sharedKeys = sharedKeys
  }

  // Figure: a 2-job check took 1.5× the CPU time of 1 job with one shared
  // assessor, 1.06× with one of these per task.
  /// A copy that shares no reference-counted storage with this one (its
  /// rules' ids, citations, scopes and thresholds are copied too), for a
  /// task that runs beside others.
  ///
  /// Every finding retains its rule's data and every element visit reads the
  /// bindings; when two cores count references on the same objects, each
  /// count is an atomic operation that bounces a cache line between them (a
  /// check on two cores spent a third more CPU time than on one, most of it
  /// there). Assessors that share nothing count apart.
  public func unshared() -> Assessor {
    Assessor(ladder: ladder, plans: plans.map { $0.unshared() }, sharedKeys: sharedKeys)
  }

  /// The assessor of the ladder's lowest `count` levels alone, for a
  /// caller that reads no level above them: an upgrade planner climbing to
  /// barrier-free assesses each changed flat again, and evaluating the
  /// wheelchair level there as well was a tenth of a plan's instructions.
  package func lowest(_ count: Int) -> Assessor {
    let count = min(max(count, 1), plans.count)
    return Assessor(
      ladder: Ladder(Array(ladder.profiles.prefix(count))), plans: Array(plans.prefix(count)),
      sharedKeys: sharedKeys)
  }

  /// Prepares an assessment against one profile alone.
  public init(profile: Profile, rules: [any Rule.Type] = allRules) throws(ProfileError) {
    try self.init(ladder: Ladder([profile]), rules: rules)
  }

  /// Assesses a building: its places and connectors, the best route to each
  /// flat's entrance, and every flat with its route. In a quarter, it also
  /// keeps the legs the quarter's view needs (``BuildingAssessment/links``).
  public func assess(_ building: Building, in quarter: QuarterContext? = nil)
    -> BuildingAssessment
  {
    assess(building, in: quarter, flats: nil)
  }

  /// Assesses one flat of `building` with the way to its door: what
  /// ``assess(_:in:)`` says of it, without assessing the other flats (an
  /// upgrade planner assesses a changed building once per flat and round).
  public func assess(flat id: String, of building: Building) -> FlatAssessment? {
    assess(building, in: nil, flats: [id]).flats.first
  }

  /// Assesses a building; only the flats in `only` when it is not nil.
  private func assess(_ building: Building, in quarter: QuarterContext?, flats only: Set<String>?)
    -> BuildingAssessment
  {
    let root = ElementPath([PathStep(kind: "building", name: building.id)])
    let levels = plans.count
    var memo = EvaluationMemo(keys: sharedKeys)
    var buildingFindings = Array(repeating: [Finding](), count: levels)
    var connectorFindings = Array(
      repeating: Array(repeating: [Finding](), count: building.connectors.count), count: levels)
    var stopFindings = Array(repeating: [Int: [[Finding]]](), count: levels)
    func evaluate(_ element: Element, _ path: ElementPath) -> [[Finding]] {
      var result = Array(repeating: [Finding](), count: levels)
      memo.nextElement()
      for (index, plan) in plans.enumerated() {
        plan.evaluate(element, at: path, into: &result[index], memo: &memo)
        buildingFindings[index] += result[index]
      }
      return result
    }
    var placeFindings = Array(repeating: [String: [Finding]](), count: levels)
    for place in building.places {
      let found = evaluate(.place(place), root.appending("place", place.id))
      for level in 0..<levels { placeFindings[level][place.id, default: []] += found[level] }
    }
    var numbers: [String: Int] = [:]
    for (index, connector) in building.connectors.enumerated() {
      numbers[connector.kindName, default: 0] += 1
      let path = root.appending(
        connector.kindName, connector.id ?? "#\(numbers[connector.kindName, default: 1])")
      let found: [[Finding]]
      switch connector {
      case .door(let door): found = evaluate(.door(door, role: .common), path)
      case .path(let way): found = evaluate(.path(way), path)
      case .ramp(let ramp): found = evaluate(.ramp(ramp), path)
      case .steps(let steps):
        let lift = Self.stairLift(beside: steps, in: building.connectors)
        found = evaluate(.steps(steps, stairLift: lift, inFlat: false), path)
      case .lift(let lift):
        found = evaluate(.lift(lift), path)
        for stop in lift.stops {
          let atStop = evaluate(
            .liftStop(stop, lift: lift), path.appending("stop", stop.place))
          for level in 0..<levels {
            stopFindings[level][index, default: []].append(atStop[level])
          }
        }
      case .stairLift(let lift): found = evaluate(.stairLift(lift), path)
      }
      for level in 0..<levels { connectorFindings[level][index] = found[level] }
    }
    let analyses = (0..<levels).map { level in
      RouteAnalysis(
        building: building, placeFindings: placeFindings[level],
        connectorFindings: connectorFindings[level], stopFindings: stopFindings[level])
    }
    let flats = building.flats.filter { only?.contains($0.id) ?? true }.map { flat in
      assess(flat, path: root, routes: analyses.map { $0.route(to: flat.entrance) })
    }
    let results = zip(plans, buildingFindings).map { plan, findings in
      ClassResult(profile: plan.profileID, class: plan.level, findings: findings)
    }
    var assessment = BuildingAssessment(
      id: building.id, name: building.name, address: building.address, results: results,
      flats: flats)
    assessment.building = building
    if let quarter, let top = analyses.last {
      assessment.links = links(of: building, in: quarter, analysis: top, flats: flats)
    }
    assessment.quarter = quarter?.id
    return assessment
  }

  /// The stair lift that serves the same two places as `steps`, if any.
  static func stairLift(beside steps: Steps, in connectors: [Connector]) -> StairLift? {
    connectors.lazy.compactMap { other -> StairLift? in
      guard case .stairLift(let lift) = other,
        Set([lift.from, lift.to]) == Set([steps.from, steps.to])
      else { return nil }
      return lift
    }.first
  }

  /// Assesses the inside of one flat; `path` is where its building is.
  ///
  /// A flat alone has no route: assess its ``BuildingAssessment`` (through
  /// ``assess(_:in:)``) to classify it with the way to its door.
  public func assess(_ flat: Flat, path: ElementPath = ElementPath()) -> FlatAssessment {
    assess(flat, path: path, routes: nil)
  }

  private func assess(
    _ flat: Flat, path: ElementPath, routes: [(RouteSummary, [Finding])]?
  ) -> FlatAssessment {
    let flatPath = path.appending("flat", flat.id)
    var perLevel = Array(repeating: [Finding](), count: plans.count)
    var memo = EvaluationMemo(keys: sharedKeys)
    func visit(_ element: Element, _ elementPath: ElementPath) {
      memo.nextElement()
      for (index, plan) in plans.enumerated() {
        plan.evaluate(element, at: elementPath, into: &perLevel[index], memo: &memo)
      }
    }
    visit(.flat(flat), flatPath)
    if let routes {
      for (index, plan) in plans.enumerated() where index < routes.count {
        let (summary, onRoute) = routes[index]
        plan.evaluate(
          .route(summary), at: flatPath.appending("route", "to \(flat.entrance)"),
          into: &perLevel[index])
        perLevel[index] += onRoute
      }
    }
    let roomKinds = Dictionary(
      flat.rooms.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    let entrance = flat.entranceDoor
    var numbers: [String: Int] = [:]
    func name(_ connector: Connector) -> String {
      numbers[connector.kindName, default: 0] += 1
      return connector.id ?? "#\(numbers[connector.kindName, default: 1])"
    }
    for connector in flat.connectors {
      switch connector {
      case .door(let door):
        let (role, side) = Self.role(of: door, entrance: entrance, roomKinds: roomKinds)
        visit(
          .door(door, role: role, innerSide: side), flatPath.appending("door", name(connector)))
      case .steps(let steps):
        let lift = Self.stairLift(beside: steps, in: flat.connectors)
        visit(.steps(steps, stairLift: lift), flatPath.appending("steps", name(connector)))
      case .ramp(let ramp):
        visit(.ramp(ramp), flatPath.appending("ramp", name(connector)))
      case .stairLift(let lift):
        visit(.stairLift(lift), flatPath.appending("stairLift", name(connector)))
      case .path, .lift:
        // Paths and lifts belong to the building.
        _ = name(connector)
      }
    }
    for room in flat.rooms {
      let roomPath = flatPath.appending("room", room.id)
      visit(.room(room), roomPath)
      var fixtureNumbers: [String: Int] = [:]
      for fixture in room.fixtures {
        let kind = fixture.kindName
        fixtureNumbers[kind, default: 0] += 1
        visit(
          .fixture(fixture, room: room),
          roomPath.appending(kind, fixture.id ?? "#\(fixtureNumbers[kind, default: 1])"))
      }
    }
    let levels = zip(plans, perLevel).enumerated().map { index, pair in
      ClassResult(
        profile: pair.0.profileID, class: pair.0.level, findings: pair.1,
        route: routes.flatMap { index < $0.count ? $0[index].0 : nil })
    }
    return FlatAssessment(
      id: flat.id, number: flat.number, storey: flat.storey, results: levels)
  }

  /// The token a profile's scope matches for a door of `flat` (its role:
  /// `flatEntrance`, `bathroom`, `outdoor`, `interior`), as the assessor
  /// gives it: for a planner that asks which measures apply to a door.
  public static func scopeToken(ofDoor door: Door, in flat: Flat) -> String {
    let kinds = Dictionary(flat.rooms.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    return role(of: door, entrance: flat.entranceDoor, roomKinds: kinds).0.rawValue
  }

  /// A door's role in its flat, and which side is inside (the flat, the
  /// bathroom).
  static func role(
    of door: Door, entrance: Door?, roomKinds: [String: RoomKind]
  ) -> (DoorRole, Side?) {
    if door == entrance { return (.flatEntrance, roomKinds[door.to] != nil ? .to : .from) }
    let to = roomKinds[door.to]
    let from = roomKinds[door.from]
    func isWet(_ kind: RoomKind?) -> Bool { kind == .bathroom || kind == .wc }
    func isOutdoor(_ kind: RoomKind?) -> Bool { kind == .balcony || kind == .terrace }
    if isWet(to) { return (.bathroom, .to) }
    if isWet(from) { return (.bathroom, .from) }
    if isOutdoor(to) || isOutdoor(from) { return (.outdoor, nil) }
    return (.interior, nil)
  }
}

/// The rules one level binds, grouped by the kind of element they check.
///
/// A class, and its bindings too: the levels are read for every element of
/// every building, and copying a struct of strings, sets and dictionaries
/// there retained a dozen shared objects each time, atomically, from every
/// core (a fifth of a parallel check's cycles went to those counters).
final class LevelPlan: Sendable {
  /// The profile's id and the class it grants.
  let profileID: String
  let level: String
  /// The entries by ``ElementKind/ordinal``.
  private let byKind: [[Entry]]

  /// One binding, ready to evaluate.
  final class Entry: Sendable {
    let rule: any Rule.Type
    let binding: RuleBinding
    /// Rule, profile and citation, shared by every finding of the binding.
    let source: Finding.Source
    /// The same for every entry, at any level, of the same rule with the
    /// same thresholds: their evaluations of an element are the same.
    let key: Int
    /// The binding's scope as a list: it holds one to three tokens, which
    /// are found faster by comparing than by hashing.
    private let scope: [String]?

    init(rule: any Rule.Type, binding: RuleBinding, profile: String, key: Int) {
      self.rule = rule
      self.binding = binding
      self.key = key
      scope = binding.scope.map { $0.sorted() }
      source = Finding.Source(rule: binding.rule, profile: profile, citation: binding.citation)
    }

    /// ``RuleBinding/covers(_:)``.
    func covers(_ token: String?) -> Bool {
      guard let scope else { return true }
      guard let token else { return false }
      return scope.contains(token)
    }
  }

  private init(profileID: String, level: String, byKind: [[Entry]]) {
    self.profileID = profileID
    self.level = level
    self.byKind = byKind
  }

  /// A copy with its own entries and its own copy of every string, set and
  /// dictionary in them (``Assessor/unshared()``).
  func unshared() -> LevelPlan {
    var copies: [ObjectIdentifier: Entry] = [:]
    let profile = profileID.unshared
    let byKind = byKind.map { entries in
      entries.map { entry in
        if let copy = copies[ObjectIdentifier(entry)] { return copy }
        let copy = Entry(
          rule: entry.rule, binding: entry.binding.unshared(), profile: profile, key: entry.key)
        copies[ObjectIdentifier(entry)] = copy
        return copy
      }
    }
    return LevelPlan(profileID: profile, level: level.unshared, byKind: byKind)
  }

  init(
    profile: Profile, catalogue: [String: any Rule.Type],
    keys: inout [EvaluationMemo.Key: Int]
  ) {
    profileID = profile.id
    level = profile.class
    var byKind = Array(repeating: [Entry](), count: ElementKind.allCases.count)
    for binding in profile.bindings {
      guard let rule = catalogue[binding.rule] else { continue }
      let memoKey = EvaluationMemo.Key(rule: binding.rule, thresholds: binding.thresholds)
      let key = keys[memoKey] ?? keys.count
      keys[memoKey] = key
      let entry = Entry(rule: rule, binding: binding, profile: profile.id, key: key)
      for kind in rule.description.appliesTo {
        byKind[kind.ordinal].append(entry)
      }
    }
    self.byKind = byKind
  }

  /// Evaluates the rules bound for `element`'s kind; `memo` holds what
  /// lower levels found with the same rules and thresholds (the levels of a
  /// ladder repeat most of them), so that each is evaluated once.
  func evaluate(
    _ element: Element, at path: ElementPath, into findings: inout [Finding],
    memo: inout EvaluationMemo
  ) {
    let entries = byKind[element.kind.ordinal]
    guard !entries.isEmpty else { return }
    let token = element.scopeToken
    for entry in entries where entry.covers(token) {
      let concluded: Finding.Concluded?
      if let known = memo.evaluation(entry.key) {
        concluded = known
      } else {
        concluded = entry.rule.evaluate(element, entry.binding.thresholds).map(
          Finding.Concluded.init)
        memo.store(concluded, entry.key)
      }
      guard let concluded else { continue }
      findings.append(Finding(source: entry.source, path: path, concluded: concluded))
    }
  }

  /// Evaluates without a memo.
  func evaluate(_ element: Element, at path: ElementPath, into findings: inout [Finding]) {
    var memo = EvaluationMemo(keys: 0)
    evaluate(element, at: path, into: &findings, memo: &memo)
  }
}

/// The findings of one class of the ladder (one profile) for one flat or
/// building.
public struct ClassResult: Sendable, Hashable {
  /// The profile of the class.
  public var profile: String
  /// The class the profile grants.
  public var `class`: String
  /// Every finding, in the order the elements were visited.
  public var findings: [Finding]
  /// For a flat assessed with its building: the best route to its entrance
  /// at this level.
  public var route: RouteSummary?

  /// Creates a class result.
  public init(
    profile: String, class: String, findings: [Finding], route: RouteSummary? = nil
  ) {
    self.profile = profile
    self.class = `class`
    self.findings = findings
    self.route = route
  }

  /// The worst status among the findings that count: fail, else unknown,
  /// else pass.
  public var status: FindingStatus {
    if findings.contains(where: { $0.status == .fail }) { return .fail }
    if findings.contains(where: { $0.status == .unknown }) { return .unknown }
    return .pass
  }

  /// How many findings have `status`.
  public func count(_ status: FindingStatus) -> Int {
    findings.reduce(0) { $0 + ($1.status == status ? 1 : 0) }
  }
}

/// Where a flat stands on the ladder.
public struct Classification: Sendable, Hashable {
  /// The highest class with no fail at it or below: the flat's class, or
  /// ``Ladder/none``.
  public var `class`: String
  /// Whether every finding up to that class is a pass. When false, unknowns
  /// hold the class open: the flat is "possibly <class>, unverified".
  public var verified: Bool
  /// The highest class the flat verifiably reaches, or ``Ladder/none``.
  public var verifiedClass: String
  /// The class above ``class``, if there is one.
  public var nextClass: String?

  /// Creates a classification.
  public init(class: String, verified: Bool, verifiedClass: String, nextClass: String?) {
    self.class = `class`
    self.verified = verified
    self.verifiedClass = verifiedClass
    self.nextClass = nextClass
  }
}

/// The findings of one class of the ladder.
@available(*, deprecated, renamed: "ClassResult")
public typealias LevelResult = ClassResult

extension ClassResult {
  /// The class the profile grants.
  @available(*, deprecated, renamed: "class")
  public var level: String {
    get { self.class }
    set { self.class = newValue }
  }

  /// Creates a class result.
  @available(*, deprecated, renamed: "init(profile:class:findings:route:)")
  public init(
    profile: String, level: String, findings: [Finding], route: RouteSummary? = nil
  ) {
    self.init(profile: profile, class: level, findings: findings, route: route)
  }
}

extension Classification {
  /// The flat's class.
  @available(*, deprecated, renamed: "class")
  public var level: String {
    get { self.class }
    set { self.class = newValue }
  }
  /// The highest class the flat verifiably reaches.
  @available(*, deprecated, renamed: "verifiedClass")
  public var verifiedLevel: String {
    get { verifiedClass }
    set { verifiedClass = newValue }
  }
  /// The class above ``class``, if there is one.
  @available(*, deprecated, renamed: "nextClass")
  public var nextLevel: String? {
    get { nextClass }
    set { nextClass = newValue }
  }

  /// Creates a classification.
  @available(*, deprecated, renamed: "init(class:verified:verifiedClass:nextClass:)")
  public init(level: String, verified: Bool, verifiedLevel: String, nextLevel: String?) {
    self.init(
      class: level, verified: verified, verifiedClass: verifiedLevel, nextClass: nextLevel)
  }
}

extension Classification: CustomStringConvertible {
  /// `wheelchair`, or `possibly wheelchair, unverified (barrierFree verified)`.
  public var description: String {
    if verified || self.class == Ladder.none { return self.class }
    let base =
      verifiedClass == Ladder.none ? "" : " (\(verifiedClass) verified)"
    return "possibly \(self.class), unverified\(base)"
  }
}

/// The assessment of one flat: the findings at every level of the ladder and
/// the class they give.
public struct FlatAssessment: Sendable, Hashable {
  /// The flat's id.
  public var id: String
  /// The flat's number, as the housing company uses it.
  public var number: String?
  /// The storey of its entrance.
  public var storey: Int?
  /// One result per class of the ladder, lowest first.
  public var results: [ClassResult]

  /// Creates a flat assessment.
  public init(id: String, number: String?, storey: Int?, results: [ClassResult]) {
    self.id = id
    self.number = number
    self.storey = storey
    self.results = results
  }

  /// The flat's class: a level counts only if it and every level below it
  /// has no fail.
  public var classification: Classification {
    var reached = Ladder.none
    var verifiedLevel = Ladder.none
    var verified = true
    var next: String? = results.first?.class
    for (index, result) in results.enumerated() {
      let status = result.status
      if status == .fail { break }
      reached = result.class
      if status == .unknown { verified = false }
      if verified { verifiedLevel = result.class }
      next = index + 1 < results.count ? results[index + 1].class : nil
    }
    return Classification(
      class: reached, verified: verified, verifiedClass: verifiedLevel, nextClass: next)
  }

  /// The findings of the top level: what the checked profile says.
  public var findings: [Finding] { results.last?.findings ?? [] }

  /// The fails that stand between the flat and the next level up, with
  /// their remedies.
  public var blockers: [Finding] {
    guard let next = classification.nextClass,
      let result = results.first(where: { $0.class == next })
    else { return [] }
    return result.findings.filter { $0.status == .fail }
  }

  /// The unknowns that keep the flat's class unverified: those at its level
  /// and below, each element and rule named once (at the highest level).
  public var openQuestions: [Finding] {
    let reached = classification
    guard !reached.verified else { return [] }
    struct Question: Hashable {
      let rule: String
      let path: ElementPath
    }
    var seen: Set<Question> = []
    var questions: [Finding] = []
    let upTo = results.prefix { $0.class != reached.nextClass }
    for result in upTo.reversed() {
      for finding in result.findings where finding.status == .unknown {
        if seen.insert(Question(rule: finding.rule, path: finding.path)).inserted {
          questions.append(finding)
        }
      }
    }
    return questions
  }
}

/// The assessment of a building: its flats.
public struct BuildingAssessment: Sendable, Hashable {
  /// The building's id.
  public var id: String
  /// Its name.
  public var name: String?
  /// Its address.
  public var address: Address?
  /// The findings on the building's own places and connectors, one result
  /// per class of the ladder (a flat's results hold those on its route too).
  public var results: [ClassResult]
  /// Its flats, in file order.
  public var flats: [FlatAssessment]
  /// For a building of a quarter: what the quarter's view needs of it.
  public var links: BuildingLinks?
  /// The id of the quarter the building was assessed in; nil outside one.
  public var quarter: String?
  /// The building assessed, for what a report adds to its assessment (the
  /// upgrade paths of its flats); nil for an assessment made without one.
  /// Not compared: two assessments are equal when their findings are.
  public var building: Building?

  /// Creates a building assessment.
  public init(
    id: String, name: String?, address: Address?, results: [ClassResult] = [],
    flats: [FlatAssessment]
  ) {
    self.id = id
    self.name = name
    self.address = address
    self.results = results
    self.flats = flats
  }

  /// Equal when everything but ``building`` is.
  public static func == (lhs: BuildingAssessment, rhs: BuildingAssessment) -> Bool {
    (lhs.id, lhs.name, lhs.address, lhs.results, lhs.flats, lhs.links)
      == (rhs.id, rhs.name, rhs.address, rhs.results, rhs.flats, rhs.links)
      && lhs.quarter == rhs.quarter
  }

  /// Hashes what `==` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(name)
    hasher.combine(address)
    hasher.combine(results)
    hasher.combine(flats)
    hasher.combine(links)
    hasher.combine(quarter)
  }
}

extension RuleBinding {
  /// A copy that shares no storage with this one.
  func unshared() -> RuleBinding {
    RuleBinding(
      rule: rule.unshared, scope: scope.map { Set($0.map(\.unshared)) },
      citation: Citation(
        standard: citation.standard.unshared, clause: citation.clause.unshared,
        confidence: citation.confidence, clauseUnsure: citation.clauseUnsure),
      thresholds: thresholds.unshared(),
      reference: reference?.unshared, origin: origin?.unshared)
  }
}

extension String {
  /// The same text in storage of its own (short strings are stored inline
  /// and share nothing anyway).
  var unshared: String { String(decoding: Array(utf8), as: UTF8.self) }
}

/// The evaluations of one element so far, by ``LevelPlan/Entry/key``: one
/// slot per key, valid for the element whose visit stamped it, so that a
/// building's visits share one allocation.
struct EvaluationMemo {
  /// What makes two bindings evaluate an element alike.
  struct Key: Hashable {
    var rule: String
    var thresholds: Thresholds
  }

  private var stamps: [Int]
  private var evaluations: [Finding.Concluded?]
  private var visit = 0

  /// A memo for `keys` keys.
  init(keys: Int) {
    stamps = Array(repeating: -1, count: keys)
    evaluations = Array(repeating: nil, count: keys)
  }

  /// Starts the next element.
  mutating func nextElement() { visit += 1 }

  /// The evaluation stored for `key` for this element: `.some(nil)` when
  /// the rule had nothing to say, nil when it has not been evaluated.
  func evaluation(_ key: Int) -> Finding.Concluded?? {
    guard key < stamps.count, stamps[key] == visit else { return nil }
    return .some(evaluations[key])
  }

  mutating func store(_ evaluation: Finding.Concluded?, _ key: Int) {
    guard key < stamps.count else { return }
    stamps[key] = visit
    evaluations[key] = evaluation
  }
}

extension FlatAssessment {
  /// One result per class of the ladder, lowest first.
  @available(*, deprecated, renamed: "results")
  public var levels: [ClassResult] {
    get { results }
    set { results = newValue }
  }

  /// Creates a flat assessment.
  @available(*, deprecated, renamed: "init(id:number:storey:results:)")
  public init(id: String, number: String?, storey: Int?, levels: [ClassResult]) {
    self.init(id: id, number: number, storey: storey, results: levels)
  }
}

extension BuildingAssessment {
  /// The findings on the building's own places and connectors, one result
  /// per class of the ladder.
  @available(*, deprecated, renamed: "results")
  public var levels: [ClassResult] {
    get { results }
    set { results = newValue }
  }
}

extension BuildingAssessment {
  /// Creates a building assessment.
  @available(*, deprecated, renamed: "init(id:name:address:results:flats:)")
  public init(
    id: String, name: String?, address: Address?, levels: [ClassResult], flats: [FlatAssessment]
  ) {
    self.init(id: id, name: name, address: address, results: levels, flats: flats)
  }
}
