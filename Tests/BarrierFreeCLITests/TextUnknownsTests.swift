import Foundation
import Testing

@Suite("Text report: every unknown a flat counts is listed")
struct TextUnknownsTests {
  /// Per flat of a text report: the unknowns its counts line counts, the
  /// `unknown:` lines under it, and the unknowns its `… N more` lines hold.
  struct Flat {
    var id: String
    var counted: Int
    var listed = 0
    var more = 0
  }

  static func flats(_ report: String) -> [Flat] {
    var flats: [Flat] = []
    var inFlat = false
    for line in report.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("  flat "), let counts = line.firstRange(of: "pass, ") {
        // `… [106 pass, 1 fail, 2 unknown, 0 not applicable]`
        let parts = line[counts.upperBound...].split(separator: " ")
        let id = String(line.dropFirst(7).prefix { $0 != " " })
        flats.append(Flat(id: id, counted: parts.count > 2 ? Int(parts[2]) ?? -1 : -1))
        inFlat = true
      } else if !line.hasPrefix("    ") {
        inFlat = false
      } else if inFlat, !flats.isEmpty {
        if line.hasPrefix("      unknown: ") { flats[flats.count - 1].listed += 1 }
        if line.hasPrefix("      … "), line.contains(" more, not listed (--max-unknowns ") {
          flats[flats.count - 1].more += Int(line.dropFirst(8).prefix { $0 != " " }) ?? 0
        }
      }
    }
    return flats
  }

  @Test(
    "The unknowns listed and those said to be left out add up to the count",
    arguments: ["Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml"],
    ["1000", "1", "0"])
  func everyUnknownListed(sample: String, limit: String) throws {
    let result = try Tool.run(["check", sample, "--max-unknowns", limit])
    let flats = Self.flats(result.standardOutput)
    #expect(flats.count > 5)
    // Before, a flat verified at its class (b1-f21, barrierFree) counted
    // "2 unknown" and listed none of them.
    #expect(flats.contains { $0.counted > 0 })
    for flat in flats {
      #expect(flat.counted == flat.listed + flat.more, "\(flat)")
      #expect(flat.listed <= Int(limit) ?? 0, "\(flat)")
    }
  }

  @Test("A verified flat lists the unknowns that only a higher class asks")
  func higherClass() throws {
    let result = try Tool.run(["check", "Samples/quarter-bielefeld.xml"])
    let text = result.standardOutput
    let start = try #require(text.firstRange(of: "  flat b1-f21 (no. 2.01, storey 2): barrierFree"))
    let block = text[start.upperBound...].prefix { _ in true }
    let end = block.firstRange(of: "\n  flat ")?.lowerBound ?? block.endIndex
    let flat = block[..<end]
    #expect(flat.contains("[106 pass, 1 fail, 2 unknown, 0 not applicable]"))
    #expect(
      flat.contains(
        "\n    unknown for a higher class, 2:\n      unknown: flat: no wheelchair space recorded"))
  }
}
