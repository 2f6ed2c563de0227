import BarrierFreeModel
import BarrierFreeRules

/// One flat for one household: its group, why, and at what cost.
public struct FlatMatch: Sendable, Hashable {
  /// The flat, by its index in the matched flats.
  public var flat: Int
  /// The group.
  public var status: MatchStatus
  /// Why: for "does not suit" the fails no measure clears (the first is
  /// the deciding one); for "after an upgrade" the fails the measures
  /// clear.
  public var reasons: [String]
  /// What to measure first: the needs not shown by the survey.
  public var toMeasure: [String]
  /// How many things are not measured.
  public var unknownCount: Int
  /// The measures of the upgrade, each once, by catalogue id.
  public var measures: [String]
  /// The cost range of those measures, EUR.
  public var costLow: Double
  /// The upper end; a lower bound when ``fromPrices``.
  public var costHigh: Double
  /// Whether a price is a "from" price.
  public var fromPrices: Bool
  /// Whether a measure needs a survey before it can be priced.
  public var surveyNeeded: Bool
  /// How much more the flat offers than the household needs: needs of the
  /// mapping it meets that the household does not have, and spare
  /// bedrooms. Lower ranks first, so that a wheelchair flat goes to a
  /// wheelchair user before a rollator user (a register offers a flat to
  /// the category it matches first).
  public var surplus: Int
}

/// What one household gets: every flat in one of four groups, the first
/// few of each group ranked.
public struct HouseholdMatches: Sendable, Hashable {
  /// The household.
  public var household: Household
  /// How many flats are in each group.
  public var counts: [MatchStatus: Int]
  /// The ranked flats of each group, at most the limit asked for.
  public var groups: [MatchStatus: [FlatMatch]]
}

/// Decides, for households and flat summaries, which flats suit whom.
///
/// A household's needs are met by a flat when every need of the mapping
/// it has passes there, its steps, bedrooms, storey and distances are
/// shown to be within its limits. A fail that the planner's measures
/// clear makes the flat suit after an upgrade; a fail that none clears
/// (bedrooms, a storey without a lift, a bathroom too small for any
/// measure) makes it not suit; what is not measured makes it not known.
/// Unknown is never taken for a pass.
public struct Matcher: Sendable {
  /// The mapping the flats were summarised with.
  public let mapping: NeedMapping
  /// The need profiles and schemes.
  public let library: NeedsLibrary

  /// A matcher; refuses a library whose need profiles ask for a need the
  /// mapping does not have (it would pass by not being looked at).
  public init(mapping: NeedMapping, library: NeedsLibrary) throws(MatchError) {
    for profile in library.profiles {
      for need in profile.needs.mapped where mapping.need(need) == nil {
        throw MatchError(
          "need profile '\(profile.id)' asks for '\(need)', which the mapping for "
            + "\(mapping.profile) does not have (needs: "
            + mapping.needs.map(\.id).joined(separator: ", ") + ")")
      }
    }
    self.mapping = mapping
    self.library = library
  }

  /// The indices in the mapping of `needs`' mapped needs.
  func indices(of needs: Needs) -> [Int] {
    needs.mapped.compactMap { id in mapping.needs.firstIndex { $0.id == id } }
  }

  /// Where `flat` stands for a household with `needs`.
  public func match(_ needs: Needs, flat: FlatSummary, index: Int = 0) -> FlatMatch {
    match(needs, indices: indices(of: needs), flat: flat, index: index)
  }

  func match(_ needs: Needs, indices: [Int], flat: FlatSummary, index: Int) -> FlatMatch {
    var fails: [(reason: String, upgrade: NeedUpgrade?)] = []
    var toMeasure: [String] = []
    var unknownCount = 0
    var askedMask: UInt64 = 0
    for needIndex in indices {
      if needIndex < 64 { askedMask |= 1 << UInt64(needIndex) }
      let outcome = flat.needs[needIndex]
      switch outcome.status {
      case .pass: continue
      case .fail:
        let title = mapping.needs[needIndex].title
        let reason = outcome.failing.first.map { "\(title): \($0)" } ?? title
        fails.append((reason, outcome.upgrade))
        toMeasure += outcome.toMeasure
        unknownCount += outcome.unknownCount
      case .unknown:
        toMeasure += outcome.toMeasure
        unknownCount += outcome.unknownCount
      }
    }
    if let limit = needs.maxSteps {
      if let route = flat.routeSteps {
        switch route.status(atMost: limit) {
        case .pass: break
        case .fail:
          fails.append(
            (
              "\(route.exact ? "" : "at least ")\(route.count) step\(route.count == 1 ? "" : "s") "
                + "on the way to the flat's door"
                + Self.flights(route) + ", at most \(limit) asked", flat.routeStepUpgrade
            ))
        case .unknown:
          toMeasure.append(
            "steps on the way to the flat's door: at least \(route.count), a flight's count not "
              + "recorded" + Self.flights(route))
          unknownCount += 1
        }
      } else {
        toMeasure.append("no route from the street to the flat's door recorded")
        unknownCount += 1
      }
      switch flat.flatSteps.status(atMost: limit) {
      case .pass: break
      case .fail:
        let inside = flat.flatSteps
        fails.append(
          (
            "\(inside.exact ? "" : "at least ")\(inside.count) step\(inside.count == 1 ? "" : "s") "
              + "inside the flat" + Self.flights(inside) + ", at most \(limit) asked",
            flat.flatStepUpgrade
          ))
      case .unknown:
        toMeasure.append("steps inside the flat: a room reached by no recorded door or flight")
        unknownCount += 1
      }
    }
    var spareBedrooms = 0
    if let required = needs.bedroomsRequired {
      if let bedrooms = flat.bedrooms {
        if bedrooms < required {
          let carer = needs.carerRoom ? " (one for the overnight carer)" : ""
          fails.append(
            ("\(bedrooms) bedroom\(bedrooms == 1 ? "" : "s"), \(required) needed\(carer)", nil))
        } else {
          spareBedrooms = bedrooms - required
        }
      } else {
        toMeasure.append("the flat's rooms are not recorded: bedrooms not known")
        unknownCount += 1
      }
    }
    if let highest = needs.highestStoreyWithoutLift {
      if let storey = flat.storey {
        if storey > highest {
          switch flat.liftRoute {
          case true: break
          case false:
            fails.append(
              ("storey \(storey) without a lift; stairs up to storey \(highest) only", nil))
          case nil:
            toMeasure.append("whether a lift serves storey \(storey): no route recorded")
            unknownCount += 1
          }
        }
      } else {
        toMeasure.append("the flat's storey")
        unknownCount += 1
      }
    }
    for nearness in needs.near {
      let name = nearness.facility == "careBase" ? "the care base" : "the café"
      guard let reach = flat.reach[nearness.facility] else {
        toMeasure.append(
          flat.quarter == nil
            ? "\(name): the building is in no quarter"
            : "\(name): the quarter has none, or no way to it is recorded")
        unknownCount += 1
        continue
      }
      let within = Int((nearness.within.millimetres / 1000).rounded())
      switch reach.status {
      case .fail:
        fails.append(
          (
            "no step-free way to \(name) that meets the quarter's path rules"
              + (reach.note.map { ": \($0)" } ?? ""), nil
          ))
      case .unknown:
        toMeasure.append("the way to \(name)" + (reach.note.map { ": \($0)" } ?? ""))
        unknownCount += 1
      default:
        if let length = reach.length {
          let metres = Int((length.millimetres / 1000).rounded())
          if length > nearness.within {
            fails.append(("\(name) \(metres) m away, within \(within) m asked", nil))
          }
        } else {
          toMeasure.append("the length of the way to \(name)")
          unknownCount += 1
        }
      }
    }
    var surplus = spareBedrooms
    for (needIndex, outcome) in flat.needs.enumerated()
    where outcome.status == .pass && (needIndex >= 64 || askedMask & (1 << UInt64(needIndex)) == 0)
    {
      surplus += 1
    }
    var result = FlatMatch(
      flat: index, status: .suits, reasons: [], toMeasure: toMeasure, unknownCount: unknownCount,
      measures: [], costLow: 0, costHigh: 0, fromPrices: false, surveyNeeded: false,
      surplus: surplus)
    let incurable = fails.filter { $0.upgrade?.clearsAll != true }
    if !incurable.isEmpty {
      result.status = .doesNotSuit
      result.reasons = incurable.map(\.reason)
    } else if !fails.isEmpty {
      result.status = .afterUpgrade
      result.reasons = fails.map(\.reason)
      var seen: [MatchJob] = []
      for fail in fails {
        for job in fail.upgrade?.jobs ?? []
        where !seen.contains(where: { $0.measure == job.measure && $0.element == job.element }) {
          seen.append(job)
        }
      }
      for job in seen {
        result.costLow += job.low
        result.costHigh += job.high
        result.fromPrices = result.fromPrices || job.fromPrice
        result.surveyNeeded = result.surveyNeeded || job.survey
        if !result.measures.contains(job.measure) { result.measures.append(job.measure) }
      }
    } else if unknownCount > 0 || !toMeasure.isEmpty {
      result.status = .notKnown
    }
    return result
  }

  /// What ``match(_:indices:flat:index:)`` decides, without its words:
  /// the group and what ranks a flat in it. A match over a portfolio asks
  /// this of every flat for every kind of household and makes the words
  /// only for the flats it lists (building them for every pair was most of
  /// a match's time).
  struct Quick {
    var status: MatchStatus
    var surplus: Int
    var unknownCount: Int
    /// Fails no measure clears.
    var incurable: Int
    /// After an upgrade: the cost of its jobs, low plus high, each job
    /// once, as ``FlatMatch`` counts it.
    var cost: Double = 0
  }

  func quick(_ needs: Needs, indices: [Int], flat: FlatSummary) -> Quick {
    quick(needs, indices: indices, flats: [flat], at: 0)
  }

  /// ``quick(_:indices:flat:)`` of `flats[at]`, read in place: passing the
  /// flat copied its summary (a dozen references retained and released),
  /// a fifth of a match's time over the households.
  func quick(_ needs: Needs, indices: [Int], flats: [FlatSummary], at: Int) -> Quick {
    var incurable = 0
    var curable = 0
    var unknownCount = 0
    var toMeasure = false
    var askedMask: UInt64 = 0
    func fail(_ upgrade: NeedUpgrade?) {
      if upgrade?.clearsAll == true { curable += 1 } else { incurable += 1 }
    }
    for needIndex in indices {
      if needIndex < 64 { askedMask |= 1 << UInt64(needIndex) }
      let outcome = flats[at].needs[needIndex]
      switch outcome.status {
      case .pass: continue
      case .fail: fail(outcome.upgrade)
      case .unknown: break
      }
      unknownCount += outcome.unknownCount
      toMeasure = toMeasure || !outcome.unknowns.isEmpty || !outcome.measureNotes.isEmpty
    }
    if let limit = needs.maxSteps {
      if let route = flats[at].routeSteps {
        switch route.status(atMost: limit) {
        case .pass: break
        case .fail: fail(flats[at].routeStepUpgrade)
        case .unknown: unknownCount += 1
        }
      } else {
        unknownCount += 1
      }
      switch flats[at].flatSteps.status(atMost: limit) {
      case .pass: break
      case .fail: fail(flats[at].flatStepUpgrade)
      case .unknown: unknownCount += 1
      }
    }
    var spareBedrooms = 0
    if let required = needs.bedroomsRequired {
      if let bedrooms = flats[at].bedrooms {
        if bedrooms < required { incurable += 1 } else { spareBedrooms = bedrooms - required }
      } else {
        unknownCount += 1
      }
    }
    if let highest = needs.highestStoreyWithoutLift {
      if let storey = flats[at].storey {
        if storey > highest {
          switch flats[at].liftRoute {
          case true: break
          case false: incurable += 1
          case nil: unknownCount += 1
          }
        }
      } else {
        unknownCount += 1
      }
    }
    for nearness in needs.near {
      guard let reach = flats[at].reach[nearness.facility] else {
        unknownCount += 1
        continue
      }
      switch reach.status {
      case .fail: incurable += 1
      case .unknown: unknownCount += 1
      default:
        if let length = reach.length {
          if length > nearness.within { incurable += 1 }
        } else {
          unknownCount += 1
        }
      }
    }
    var surplus = spareBedrooms
    for (needIndex, outcome) in flats[at].needs.enumerated()
    where outcome.status == .pass
      && (needIndex >= 64 || askedMask & (1 << UInt64(needIndex)) == 0)
    {
      surplus += 1
    }
    let status: MatchStatus =
      incurable > 0
      ? .doesNotSuit
      : curable > 0 ? .afterUpgrade : (unknownCount > 0 || toMeasure) ? .notKnown : .suits
    var found = Quick(
      status: status, surplus: surplus, unknownCount: unknownCount, incurable: incurable)
    if status == .afterUpgrade {
      found.cost = cost(needs, indices: indices, flats: flats, at: at)
    }
    return found
  }

  /// The upgrades of the fails of `flats[at]` for `needs`, in the order
  /// ``match(_:indices:flat:index:)`` meets them.
  private func forEachFailingUpgrade(
    _ needs: Needs, indices: [Int], flats: [FlatSummary], at: Int,
    _ body: (NeedUpgrade) -> Void
  ) {
    for needIndex in indices where flats[at].needs[needIndex].status == .fail {
      if let upgrade = flats[at].needs[needIndex].upgrade { body(upgrade) }
    }
    if let limit = needs.maxSteps {
      if let route = flats[at].routeSteps, route.status(atMost: limit) == .fail,
        let upgrade = flats[at].routeStepUpgrade
      {
        body(upgrade)
      }
      if flats[at].flatSteps.status(atMost: limit) == .fail,
        let upgrade = flats[at].flatStepUpgrade
      {
        body(upgrade)
      }
    }
  }

  /// The cost of the jobs of `flats[at]`'s upgrades for `needs`, low plus
  /// high, a job met twice (the same measure on the same element) once;
  /// without making the lists ``match(_:indices:flat:index:)`` makes.
  private func cost(_ needs: Needs, indices: [Int], flats: [FlatSummary], at: Int) -> Double {
    var total = 0.0
    var component = 0
    forEachFailingUpgrade(needs, indices: indices, flats: flats, at: at) { upgrade in
      for (jobIndex, job) in upgrade.jobs.enumerated() {
        var seen = false
        var earlier = 0
        forEachFailingUpgrade(needs, indices: indices, flats: flats, at: at) { other in
          defer { earlier += 1 }
          guard !seen, earlier <= component else { return }
          let candidates = earlier < component ? other.jobs[...] : other.jobs[..<jobIndex]
          seen = candidates.contains { $0.measure == job.measure && $0.element == job.element }
        }
        if !seen { total += job.low + job.high }
      }
      component += 1
    }
    return total
  }

  private static func flights(_ count: StepCount) -> String {
    count.flights.isEmpty ? "" : " (\(count.flights.joined(separator: ", ")))"
  }
}

/// A flat's category in one register scheme.
public struct RegisterResult: Sendable, Hashable {
  /// The category (`C`), or the scheme's not-assessed one.
  public var category: String
  /// More accessible categories that are not measured enough to rule out.
  public var possible: [String]
  /// For those, what to measure first.
  public var toMeasure: [String]
}

extension Matcher {
  /// `flat`'s category in `scheme`: the first category whose need profile
  /// the flat suits now, with no upgrade. A category whose needs are only
  /// not known (not failed) is "possible", and the walk goes on; a flat that
  /// reaches general needs with a better category possible is not assessed
  /// (London's G): general needs would say more than the survey does.
  public func category(of flat: FlatSummary, in scheme: RegisterScheme) -> RegisterResult {
    var possible: [String] = []
    var toMeasure: [String] = []
    for category in scheme.categories where category.id != scheme.notAssessed {
      guard let profile = category.profile else {
        return RegisterResult(
          category: possible.isEmpty ? category.id : scheme.notAssessed, possible: possible,
          toMeasure: toMeasure)
      }
      let needs = library.profile(profile)?.needs ?? Needs()
      let found = match(needs, flat: flat)
      switch found.status {
      case .suits:
        return RegisterResult(category: category.id, possible: possible, toMeasure: toMeasure)
      case .notKnown:
        possible.append(category.id)
        for item in found.toMeasure.prefix(2) where !toMeasure.contains(item) {
          toMeasure.append(item)
        }
      default: continue
      }
    }
    return RegisterResult(category: scheme.notAssessed, possible: possible, toMeasure: toMeasure)
  }
}

/// A match that cannot be made as asked.
public struct MatchError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong.
  public var message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

  /// `error: message`.
  public var description: String { "error: \(message)" }
}
