import Foundation
import Testing

/// Every finding's citation says how sure it is (the reference tables'
/// VV / V / K / ?) and whether its clause is a reconstruction; the text and
/// HTML reports mark the unsure ones.
@Suite("Citations carry their confidence")
struct CitationConfidenceTests {
  let sample = "Samples/quarter-bielefeld.xml"

  @Test("JSON: every finding's citation has confidence and clauseUnsure, as the profile binds them")
  func json() throws {
    let result = try Tool.run(["check", sample, "--format", "json"])
    let findings = try ReportJSON(result.standardOutput).allFindings
    #expect(!findings.isEmpty)
    #expect(findings.allSatisfy { $0["confidence"] is String && $0["clauseUnsure"] is Bool })
    let door = try #require(
      findings.first { $0["rule"] as? String == "door.clear-width" })
    #expect(door["confidence"] as? String == "VV")
    #expect(door["clauseUnsure"] as? Bool == true)
    let control = try #require(
      findings.first { $0["rule"] as? String == "control.height" })
    #expect(control["confidence"] as? String == "VV")
    #expect(control["clauseUnsure"] as? Bool == false)
    let completeness = try #require(
      findings.first { $0["rule"] as? String == "room.fixtures-recorded" })
    #expect(completeness["confidence"] as? String == "?")
  }

  @Test("CSV findings end with a confidence column; text and HTML mark the unsure")
  func csvTextAndHTML() throws {
    let csv = try Tool.run(["check", sample, "--format", "csv", "--csv", "findings"])
      .standardOutput
    let lines = csv.split(separator: "\r\n")
    #expect(lines.first?.hasSuffix(",remedy,confidence") == true)
    #expect(
      lines.contains {
        $0.contains(",path.surface,pass,") && $0.hasSuffix(",?; clause ?")
      })
    #expect(
      lines.contains { $0.contains(",control.height,") && $0.hasSuffix(",VV") })
    let text = try Tool.run(["check", sample]).standardOutput
    #expect(
      text.contains(
        "[path.surface; DIN 18040-2:2011-09, 4.2.1 (threshold ?; clause ?)]"))
    let html = try Tool.run(["check", sample, "--format", "html"]).standardOutput
    #expect(html.contains("DIN 18040-2:2011-09, 4.2.1 (threshold ?; clause ?)"))
    #expect(html.contains(" · confidence VV"))
  }

  @Test("A user's profile that gives no confidence reports null and marks nothing")
  func unstated() throws {
    let result = try Tool.run([
      "check", sample, "--profile", "Samples/profiles/house-rules.xml", "--format", "json",
    ])
    let report = try ReportJSON(result.standardOutput)
    let findings = report.flats.flatMap { report.findings(of: $0) }
    let house = try #require(
      findings.first {
        $0["rule"] as? String == "door.clear-width"
          && $0["clause"] as? String == "house rule 1"
      })
    #expect(house["confidence"] is NSNull)
    #expect(house["clauseUnsure"] as? Bool == false)
  }
}
