import Foundation
import Testing

@Suite("barrierfree plan")
struct PlanCommandTests {
  @Test("40 % of the sample barrier-free: a plan with its total range and the cost curve, exit 0")
  func sample() throws {
    let result = try Tool.run([
      "plan", "Samples/quarter-bielefeld.xml", "--target", "barrierFree", "--share", "0.4",
      "--profile", "din18040-2",
    ])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    #expect(
      Array(lines.prefix(5)) == [
        "Plan: barrierFree under din18040-2, goal 40 % of the flats",
        "Flats in scope: 44; at barrierFree already, verified: 16",
        "Chosen: 2 flats, 4000–10500 EUR (shared measures counted once)",
        "Some prices are lower bounds only (\"from\"): the upper end is higher.",
        "Goal met: yes",
      ])
    #expect(lines.contains("  18 flats: 4000–10500 EUR"))
  }

  @Test("A goal the catalogue cannot reach: the plan says so, exit 1")
  func goalNotMet() throws {
    let result = try Tool.run([
      "plan", "Samples/quarter-bielefeld.xml", "--target", "barrierFree", "--flats", "44",
      "--profile", "din18040-2",
    ])
    #expect(result.status == 1)
    #expect(result.standardOutput.contains("Goal met: no"))
  }

  @Test(
    "Bad requests: exit 2 and a message",
    arguments: [
      (
        ["--target", "wheelchair", "--share", "0.5", "--profile", "din18040-2"],
        "error: 'wheelchair' is not a class of din18040-2's ladder: barrierReduced, barrierFree"
      ),
      (
        ["--target", "barrierFree", "--share", "0.5", "--quarter", "nope"],
        "error: no quarter 'nope' in the portfolio (quarters: q-sieker)"
      ),
      (["--target", "barrierFree"], "Error: give one goal: --share, --flats or --budget"),
      (
        ["--target", "barrierFree", "--share", "1.5"],
        "Error: --share must be more than 0 and at most 1"
      ),
    ])
  func badRequests(arguments: [String], message: String) throws {
    let result = try Tool.run(["plan", "Samples/quarter-bielefeld.xml"] + arguments)
    #expect(result.status == 2)
    #expect(result.standardError.split(separator: "\n").first.map(String.init) == message)
  }
}
