import BarrierFree
import BarrierFreeTestSupport
import Foundation
import Testing

@Suite("Planning in one call")
struct PlanningTests {
  /// The floor-level shower of the planner's test catalogue.
  static let shower = bathAndThresholdMeasures.filter { $0.id == "shower.floor-level" }

  /// The plan for half the sample's flats barrier-free with `shower`.
  static func samplePlan(funding: FundingCatalogue? = nil) throws -> Plan {
    let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    return try BarrierFree.plan(
      [path], profile: "din18040-2", measures: shower, target: "barrierFree", goal: .flats(17),
      funding: funding)
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

  /// A plan whose catalogue brings hostile text: a formula, a table's bar,
  /// markup.
  static func hostilePlan() throws -> Plan {
    var shower = try #require(Self.shower.first)
    shower.title = "=HYPERLINK(\"http://x\") | <script>alert(1)</script>"
    shower.cost.source = "@source | **bold**"
    let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    return try BarrierFree.plan(
      [path], profile: "din18040-2", measures: [shower], target: "barrierFree", goal: .flats(17),
      funding: try FundingCatalogue.builtIn)
  }

  static let question = FundingQuestion(
    applicant: "housingCompany", day: CalendarDay(year: 2026, month: 12, day: 6))

  @Test("The plan as CSV: a row per chosen and per unreachable flat, numbers as numbers")
  func csv() throws {
    let plan = try Self.samplePlan(funding: try FundingCatalogue.builtIn)
    let csv = try PlanReport.csv(
      plan, profile: "din18040-2", funding: try FundingCatalogue.builtIn, question: Self.question)
    let lines = csv.dropFirst().split(separator: "\r\n").map(String.init)
    #expect(
      lines.first
        == "building,quarter,flat,status,target,cost low,cost high,from prices,measures,survey needed,profile checks,funding available,funding unknown,reason"
    )
    #expect(
      lines.dropFirst().first
        == "b1,q-sieker,b1-f13,chosen,barrierFree,1500,4000,no,shower.floor-level,yes,kfw-barrier-reduced: meets,kfw-159 lends 1500–4000 EUR,care-insurance pays 1500–4000 EUR,"
    )
    #expect(lines.count == 1 + 1 + plan.unreachable.count)
    let semicolon = try PlanReport.csv(plan, profile: "din18040-2", dialect: .semicolon)
    #expect(semicolon.contains("b1;q-sieker;b1-f13;chosen;barrierFree;1500;4000;no;"))
  }

  @Test("A catalogue's hostile text is escaped in Markdown and HTML")
  func hostileText() throws {
    let plan = try Self.hostilePlan()
    let markdown = PlanReport.markdown(
      plan, profile: "din18040-2", funding: try FundingCatalogue.builtIn, question: Self.question)
    #expect(markdown.contains("\\=HYPERLINK(\"http://x\") \\| \\<script\\>"))
    // The table keeps its five cells: every bar of the data is escaped.
    let row = try #require(markdown.split(separator: "\n").first { $0.contains("HYPERLINK") })
    #expect(row.contains("2024, @source \\| \\*\\*bold\\*\\*, C1"))
    #expect(row.replacing("\\|", with: "").filter { $0 == "|" }.count == 6)
    let html = PlanReport.html(
      plan, profile: "din18040-2", funding: try FundingCatalogue.builtIn, question: Self.question)
    #expect(!html.contains("<script>alert"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("<svg role=\"img\""))
    #expect(html.contains("<td>17</td>"))
  }
}
