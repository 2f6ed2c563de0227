import BarrierFree
import Foundation
import PropertyBased
import Testing

/// The upgrade planner over generated buildings: what a path promises, the
/// changed model delivers; a cheaper measure never makes a path or a plan
/// dearer.
///
/// Generated buildings keep the sample's gaps, so few of their flats reach a
/// class verified (unknown is not pass). The properties therefore also look
/// at the flats whose every fail has a measure ("cleared"): after their
/// jobs no fail is left at the target, whatever is still unmeasured.
@Suite("Plan properties over generated buildings")
struct PlanProperties {
  static let target = "barrierFree"

  static func buildings(seed: Int, count: Int, tenths: Int) throws -> [Building] {
    var generator = try PortfolioGenerator(
      options: .init(buildings: count, seed: UInt64(seed), incomplete: Double(tenths) / 10))
    return try (0..<count).map { try generator.makeBuilding($0) }
  }

  static func planner(_ measures: [Measure]) throws -> UpgradePlanner {
    UpgradePlanner(
      assessor: try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2")),
      measures: measures)
  }

  /// Whether every fail of the flat's path has a measure that changes the
  /// model: only unknowns may stand between it and the target.
  static func cleared(_ option: FlatOption) -> Bool {
    guard let path = option.path else { return false }
    return path.noKnownMeasure.isEmpty && path.afterSurvey.isEmpty
  }

  static func rank(_ level: String, in planner: UpgradePlanner) -> Int {
    planner.assessor.ladder.profiles.map(\.class).firstIndex(of: level) ?? -1
  }

  @Test("After a flat's jobs no fail is left at the target; a plan's flats reach it verified")
  func appliedPathsDeliver() async throws {
    let planner = try Self.planner(MeasureCatalogue.builtIn.measures)
    let target = Self.rank(Self.target, in: planner)
    await propertyCheck(
      count: 16, input: Gen.int(in: 1...1_000_000), Gen.int(in: 1...2), Gen.int(in: 0...2)
    ) { seed, count, tenths in
      let buildings = try Self.buildings(seed: seed, count: count, tenths: tenths)
      for building in buildings {
        let options = planner.options(for: building, target: Self.target)
        for option in options where Self.cleared(option) {
          let jobs = option.path?.jobs ?? []
          let changed = try planner.applying(jobs, to: building)
          let flat = try #require(planner.assessor.assess(flat: option.flat, of: changed))
          #expect(
            Self.rank(flat.classification.class, in: planner) >= target,
            "seed \(seed): \(option.flat) is \(flat.classification.class) after \(jobs.map(\.measure))"
          )
        }
        let plan = Plan.choose(options, target: Self.target, goal: .share(1))
        let assessed = planner.assessor.assess(try planner.applying(plan.jobs, to: building))
        for option in plan.chosen {
          let flat = try #require(assessed.flats.first { $0.id == option.flat })
          #expect(
            Self.rank(flat.classification.verifiedClass, in: planner) >= target,
            "seed \(seed): \(option.flat) is \(flat.classification.verifiedClass) after the plan")
        }
      }
    }
  }

  @Test("Another copy of a measure, cheaper or not, never makes a path or a plan dearer")
  func moreMeasuresNeverDearer() async throws {
    let measures = try MeasureCatalogue.builtIn.measures
    let before = try Self.planner(measures)
    await propertyCheck(
      count: 16, input: Gen.int(in: 1...1_000_000), Gen.int(in: 0..<measures.count),
      Gen.int(in: 1...12)
    ) { seed, pick, tenths in
      let buildings = try Self.buildings(seed: seed, count: 2, tenths: 0)
      // The flats whose fails all have a measure, as if their unknowns
      // were measured and passed: the plan's choice is what is tested.
      func options(_ planner: UpgradePlanner) -> [FlatOption] {
        buildings.flatMap { planner.options(for: $0, target: Self.target) }.map { option in
          var option = option
          if Self.cleared(option) { option.path?.reaches = true }
          return option
        }
      }
      let old = options(before)
      // A copy of a measure the cleared flats' paths use (of any, when
      // none), at 10 % to 120 % of its price.
      var used: [String] = []
      for option in old where Self.cleared(option) {
        for job in option.path?.jobs ?? [] where !used.contains(job.measure) {
          used.append(job.measure)
        }
      }
      let id = used.isEmpty ? measures[pick].id : used[pick % used.count]
      guard var cheaper = measures.first(where: { $0.id == id }) else { return }
      cheaper.id += ".cheaper"
      cheaper.cost = cheaper.cost.scaled(by: Double(tenths) / 10)
      let after = try Self.planner(measures + [cheaper])
      let new = options(after)
      let middle = { (cost: (low: Double, high: Double)) in (cost.low + cost.high) / 2 }
      for (was, now) in zip(old, new) where Self.cleared(was) {
        #expect(Self.cleared(now), "seed \(seed), \(cheaper.id): \(was.flat) lost its path")
        #expect(
          middle(now.path?.cost ?? (0, 0)) <= middle(was.path?.cost ?? (0, 0)) + 0.01,
          "seed \(seed), \(cheaper.id) at \(tenths)/10: \(was.flat)")
      }
      let lifted = old.filter { !$0.atTarget && $0.reachable }.count
      for goal in [PlanGoal.flats(lifted / 2), .flats(lifted)] {
        let count = old.filter(\.atTarget).count
        guard case .flats(let more) = goal, more > 0 else { continue }
        let oldPlan = Plan.choose(old, target: Self.target, goal: .flats(count + more))
        let newPlan = Plan.choose(new, target: Self.target, goal: .flats(count + more))
        #expect(newPlan.goalMet && oldPlan.goalMet)
        #expect(
          middle(newPlan.cost) <= middle(oldPlan.cost) + 0.01,
          "seed \(seed), \(cheaper.id) at \(tenths)/10, \(more) flats: \(middle(oldPlan.cost)) → \(middle(newPlan.cost))"
        )
      }
    }
  }
}
