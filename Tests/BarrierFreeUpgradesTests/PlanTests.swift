import BarrierFreeGenerator
import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import BarrierFreeTestSupport
import BarrierFreeXML
import Foundation
import Testing

@testable import BarrierFreeUpgrades

/// Every building of the quarter sample.
func sampleBuildings() throws -> [Building] {
  let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
  let reader = try PortfolioReader(path: path)
  var buildings: [Building] = []
  while let event = reader.next() {
    if case .building(let building, _) = event { buildings.append(building) }
  }
  return buildings
}

@Suite("Plans")
struct PlanTests {
  @Test("The quarter sample to barrierFree at 40 %: applying the plan lifts every chosen flat")
  func samplePlanApplied() throws {
    let assessor = try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2"))
    let planner = UpgradePlanner(
      assessor: assessor, measures: doorMeasures + accessMeasures + bathAndThresholdMeasures)
    let buildings = try sampleBuildings()
    let options = buildings.flatMap { planner.options(for: $0, target: "barrierFree") }
    let plan = Plan.choose(options, target: "barrierFree", goal: .share(0.4))
    let reachable = options.filter { !$0.atTarget && $0.reachable }.map(\.flat)
    // With these few measures two flats can be lifted, verified: b1-f13 by
    // a floor-level shower, b3-f02 by widened doors. b8-f31 needs one too,
    // but something there is not measured: unknown is not pass.
    #expect(reachable == ["b1-f13", "b3-f02"])
    let b8 = try #require(options.first { $0.flat == "b8-f31" })
    #expect(b8.path?.unknowns.isEmpty == false)
    #expect(plan.flatsInScope == 44)
    #expect(plan.alreadyAtTarget == 16)
    #expect(plan.goalMet, "\(plan.chosen.count) chosen")
    #expect(plan.alreadyAtTarget + plan.chosen.count == 18)
    #expect(plan.curve.last?.flats == 18)
    #expect(plan.cost.low <= plan.cost.high)
    // Apply each building's share of the plan and check again.
    for building in buildings {
      let jobs = plan.jobs.filter { $0.element.steps.first?.name == building.id }
      let changed = try planner.applying(jobs, to: building)
      let assessed = assessor.assess(changed)
      for option in plan.chosen where option.building == building.id {
        let flat = try #require(assessed.flats.first { $0.id == option.flat })
        #expect(flat.classification.verifiedClass == "barrierFree", "\(option.flat)")
      }
    }
  }

  @Test("The greedy choice against brute force on 300 random small cases")
  func greedyAgainstExact() {
    var random = SplitMix64(seed: 7)
    var worst = 1.0
    var sum = 0.0
    for _ in 0..<300 {
      let flats = 2 + random.next(6)
      let pool = (0..<3).map { Self.job("shared\($0)", low: Double(1000 + random.next(20_000))) }
      let options = (0..<flats).map { index in
        var jobs = [Self.job("own\(index)", low: Double(100 + random.next(8_000)), shared: false)]
        for job in pool where random.next(3) == 0 { jobs.append(job) }
        return FlatOption(
          building: "b", flat: "f\(index)", atTarget: false,
          path: UpgradePath(
            target: "t", jobs: jobs, noKnownMeasure: [], unknowns: [], reaches: true))
      }
      let needed = 1 + random.next(flats)
      let greedy = Plan.choose(options, target: "t", goal: .flats(needed))
      #expect(greedy.chosen.count == needed)
      let exact = Self.exactCost(options, needed: needed)
      let ratio = Self.middle(greedy.cost) / exact
      #expect(ratio >= 1 - 1e-9)
      worst = max(worst, ratio)
      sum += ratio
    }
    // Measured (seed 7): mean 1.005, worst 1.32 times the exact cost; the
    // bound is documented with the planner. A change to the choice that
    // makes it worse fails here.
    #expect(worst < 1.33, "worst ratio \(worst)")
    #expect(sum / 300 < 1.01, "mean ratio \(sum / 300)")
  }

  @Test("A shared measure is one cost; each chosen flat bears its share")
  func sharesOfSharedMeasures() {
    func option(_ flat: String) -> FlatOption {
      FlatOption(
        building: "b", flat: flat, atTarget: false,
        path: UpgradePath(
          target: "t",
          jobs: [
            Self.job("own-\(flat)", low: 1_000, shared: false), Self.job("lift", low: 10_000),
          ],
          noKnownMeasure: [], unknowns: [], reaches: true))
    }
    let plan = Plan.choose([option("a"), option("b"), option("c")], target: "t", goal: .flats(2))
    #expect(plan.chosen.map(\.flat) == ["a", "b"])
    #expect(plan.cost.low == 12_000 && plan.cost.high == 24_000)
    for chosen in plan.chosen {
      #expect(plan.share(of: chosen) == CostSpan(low: 6_000, high: 12_000))
    }
    // The shares add up to the plan's cost.
    let sum = plan.chosen.map(plan.share(of:)).reduce(CostSpan.zero, +)
    #expect(sum == CostSpan(low: plan.cost.low, high: plan.cost.high))
    // A flat not chosen bears a shared job in full.
    #expect(plan.share(of: option("c")) == CostSpan(low: 11_000, high: 22_000))
  }

  static func job(_ id: String, low: Double, shared: Bool = true) -> Job {
    Job(
      measure: id, title: id, element: ElementPath([PathStep(kind: "building", name: "b")]),
      clears: [], quantity: 1, unit: .lumpSum,
      cost: CostRange(
        low: low, high: low * 2, priceYear: 2026, source: "test", certainty: .inferred),
      survey: [], shared: shared, appliedAt: ElementPath(), requirements: Requirements())
  }

  static func middle(_ cost: (low: Double, high: Double)) -> Double { (cost.low + cost.high) / 2 }

  /// The least middle cost of lifting `needed` flats, by trying every set.
  static func exactCost(_ options: [FlatOption], needed: Int) -> Double {
    var best = Double.infinity
    for mask in 0..<(1 << options.count) where mask.nonzeroBitCount == needed {
      var jobs: [String: Job] = [:]
      for (index, option) in options.enumerated() where mask & (1 << index) != 0 {
        for job in option.path?.jobs ?? [] { jobs[job.measure] = job }
      }
      best = min(best, jobs.values.reduce(0) { $0 + middle(($1.cost.low, $1.cost.high)) })
    }
    return best
  }
}

extension SplitMix64 {
  /// A number in 0..<bound.
  mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
