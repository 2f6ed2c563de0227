import BarrierFree
import BarrierFreeTestSupport
import Foundation
import Testing

@Suite("Planning in one call")
struct PlanningTests {
  /// The floor-level shower of the planner's test catalogue.
  static let shower = bathAndThresholdMeasures.filter { $0.id == "shower.floor-level" }

  /// The plan for half the sample's flats barrier-free with `shower`.
  static func samplePlan() throws -> Plan {
    let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    return try BarrierFree.plan(
      [path], profile: "din18040-2", measures: shower, target: "barrierFree", goal: .flats(17))
  }

  @Test(
    "17 of the sample's flats barrier-free: 16 are, verified; a floor-level shower lifts one more")
  func sampleHalf() throws {
    let plan = try Self.samplePlan()
    #expect(plan.flatsInScope == 44)
    #expect(plan.alreadyAtTarget == 16)
    #expect(plan.chosen.map(\.flat) == ["b1-f13"])
    let met = plan.goalMet
    #expect(met)
    #expect(plan.cost.low == 1500)
    #expect(plan.cost.high == 4000)
    #expect(plan.curve.map(\.flats) == [16, 17])
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

  @Test("The plan as text and as JSON: the goal, each job with its range and source, the curve")
  func reports() throws {
    let plan = try Self.samplePlan()
    let text = PlanReport.text(plan, profile: "din18040-2").split(separator: "\n")
    #expect(
      Array(text.prefix(4)) == [
        "Plan: barrierFree under din18040-2, goal 17 flats",
        "Flats in scope: 44; at barrierFree already, verified: 16",
        "Chosen: 1 flat, 1500–4000 EUR (shared measures counted once)",
        "Goal met: yes",
      ])
    #expect(
      text.contains(
        "    - Replace the shower tray by a floor-level shower (shower.floor-level) at building b1 › flat b1-f13 › room b1-f13-bath › shower b1-f13-bath-shower: 1500–4000 EUR [hausjournal.net, 2024, C1]; survey needed: floorBuildUpUnknown"
      ))
    #expect(text.contains("  17 flats: 1500–4000 EUR"))
    // b8-f31 would take the same shower, but something there is unmeasured.
    #expect(text.contains { $0.hasPrefix("  b8 b8-f31: ") && $0.contains("measure first: ") })
    let json =
      try JSONSerialization.jsonObject(
        with: Data(PlanReport.json(plan, profile: "din18040-2").utf8)) as? [String: Any]
    let cost = json?["cost"] as? [String: Any]
    #expect(cost?["low"] as? Double == 1500)
    #expect(cost?["high"] as? Double == 4000)
    #expect((json?["chosen"] as? [Any])?.count == 1)
    #expect(json?["goalMet"] as? Bool == true)
  }

  @Test("A catalogue's title with a line break cannot forge a line of the plan")
  func forgedLine() throws {
    var shower = try #require(Self.shower.first)
    shower.title = "Shower\nGoal met: yes"
    shower.cost.source = "a\rb"
    let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    let plan = try BarrierFree.plan(
      [path], profile: "din18040-2", measures: [shower], target: "barrierFree",
      goal: .flats(21))
    let text = PlanReport.text(plan, profile: "din18040-2")
    #expect(text.split(separator: "\n").filter { $0.hasPrefix("Goal met") }.count == 1)
    #expect(text.contains("Shower\\nGoal met: yes"))
    #expect(!text.contains("\r"))
  }
}
