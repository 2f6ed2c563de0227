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
      [path], profile: "din18040-2", measures: shower, target: "barrierFree", goal: .share(0.5))
  }

  @Test("Half the sample's flats barrier-free: 20 are, two floor-level showers lift two more")
  func sampleHalf() throws {
    let plan = try Self.samplePlan()
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

  @Test("The plan as text and as JSON: the goal, each job with its range and source, the curve")
  func reports() throws {
    let plan = try Self.samplePlan()
    let text = PlanReport.text(plan, profile: "din18040-2").split(separator: "\n")
    #expect(
      Array(text.prefix(4)) == [
        "Plan: barrierFree under din18040-2, goal 50 % of the flats",
        "Flats in scope: 44; at barrierFree already: 20",
        "Chosen: 2 flats, 3000–8000 EUR (shared measures counted once)",
        "Goal met: yes",
      ])
    #expect(
      text.contains(
        "    - Replace the shower tray by a floor-level shower (shower.floor-level) at building b1 › flat b1-f13 › room b1-f13-bath › shower b1-f13-bath-shower: 1500–4000 EUR [hausjournal.net, 2024, C1]; survey needed: floorBuildUpUnknown"
      ))
    #expect(text.contains("  22 flats: 3000–8000 EUR"))
    let json =
      try JSONSerialization.jsonObject(
        with: Data(PlanReport.json(plan, profile: "din18040-2").utf8)) as? [String: Any]
    let cost = json?["cost"] as? [String: Any]
    #expect(cost?["low"] as? Double == 3000)
    #expect(cost?["high"] as? Double == 8000)
    #expect((json?["chosen"] as? [Any])?.count == 2)
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
