import BarrierFree
import Foundation
import Testing

/// The fix-first view against a count made here, flat by flat.
@Suite("Fix first")
struct FixFirstTests {
  /// The quarter sample's buildings, assessed under `profile`.
  static func assessed(_ profile: String = "din18040-2-r") throws -> [BuildingAssessment] {
    let assessor = try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: profile))
    var buildings: [BuildingAssessment] = []
    try assessor.assessPortfolio(
      at: repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    ) { buildings.append($0) }
    return buildings
  }

  /// A flat's blocking rules, each once.
  static func rules(_ flat: FlatAssessment) -> [String] {
    var rules: [String] = []
    for blocker in flat.blockers where !rules.contains(blocker.rule) { rules.append(blocker.rule) }
    return rules
  }

  @Test(
    "One and two rules away: the flats counted here, rules counted once however many fail",
    arguments: ["din18040-2-r", "din18040-2", "uk-m4-3"])
  func groups(profile: String) throws {
    let buildings = try Self.assessed(profile)
    var summary = AssessmentSummary()
    for building in buildings { summary.add(building) }
    let view = summary.fixFirst
    let flats = buildings.flatMap { building in building.flats.map { (building.id, $0) } }
    let blocked = flats.filter { $0.1.classification.nextClass != nil }
    let one = blocked.filter { Self.rules($0.1).count == 1 }
    let two = blocked.filter { Self.rules($0.1).count == 2 }
    #expect(view.oneRuleAway.count == one.count)
    #expect(view.twoRulesAway.count == two.count)
    func sorted(_ list: [(String, FlatAssessment)]) -> [(String, FlatAssessment)] {
      list.sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }
    }
    #expect(
      view.oneRuleAway.flats.map(\.flat) == sorted(one).prefix(FixFirst.limit).map(\.1.id))
    #expect(
      view.twoRulesAway.flats.map(\.rules)
        == sorted(two).prefix(FixFirst.limit).map { Self.rules($0.1) })
    // Lifts: the one-rule flats per rule; blocks: every flat the rule blocks.
    for rank in view.ranked {
      #expect(rank.lifts == one.count { Self.rules($0.1) == [rank.rule] }, "\(rank.rule)")
      #expect(rank.blocks == blocked.count { Self.rules($0.1).contains(rank.rule) }, "\(rank.rule)")
    }
    let order = view.ranked.map { ($0.lifts, $0.blocks) }
    #expect(
      zip(order, order.dropFirst()).allSatisfy { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 >= $1.1) })
  }

  @Test("On the quarter sample: six flats one rule away, b1-f21 by its bathroom door")
  func sample() throws {
    var summary = AssessmentSummary()
    for building in try Self.assessed() { summary.add(building) }
    let view = summary.fixFirst
    #expect(view.oneRuleAway.count == 6)
    let flat = try #require(view.oneRuleAway.flats.first { $0.flat == "b1-f21" })
    #expect(flat.rules == ["door.clear-width"])
    #expect(flat.class == "barrierFree" && flat.nextClass == "wheelchair")
    #expect(view.twoRulesAway.flats.map(\.flat) == ["b3-f02"])
    #expect(view.ranked.first?.rule == "door.clear-width")
  }

  @Test("Counted apart and added, the view is the same; each list keeps its first 50")
  func merging() throws {
    let buildings = try Self.assessed()
    var whole = AssessmentSummary()
    for building in buildings { whole.add(building) }
    var first = AssessmentSummary()
    var second = AssessmentSummary()
    for (index, building) in buildings.enumerated() {
      if index < 3 { first.add(building) } else { second.add(building) }
    }
    first.add(second)
    #expect(first.fixFirst == whole.fixFirst)
    // A near miss in 60 buildings, added in reverse: 60 counted, the first
    // 50 by building listed.
    let near = try #require(buildings.flatMap(\.flats).first { $0.id == "b1-f21" })
    var view = FixFirst()
    let names = (100..<160).map { "b\($0)" }
    for name in names.reversed() { view.add(near, of: name) }
    #expect(view.oneRuleAway.count == 60)
    #expect(view.oneRuleAway.flats.map(\.building) == Array(names.prefix(FixFirst.limit)))
    #expect(view.ranked.map(\.lifts) == [60])
    // A flat at the top class has no next class: not counted.
    let top = try #require(buildings.flatMap(\.flats).first { $0.classification.nextClass == nil })
    var none = FixFirst()
    none.add(top, of: "b1")
    #expect(none.ranked.isEmpty && none.oneRuleAway.count == 0)
  }
}
