import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Foundation
import Testing

/// Rule ids say what is checked, not which standard: the UK, KfW and ICC
/// profiles bind the same rules. The ids of the first release, which all began
/// with `din18040-2.`, stay accepted wherever an id is read.
@Suite("Rule ids and their former ids")
struct RuleIDAliasTests {
  @Test("No rule id names a standard; each keeps its former id as an alias")
  func neutralIDs() {
    #expect(allRules.count == 55)
    for rule in allRules {
      let description = rule.description
      #expect(!description.id.hasPrefix("din18040-2."), "\(description.id)")
      #expect(description.aliases == ["din18040-2.\(description.id)"], "\(description.id)")
      #expect(renamedRuleIDs["din18040-2.\(description.id)"] == description.id)
    }
    #expect(renamedRuleIDs.count == 55)
  }

  @Test("The library's look-ups take former ids")
  func lookUps() throws {
    let former = try #require(rule(withID: "din18040-2.door.clear-width"))
    #expect(former.description.id == "door.clear-width")
    #expect(currentRuleID("din18040-2.door.clear-width") == "door.clear-width")
    #expect(currentRuleID("door.clear-width") == "door.clear-width")
    #expect(currentRuleID("no.such-rule") == "no.such-rule")
    // A binding made in code with a former id carries the current one.
    let binding = RuleBinding(
      rule: "din18040-2.door.clear-width", citation: Citation(standard: "S", clause: "1"),
      thresholds: Thresholds(["minimum": 900]))
    #expect(binding.rule == "door.clear-width")
    let profile = Profile(
      id: "p", title: "P", standard: "S", edition: "1", class: "p", bindings: [binding])
    #expect(profile.bindings(of: "din18040-2.door.clear-width").count == 1)
    #expect(profile.bindings(of: "door.clear-width").count == 1)
    #expect(profile.problems().isEmpty)
  }

  @Test("A profile file in former ids reads as the same profile in current ids")
  func formerIDsInAProfileFile() throws {
    let url = repositoryRoot.appendingPathComponent("Samples/profiles/house-rules.xml")
    let written = try String(contentsOf: url, encoding: .utf8)
    #expect(written.contains("<rule id=\"din18040-2.door.clear-width\""))
    var renamed = written
    for (former, current) in renamedRuleIDs {
      renamed = renamed.replacing("<rule id=\"\(former)\"", with: "<rule id=\"\(current)\"")
    }
    #expect(renamed != written)
    let fromFormer = try readProfile(written).get()
    let fromCurrent = try readProfile(renamed).get()
    #expect(fromFormer == fromCurrent)
    #expect(fromFormer.bindings.map(\.rule) == ["door.clear-width", "shower.size"])
  }

  @Test("A typo in a former id suggests the current id")
  func typoInFormerID() {
    let problem = firstProblem(profile("<rule id=\"din18040-2.door.clear-widht\"/>"))
    #expect(problem.contains("did you mean 'door.clear-width'?"), "\(problem)")
  }

  @Test("The DocC article lists every renamed id")
  func article() throws {
    let article = try String(
      contentsOf: repositoryRoot.appendingPathComponent(
        "Sources/BarrierFree/BarrierFree.docc/RenamedRuleIDs.md"),
      encoding: .utf8)
    for (former, current) in renamedRuleIDs {
      #expect(article.contains("| `\(current)` | `\(former)` |"), "\(former)")
    }
  }
}
