import BarrierFree
import Foundation
import Testing

@Suite("Planning in one call")
struct PlanningTests {
  static let shower = Measure(
    id: "shower.floor-level", title: "Replace the shower tray by a floor-level shower",
    clears: [
      ClearedRule(rule: "din18040-2.shower.step"), ClearedRule(rule: "din18040-2.shower.size"),
    ],
    changes: [
      .set(attribute: "floorLevel", value: .word("true")),
      .set(attribute: "step", value: .number(0)),
      .set(attribute: "width", value: .requiredBy("shower.size")),
      .set(attribute: "depth", value: .requiredBy("shower.size")),
    ],
    unit: .lumpSum,
    cost: CostRange(
      low: 1500, high: 4000, priceYear: 2024, source: "hausjournal.net", certainty: .oneSource),
    surveyWhen: [.floorBuildUpUnknown], fundingArea: 5, careInsurance: true)

  @Test("Half the sample's flats barrier-free: 20 are, two floor-level showers lift two more")
  func sampleHalf() throws {
    let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    let plan = try BarrierFree.plan(
      [path], profile: "din18040-2", measures: [Self.shower], target: "barrierFree",
      goal: .share(0.5))
    #expect(plan.flatsInScope == 44)
    #expect(plan.alreadyAtTarget == 20)
    #expect(plan.chosen.map(\.flat) == ["b1-f13", "b8-f31"])
    let met = plan.goalMet
    #expect(met)
    #expect(plan.cost.low == 3000)
    #expect(plan.cost.high == 8000)
    #expect(plan.curve.map(\.flats) == [20, 21, 22])
  }

  @Test("A class not on the profile's ladder is refused with the ladder named")
  func unknownTarget() throws {
    let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    #expect {
      try BarrierFree.plan(
        [path], profile: "din18040-2", measures: [], target: "wheelchair", goal: .flats(1))
    } throws: { error in
      (error as? ProfileError)?.message
        == "'wheelchair' is not a class of din18040-2's ladder: barrierReduced, barrierFree"
    }
  }
}
