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
    #expect(text.contains { $0.hasPrefix("  b8 b8-f31: ") && $0.contains("not measured yet: ") })
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

  @Test("The quarter: a cobbled path to b8 cuts its flats off; repairing it connects them again")
  func quarterPathRepairs() throws {
    let sample = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml")
    var text = try String(contentsOf: sample, encoding: .utf8)
    let asphalt =
      "to=\"b8-way\" toBuilding=\"b8\" width=\"2000\" length=\"55000\" slope=\"2.5\" crossSlope=\"1.5\" surface=\"asphalt\""
    #expect(text.contains(asphalt))
    text = text.replacing(asphalt, with: asphalt.replacing("asphalt", with: "cobblestones"))
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("bf-cobbled-\(ProcessInfo.processInfo.processIdentifier).xml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }

    // The sample as it is: its failing paths (op-05, op-06) have detours.
    let original = try BarrierFree.plan(
      [sample.path], profile: "din18040-2", measures: [], target: "barrierFree", goal: .flats(1))
    #expect(original.quarters.map(\.quarter) == ["q-sieker"])
    #expect(original.quarters.first?.steps.isEmpty == true)
    let before = try #require(original.quarters.first?.connected)

    // A resurfacing measure priced per metre (test figures).
    let resurface = Measure(
      id: "path.resurface", title: "Resurface an outdoor path",
      clears: [ClearedRule(rule: "path.surface")], changes: [], unit: .metre,
      cost: CostRange(low: 100, high: 200, priceYear: 2026, source: "test", certainty: .inferred))
    let cobbled = try BarrierFree.plan(
      [path], profile: "din18040-2", measures: [resurface], target: "barrierFree",
      goal: .flats(1))
    let quarter = try #require(cobbled.quarters.first)
    let step = try #require(quarter.steps.first)
    #expect(quarter.steps.count == 1)
    #expect(step.repair.path == "op-12")
    #expect(step.repair.failingRules == ["path.surface"])
    #expect(step.repair.flats.allSatisfy { $0.hasPrefix("b8/") })
    #expect(quarter.connected + step.repair.flats.count == before)
    #expect(step.repair.connectedAfter == before)
    // 55 m at 100–200 EUR per metre.
    #expect(step.measures == ["path.resurface"])
    #expect(step.cost == CostSpan(low: 5_500, high: 11_000))

    // Without a measure for the surface, the repair is named but not priced.
    let unpriced = try BarrierFree.plan(
      [path], profile: "din18040-2", measures: [], target: "barrierFree", goal: .flats(1))
    #expect(unpriced.quarters.first?.steps.first?.cost == nil)
    #expect(unpriced.quarters.first?.steps.first?.unpriced == ["no measure for path.surface"])
    let report = PlanReport.text(unpriced, profile: "din18040-2")
    #expect(
      report.contains(
        "  repair outdoor path op-12 (q-square to b8-way; fails path.surface): connects \(step.repair.flats.count) more flats, \(before) in all; not priced: no measure for path.surface"
      ))
  }

  /// The quarter sample with these outdoor paths' attributes changed.
  static func quarterSample(changing changes: [(String, String)]) throws -> String {
    let sample = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml")
    var text = try String(contentsOf: sample, encoding: .utf8)
    for (old, new) in changes {
      #expect(text.contains(old), "the sample has no \(old)")
      text = text.replacing(old, with: new)
    }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "bf-quarter-\(ProcessInfo.processInfo.processIdentifier)-\(changes.count).xml"
      )
      .path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("Two paths that connect flats only together are one step; the cheaper measure here wins")
  func quarterPairsAndPricing() throws {
    // b8 and b5 reach the square only over op-03 or op-04; both are narrowed,
    // as are op-12 (to b8) and op-09 (to b5): no single repair connects a flat.
    let path = try Self.quarterSample(changing: [
      (
        "<outdoorPath id=\"op-03\" from=\"q-street\" to=\"q-square\" width=\"3000\"",
        "<outdoorPath id=\"op-03\" from=\"q-street\" to=\"q-square\" width=\"1400\""
      ),
      (
        "<outdoorPath id=\"op-04\" from=\"q-square\" to=\"b1-cafe-entrance\" toBuilding=\"b1\" width=\"3000\"",
        "<outdoorPath id=\"op-04\" from=\"q-square\" to=\"b1-cafe-entrance\" toBuilding=\"b1\" width=\"1400\""
      ),
      (
        "to=\"b5-way\" toBuilding=\"b5\" width=\"2000\"",
        "to=\"b5-way\" toBuilding=\"b5\" width=\"1400\""
      ),
      (
        "length=\"55000\" slope=\"2.5\" crossSlope=\"1.5\" surface=\"asphalt\"",
        "length=\"55000\" slope=\"2.5\" crossSlope=\"1.5\" surface=\"cobblestones\""
      ),
    ])
    defer { try? FileManager.default.removeItem(atPath: path) }
    // Widening per metre (100–200 EUR/m) or a lump sum (3000–4000 EUR):
    // test figures.
    func measure(_ id: String, _ rule: String, _ unit: QuantityUnit, _ low: Double) -> Measure {
      Measure(
        id: id, title: id, clears: [ClearedRule(rule: rule)], changes: [], unit: unit,
        cost: CostRange(
          low: low, high: low * (unit == .metre ? 2 : 4.0 / 3), priceYear: 2026, source: "test",
          certainty: .inferred))
    }
    let plan = try BarrierFree.plan(
      [path], profile: "din18040-2",
      measures: [
        measure("path.widen", "path.width", .metre, 100),
        measure("path.widen-lump", "path.width", .lumpSum, 3000),
        measure("path.resurface", "path.surface", .metre, 100),
      ], target: "barrierFree", goal: .flats(1))
    let steps = try #require(plan.quarters.first?.steps)
    #expect(steps.map(\.repair.path) == ["op-03", "op-12", "op-09"])
    #expect(steps.map(\.repair.together) == [["op-12"], ["op-03"], []])
    #expect(steps.map(\.repair.flats.count) == [11, 0, 1])
    // op-03 is 25 m: per metre 2500–5000 (middle 3750) against the lump
    // sum's 3000–4000 (3500); op-09 is 6 m: 600–1200 per metre; op-12 is
    // 55 m of resurfacing.
    #expect(steps.map(\.measures) == [["path.widen-lump"], ["path.resurface"], ["path.widen"]])
    #expect(
      steps.map(\.cost) == [
        CostSpan(low: 3_000, high: 4_000), CostSpan(low: 5_500, high: 11_000),
        CostSpan(low: 600, high: 1_200),
      ])
  }
}
