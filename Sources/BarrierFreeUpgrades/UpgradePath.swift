import BarrierFreeModel
import BarrierFreeRules

/// One measure applied to one element: a line of an upgrade path.
public struct Job: Sendable, Hashable {
  /// The measure's id in the catalogue.
  public var measure: String
  /// The measure's title, in a tradesperson's words.
  public var title: String
  /// The element it changes (`building b1 › flat b1-f12 › door b1-f12-d-bath`).
  public var element: ElementPath
  /// The rules whose fails it clears there.
  public var clears: [String]
  /// How many of the measure's unit it takes.
  public var quantity: Double
  /// The unit of ``quantity``.
  public var unit: QuantityUnit
  /// The cost of this job: the measure's range times ``quantity``.
  public var cost: CostRange
  /// Why it cannot be priced without a survey; empty: it can.
  public var survey: [SurveyCondition]
  /// True when the element is the building's (an entrance ramp, a lift),
  /// not the flat's: one cost for every flat it serves.
  public var shared: Bool
  /// The KfW funding area (1–7) the measure falls under, if any.
  public var fundingArea: Int? = nil
  /// Whether the care insurance's grant can pay for the measure.
  public var careInsurance: Bool = false
  /// Where the measure was applied (the flight of steps a lift stop
  /// bypasses) and what the rules required there: to apply it again.
  var appliedAt: ElementPath
  var requirements: Requirements
}

/// What it takes to lift one flat to one class of the profile's ladder.
public struct UpgradePath: Sendable, Hashable {
  /// The class the path leads to.
  public var target: String
  /// The measures, in the order the fails were met.
  public var jobs: [Job]
  /// The fails for which the catalogue has no measure that clears them
  /// (a bathroom too small for the turning circle): the path cannot reach
  /// the target while any is left.
  public var noKnownMeasure: [Finding]
  /// The fails cleared only by measures that change nothing the model can
  /// check (a new lift where the shaft is not surveyed, an enlarged
  /// bathroom): the path reaches the target only if a survey confirms them.
  public var afterSurvey: [Finding] = []
  /// The unknowns at the target and below after the measures: each may
  /// add cost once measured.
  public var unknowns: [Finding]
  /// Whether the changed flat, assessed again, reaches the target
  /// verified: no fail left, none left to a survey, nothing unmeasured.
  public var reaches: Bool
  /// The changed flat against other profiles a funding programme requires
  /// (KfW's technical minimum: `kfw-barrier-reduced`); empty when the path
  /// does not reach its target or no programme requires one.
  public var meets: [ProfileCheck] = []

  /// Creates a path.
  public init(
    target: String, jobs: [Job], noKnownMeasure: [Finding], afterSurvey: [Finding] = [],
    unknowns: [Finding], reaches: Bool
  ) {
    self.target = target
    self.jobs = jobs
    self.noKnownMeasure = noKnownMeasure
    self.afterSurvey = afterSurvey
    self.unknowns = unknowns
    self.reaches = reaches && afterSurvey.isEmpty
  }

  /// The sum of the jobs' ranges, EUR; shared jobs count in full.
  public var cost: (low: Double, high: Double) {
    jobs.reduce((0, 0)) { ($0.0 + $1.cost.low, $0.1 + $1.cost.high) }
  }

  /// The path as a plan keeps it: its jobs, and one finding per rule of
  /// what it leaves (no known measure, only after a survey, unmeasured). A plan over a large portfolio keeps one per flat: 2,000
  /// buildings peaked at 217 MB with every finding kept.
  public var summary: UpgradePath {
    func onePerRule(_ findings: [Finding]) -> [Finding] {
      var seen: Set<String> = []
      return findings.filter { seen.insert($0.rule).inserted }
    }
    var path = self
    path.noKnownMeasure = onePerRule(noKnownMeasure)
    path.afterSurvey = onePerRule(afterSurvey)
    path.unknowns = onePerRule(unknowns)
    return path
  }

  /// Whether a job needs a survey before it can be priced.
  public var needsSurvey: Bool { jobs.contains { !$0.survey.isEmpty } }

  /// Paths are equal when their parts are; the cost follows from the jobs.
  public static func == (lhs: UpgradePath, rhs: UpgradePath) -> Bool {
    (lhs.target, lhs.jobs, lhs.noKnownMeasure, lhs.afterSurvey, lhs.unknowns, lhs.reaches)
      == (rhs.target, rhs.jobs, rhs.noKnownMeasure, rhs.afterSurvey, rhs.unknowns, rhs.reaches)
  }

  /// Hashes the parts compared by `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(target)
    hasher.combine(jobs)
    hasher.combine(noKnownMeasure)
    hasher.combine(unknowns)
    hasher.combine(reaches)
  }
}

/// Finds, for each flat, what it takes to reach each class above its own:
/// applies the cheapest measure for each fail to the model and assesses the
/// changed building again, until the flat reaches the class or no measure
/// is left.
///
/// The choice per fail is greedy (the measure with the lowest mid-range
/// cost for that element); a measure that does not clear the fail it was
/// chosen for is a catalogue error and ends the path with
/// ``UpgradePath/reaches`` false.
public struct UpgradePlanner: Sendable {
  /// The assessor of the profile whose ladder the paths climb.
  public let assessor: Assessor
  /// The measures to choose from.
  public let measures: [Measure]
  /// The ramp that replaces steps: the strictest of the ladder's values.
  public let design: RampDesign
  /// Other profiles each path's changed flat is checked against: those a
  /// funding programme requires (``FundingProgramme/requiresProfile``).
  public let checks: [Assessor]
  /// Per rule id (the current form): the measures that clear it, by index
  /// in ``measures``, each with the scopes it clears the rule in. Resolving
  /// the ids for every fail was a tenth of planning (callgrind).
  let candidates: [String: [(measure: Int, scopes: [ClearedRule])]]
  /// By target index: the assessor of the ladder up to that class, which a
  /// path to it assesses changed flats with (``Assessor/lowest(_:)``).
  let climbing: [Assessor]

  /// A planner over `assessor`'s ladder with `measures`; `checks` are
  /// assessors of profiles every path that reaches its target is checked
  /// against as well (``UpgradePath/meets``).
  public init(assessor: Assessor, measures: [Measure], checks: [Assessor] = []) {
    self.assessor = assessor
    self.measures = measures
    self.checks = checks
    design = RampDesign(ladder: assessor.ladder)
    climbing = assessor.ladder.profiles.indices.map { assessor.lowest($0 + 1) }
    var candidates: [String: [(measure: Int, scopes: [ClearedRule])]] = [:]
    for (index, measure) in measures.enumerated() {
      var byRule: [String: [ClearedRule]] = [:]
      var order: [String] = []
      for cleared in measure.clears {
        let rule = currentRuleID(cleared.rule)
        if byRule[rule] == nil { order.append(rule) }
        byRule[rule, default: []].append(cleared)
      }
      for rule in order { candidates[rule, default: []].append((index, byRule[rule] ?? [])) }
    }
    self.candidates = candidates
  }

  /// The upgrade paths of the flat `flatID` of `building`: one per class
  /// above the flat's own, lowest first.
  public func paths(forFlat flatID: String, of building: Building) -> [UpgradePath] {
    let ladder = assessor.ladder.profiles.map(\.class)
    let before = assessor.assess(flat: flatID, of: building)
    guard let before else { return [] }
    let reached = ladder.firstIndex(of: before.classification.class) ?? -1
    return ladder.indices.dropFirst(reached + 1).map { target in
      path(forFlat: flatID, of: building, to: target)
    }
  }

  /// Whether the catalogue has a measure that clears `rule` anywhere: a
  /// fail of a rule without one cannot be planned away, which needs
  /// matching knows without asking for a path.
  public func hasMeasure(for rule: String) -> Bool {
    candidates[currentRuleID(rule)] != nil
  }

  /// The path of the flat `flatID` of `building` to the class at
  /// `target` in the ladder (0 for the lowest), whatever class the flat
  /// has now; `assessed` is its assessment, when the caller has it. Needs
  /// matching asks for paths to the class a need is read at.
  public func path(
    forFlat flatID: String, of building: Building, toClassAt target: Int,
    assessed: FlatAssessment? = nil
  ) -> UpgradePath {
    path(forFlat: flatID, of: building, to: target, assessed: assessed)
  }

  /// Each flat of `building` as an option of a plan for the class
  /// `target`; empty when the ladder has no such class.
  public func options(for building: Building, quarter: String? = nil, target: String)
    -> [FlatOption]
  {
    options(for: building, in: nil, quarter: quarter, target: target).options
  }

  /// ``options(for:quarter:target:)`` for a building of the quarter
  /// `context`, with the legs the quarter's path repairs need
  /// (`Assessor.pathRepairs(of:links:)`), from one assessment of the
  /// building: assessing it again for its legs made a plan 1.6 times the
  /// JSON check's time on 20,000 buildings.
  public func options(
    for building: Building, in context: QuarterContext?, quarter: String? = nil, target: String
  ) -> (options: [FlatOption], links: BuildingLinks?) {
    let ladder = assessor.ladder.profiles.map(\.class)
    guard let index = ladder.firstIndex(of: target) else { return ([], nil) }
    let assessment = assessor.assess(building, in: context)
    let options = assessment.flats.map { flat in
      // Unknown is not pass: a flat counts as at the target only when it is
      // there verified; one that is there "possibly" gets a path, whose
      // unknowns say what to measure first.
      let reached = ladder.firstIndex(of: flat.classification.verifiedClass) ?? -1
      let atTarget = reached >= index
      return FlatOption(
        building: building.id, quarter: quarter, flat: flat.id, atTarget: atTarget,
        path: atTarget
          ? nil : path(forFlat: flat.id, of: building, to: index, assessed: flat).summary)
    }
    return (options, assessment.links)
  }

  /// The path of one flat to the class at `target` in the ladder;
  /// `assessed` is the flat's assessment in `original`, when the caller has
  /// it (planning a building assesses it whole first: assessing each flat
  /// again was a fifth of planning).
  func path(
    forFlat flatID: String, of original: Building, to target: Int,
    assessed: FlatAssessment? = nil
  ) -> UpgradePath {
    var building = original
    var known = assessed
    var jobs: [Job] = []
    var noMeasure: [Finding] = []
    // Problems a measure was applied for, and problems no measure solves.
    // Lists, not sets: a flat has a few dozen problems at most, and
    // comparing them was cheaper than hashing their element paths (4 % of a
    // plan's instructions).
    var attempted: [Problem] = []
    var unmet: [Problem] = []
    // Problems cleared only on paper: by a measure without a change, to be
    // confirmed by a survey.
    var assumed: [Problem] = []
    var afterSurvey: [Finding] = []
    let assessor = climbing.indices.contains(target) ? climbing[target] : assessor
    // Each round solves every open problem, then assesses the changed
    // building once: a round per fail would assess it dozens of times.
    while let flat = known.take() ?? assessor.assess(flat: flatID, of: building) {
      let problems = flat.results.prefix(target + 1).reversed().flatMap { level in
        level.findings.filter { $0.status == .fail }.flatMap { fail in
          Self.problems(of: fail, route: level.route)
        }
      }
      // A measure whose change left its problem standing: a catalogue
      // error, not a path to price.
      let standing = problems.contains { attempted.contains($0) }
      let open = problems.filter {
        !attempted.contains($0) && !unmet.contains($0) && !assumed.contains($0)
      }
      if open.isEmpty || standing {
        let unknowns = flat.results.prefix(target + 1).flatMap { level in
          level.findings.filter { $0.status == .unknown }
        }
        var path = UpgradePath(
          target: assessor.ladder.profiles[target].class, jobs: jobs, noKnownMeasure: noMeasure,
          afterSurvey: afterSurvey, unknowns: Self.unique(unknowns),
          reaches: problems.isEmpty && !standing && unknowns.isEmpty)
        if path.reaches {
          path.meets = checks.compactMap { ProfileCheck(flatID, of: building, by: $0) }
        }
        return path
      }
      // What the rules ask of the open problems' elements, higher classes
      // first (their requirement also meets the lower ones'). Only those
      // elements: indexing every finding of the flat by its path in every
      // round was a tenth of a plan's instructions.
      var elements: [ElementPath] = []
      for problem in open where !elements.contains(problem.element) {
        elements.append(problem.element)
      }
      var findings: [ElementPath: [Finding]] = [:]
      for level in flat.results.prefix(target + 1).reversed() {
        for finding in level.findings where elements.contains(finding.path) {
          findings[finding.path, default: []].append(finding)
        }
      }
      // A round that changed nothing leaves the assessment as it is.
      var changedModel = false
      for problem in open
      where !attempted.contains(problem) && !unmet.contains(problem) && !assumed.contains(problem) {
        guard let (job, changed) = cheapest(for: problem, in: building, findings: findings) else {
          unmet.append(problem)
          if !noMeasure.contains(where: { FailKey($0) == FailKey(problem.fail) }) {
            noMeasure.append(problem.fail)
          }
          continue
        }
        if measures.first(where: { $0.id == job.measure })?.changes.isEmpty == true {
          assumed.append(problem)
          if !afterSurvey.contains(where: { FailKey($0) == FailKey(problem.fail) }) {
            afterSurvey.append(problem.fail)
          }
        } else {
          attempted.append(problem)
          changedModel = true
        }
        building = changed
        if let same = jobs.firstIndex(where: {
          $0.measure == job.measure && $0.element == job.element
        }) {
          jobs[same].clears.append(
            contentsOf: job.clears.filter { !jobs[same].clears.contains($0) })
        } else {
          jobs.append(job)
        }
      }
      if !changedModel { known = flat }
    }
    return UpgradePath(
      target: assessor.ladder.profiles[target].class, jobs: jobs, noKnownMeasure: noMeasure,
      afterSurvey: afterSurvey, unknowns: [], reaches: false)
  }

  /// What a measure must act on to clear `fail`: its own element, or for a
  /// route without a step-free way, each flight of steps on the best route.
  static func problems(of fail: Finding, route: RouteSummary?) -> [Problem] {
    guard fail.rule == currentRuleID("route.step-free"), let building = fail.path.steps.first
    else { return [Problem(fail: fail, element: fail.path)] }
    let flights = (route?.steps ?? []).compactMap { step -> ElementPath? in
      guard step.hasPrefix("steps ") else { return nil }
      return ElementPath([building, PathStep(kind: "steps", name: String(step.dropFirst(6)))])
    }
    // No flight to replace (no route at all): the fail stands as it is.
    guard !flights.isEmpty else { return [Problem(fail: fail, element: fail.path)] }
    return flights.map { Problem(fail: fail, element: $0) }
  }

  /// The cheapest measure that solves `problem`, as a job, and the building
  /// it changes; nil when none does.
  func cheapest(
    for problem: Problem, in building: Building, findings: [ElementPath: [Finding]]
  ) -> (Job, Building)? {
    guard let candidates = candidates[problem.fail.rule] else { return nil }
    let token = building.scopeToken(at: problem.element)
    var requirements = Requirements(failing: problem.fail.evaluation.required)
    for finding in findings[problem.element] ?? [] {
      if requirements.byRule[finding.rule] == nil, let required = finding.evaluation.required {
        requirements.byRule[finding.rule] = required
      }
    }
    // A measure that changes the model is checked by assessing again; one
    // without a change (a lift where the shaft is not surveyed) is only
    // offered when no checked measure applies.
    var best: (job: Job, building: Building, middle: Double, checked: Bool)?
    for (index, scopes) in candidates where scopes.contains(where: { $0.covers(token) }) {
      let measure = measures[index]
      guard
        let applied = try? apply(
          measure, at: problem.element, requirements: requirements, to: building)
      else { continue }
      let cost = measure.cost.scaled(by: applied.quantity)
      let middle = (cost.low + cost.high) / 2
      let checked = !measure.changes.isEmpty
      if let current = best,
        current.checked && !checked || (current.checked == checked && current.middle <= middle)
      {
        continue
      }
      let job = Job(
        measure: measure.id, title: measure.title, element: applied.element,
        clears: [problem.fail.rule], quantity: applied.quantity, unit: measure.unit, cost: cost,
        survey: measure.surveyWhen,
        shared: !applied.element.steps.contains { $0.kind == "flat" },
        fundingArea: measure.fundingArea, careInsurance: measure.careInsurance,
        appliedAt: problem.element, requirements: requirements.keeping(for: measure))
      best = (job, applied.building, middle, checked)
    }
    return best.map { ($0.job, $0.building) }
  }

  /// `building` with `jobs` applied again, in order: what a plan's
  /// measures make of the building, to be assessed again.
  public func applying(_ jobs: [Job], to building: Building) throws(ChangeError) -> Building {
    var changed = building
    for job in jobs {
      guard let measure = measures.first(where: { $0.id == job.measure }) else {
        throw ChangeError("no measure '\(job.measure)' in the catalogue")
      }
      changed = try apply(measure, at: job.appliedAt, requirements: job.requirements, to: changed)
        .building
    }
    return changed
  }

  /// `building` with `measure`'s changes made at `target` (`requirements`:
  /// what the rules ask there), the element the job is on, and how many of
  /// the measure's units it takes.
  func apply(
    _ measure: Measure, at target: ElementPath, requirements: Requirements, to building: Building
  ) throws(ChangeError) -> (building: Building, element: ElementPath, quantity: Double) {
    var changed = building
    var element = target
    var quantity = 1.0
    let buildingStep = target.steps.first ?? PathStep(kind: "building", name: building.id)
    for change in measure.changes {
      switch change {
      case .set(let attribute, let value):
        let required: Requirement?
        if case .requiredBy(let rule) = value {
          // A rule that asks nothing of this element (not checked here, or
          // nothing recorded to check) leaves its attribute as it is.
          guard let bound = requirements.byRule[currentRuleID(rule)] else { continue }
          required = bound
        } else {
          required = requirements.failing
        }
        changed = try changed.setting(attribute, to: value, at: target, required: required)
      case .rampForSteps:
        guard target.steps.last?.kind == "steps", let id = target.steps.last?.name
        else { throw ChangeError("\(measure.id): \(target) is not a flight of steps") }
        let (ramped, length) = try changed.replacingSteps(id, with: design)
        changed = ramped
        if measure.unit == .metre { quantity = (length.millimetres / 1000).rounded(.up) }
      case .liftStop:
        guard let id = target.steps.last?.name,
          let (lift, place) = changed.liftStop(bypassing: id)
        else { throw ChangeError("\(measure.id): no lift stops beside \(target)") }
        changed = try changed.addingStop(to: lift, at: place, area: design.movementArea)
        element = ElementPath([
          buildingStep, PathStep(kind: "lift", name: lift), PathStep(kind: "stop", name: place),
        ])
      }
    }
    // A measure priced per metre on a flight (a handrail): its going, the
    // treads' depth times their count; unknown, the quantity stays 1.
    if measure.unit == .metre, !measure.changes.contains(.rampForSteps),
      case .steps(let steps)? = building.connector(at: target), let count = steps.count,
      let tread = steps.treadDepth
    {
      quantity = max(1, (Double(count) * tread.millimetres / 1000).rounded(.up))
    }
    return (changed, element, quantity)
  }

  /// `findings` with each rule and element once.
  static func unique(_ findings: [Finding]) -> [Finding] {
    var seen: Set<FailKey> = []
    return findings.filter { seen.insert(FailKey($0)).inserted }
  }
}

/// What the rules ask of the element a measure acts on.
struct Requirements: Sendable, Hashable {
  /// What the fail the measure is chosen for requires.
  var failing: Requirement?
  /// What each rule checked on the element requires, by rule id (the
  /// highest class's where several check it).
  var byRule: [String: Requirement] = [:]
}

extension Requirements {
  /// Only what `measure`'s changes read: a job keeps these to be applied
  /// again, and a plan keeps every job of every flat.
  func keeping(for measure: Measure) -> Requirements {
    let named = Set(
      measure.changes.compactMap { change -> String? in
        if case .set(_, .requiredBy(let rule)) = change { currentRuleID(rule) } else { nil }
      })
    let usesFailing = measure.changes.contains {
      if case .set(_, .required) = $0 { true } else { false }
    }
    return Requirements(
      failing: usesFailing ? failing : nil, byRule: byRule.filter { named.contains($0.key) })
  }
}

/// A fail and the element a measure must act on to clear it.
struct Problem: Hashable {
  let rule: String
  let element: ElementPath
  let fail: Finding

  init(fail: Finding, element: ElementPath) {
    rule = fail.rule
    self.element = element
    self.fail = fail
  }

  /// The same fail at several classes is one problem.
  static func == (lhs: Problem, rhs: Problem) -> Bool {
    lhs.rule == rhs.rule && lhs.element == rhs.element
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(rule)
    hasher.combine(element)
  }
}

/// A fail's rule and element: the same fail at several classes is one.
struct FailKey: Hashable {
  let rule: String
  let path: ElementPath

  init(_ finding: Finding) {
    rule = finding.rule
    path = finding.path
  }
}

extension ClearedRule {
  /// Whether the measure acts on an element with this scope token (a
  /// door's role, a room's kind; see ``Building/scopeToken(at:)``).
  func covers(_ token: String?) -> Bool {
    scope.isEmpty || token.map(scope.contains) ?? false
  }
}
