import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import BarrierFreeUpgrades
import BarrierFreeXML
import BarrierFreeXMLSupport

/// Plans which flats of the portfolios at `paths` to lift to the class
/// `target`, with which measures, to meet `goal` at the least expected
/// cost: the planner in one call.
///
/// ```swift
/// import BarrierFree
///
/// let plan = try BarrierFree.plan(
///   ["quarter.xml"], profile: "din18040-2", measures: catalogue.measures,
///   target: "barrierFree", goal: .share(0.5))
/// print(plan.chosen.count, plan.cost.low, plan.cost.high)
/// ```
///
/// The files are read one building at a time; of each building the plan
/// keeps only its flats' options (their paths to the target), not the
/// building.
///
/// - Parameters:
///   - paths: The portfolios (`.xml` or `.xml.gz`).
///   - profile: The profile whose ladder holds `target`.
///   - library: Where `profile` is looked up.
///   - measures: The catalogue's measures.
///   - target: A class of the profile's ladder (`barrierFree`).
///   - goal: A share of the flats, a number of flats, or a budget.
///   - quarter: Only the flats of this quarter; nil: every flat.
///   - funding: The funding programmes whose required profiles each path's
///     changed flat is checked against (`UpgradePath.meets`), so that
///     `Plan.funding(_:question:)` can say whether they pay; nil: none.
/// - Throws: `ProfileError` for an unknown profile or a target that is
///   not on its ladder, `ImportError` when a portfolio is invalid,
///   ``PlanError`` for a quarter that no portfolio has.
public func plan(
  _ paths: [String], profile: String = ProfileLibrary.defaultProfile,
  library: ProfileLibrary = .builtIn, measures: [Measure], target: String, goal: PlanGoal,
  quarter: String? = nil, funding: FundingCatalogue? = nil
) throws -> Plan {
  let assessor = try Assessor(ladder: library.ladder(for: profile))
  let ladder = assessor.ladder.profiles.map(\.class)
  guard ladder.contains(target) else {
    throw ProfileError(
      origin: nil,
      message:
        "'\(target)' is not a class of \(profile)'s ladder: \(ladder.joined(separator: ", "))")
  }
  let checks = try funding?.checks(in: library) ?? []
  let planner = UpgradePlanner(assessor: assessor, measures: measures, checks: checks)
  var options: [FlatOption] = []
  var quarters: Set<String> = []
  // The open quarter and the legs of its buildings, for its path repairs.
  var context: QuarterContext?
  var links: [BuildingLinks] = []
  var repairs: [QuarterRepairs] = []
  for path in paths {
    let reader = try PortfolioReader(path: path)
    while let event = reader.next() {
      switch event {
      case .quarter(let header):
        context = QuarterContext(header)
        links = []
        continue
      case .endQuarter:
        if let context, quarter == nil || context.id == quarter {
          let (connected, steps, unmeasured) = assessor.pathRepairs(of: context, links: links)
          var found = QuarterRepairs(
            quarter: context.id, flats: links.reduce(0) { $0 + $1.flats.count },
            connected: connected, repairs: steps, measures: measures)
          found.unmeasured = unmeasured
          repairs.append(found)
        }
        context = nil
        links = []
        continue
      case .portfolio: continue
      case .building: break
      }
      guard case .building(let building, let quarterID) = event else { continue }
      if let quarterID { quarters.insert(quarterID) }
      guard quarter == nil || quarterID == quarter else { continue }
      let inQuarter = context.flatMap { quarterID == $0.id ? $0 : nil }
      let (found, link) = planner.options(
        for: building, in: inQuarter, quarter: quarterID, target: target)
      if let link { links.append(link) }
      for option in found { options.append(option.compacted()) }
    }
    if reader.diagnostics.contains(where: { $0.severity == .error }) {
      throw ImportError(diagnostics: reader.diagnostics)
    }
  }
  if let quarter, !quarters.contains(quarter) {
    let known =
      quarters.isEmpty ? "the portfolio has none" : quarters.sorted().joined(separator: ", ")
    throw PlanError("no quarter '\(quarter)' in the portfolio (quarters: \(known))")
  }
  var plan = Plan.choose(options, target: target, goal: goal)
  plan.quarters = repairs
  return plan
}

/// A plan that cannot be made as asked: a quarter that is not there.
public struct PlanError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong.
  public var message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

  /// `error: message`.
  public var description: String { "error: \(message)" }
}
