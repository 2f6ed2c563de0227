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
      (
        ["--target", "barrierFree", "--share", "0.5", "--as-of", "2026-13-01"],
        "Error: --as-of takes a day written 2026-12-06, not '2026-13-01'"
      ),
      (
        ["--target", "barrierFree", "--share", "0.5", "--applicant", "tennant"],
        "Error: --applicant 'tennant' is not known (did you mean 'tenant'?); one of: housingCompany, cooperative, privateOwner, tenant, ownersAssociation, developer, publicBody"
      ),
      (
        ["--target", "barrierFree", "--share", "0.5", "--funding", "Samples/no-such-funding.xml"],
        "Samples/no-such-funding.xml: error: cannot read the funding file"
      ),
    ])
  func badRequests(arguments: [String], message: String) throws {
    let result = try Tool.run(["plan", "Samples/quarter-bielefeld.xml"] + arguments)
    #expect(result.status == 2)
    #expect(result.standardError.split(separator: "\n").first.map(String.init) == message)
  }

  @Test(
    "Funding on a day: KfW 159 lends to a housing company, 455-B is closed; the JSON says so per flat"
  )
  func funding() throws {
    let result = try Tool.run([
      "plan", "Samples/quarter-bielefeld.xml", "--target", "barrierFree", "--share", "0.4",
      "--profile", "din18040-2", "--as-of", "2026-12-06", "--format", "json",
    ])
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let funding = try #require(object["funding"] as? [String: Any])
    #expect(funding["asOf"] as? String == "2026-12-06")
    #expect(funding["applicant"] as? String == "housingCompany")
    let totals = try #require(funding["totals"] as? [[String: Any]])
    let loan = try #require(totals.first { $0["programme"] as? String == "kfw-159" })
    #expect(loan["available"] as? [String: Int] == ["low": 4000, "high": 10500])
    #expect((loan["flats"] as? [String: Int])?["available"] == 2)
    let grants = totals.filter { $0["programme"] as? String == "kfw-455-b" }
    #expect(grants.count == 2)
    #expect(grants.allSatisfy { ($0["flats"] as? [String: Int])?["unavailable"] == 2 })
    let chosen = try #require(object["chosen"] as? [[String: Any]])
    let first = try #require(chosen.first)
    #expect(first["flat"] as? String == "b1-f13")
    #expect(first["share"] as? [String: Int] == ["low": 1500, "high": 4000])
    let meets = try #require(first["meets"] as? [[String: Any]])
    #expect(meets.first?["profile"] as? String == "kfw-barrier-reduced")
    #expect(meets.first?["verdict"] as? String == "meets")
  }

  @Test(
    "Every format to a file: written whole, and what opens it finds the plan",
    arguments: [
      ("csv", "\u{FEFF}building,quarter,flat,status"), ("md", "# Plan: barrierFree"),
      ("html", "<!DOCTYPE html>"),
    ])
  func formats(format: String, start: String) throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("bf-plan-\(ProcessInfo.processInfo.processIdentifier).\(format)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Tool.run([
      "plan", "Samples/quarter-bielefeld.xml", "--target", "barrierFree", "--share", "0.4",
      "--profile", "din18040-2", "--as-of", "2026-12-06", "--format", format, "-o", path,
    ])
    #expect(result.status == 0)
    // Decoded by hand: String(contentsOfFile:) drops the CSV's byte-order mark.
    let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    #expect(written.hasPrefix(start))
    #expect(written.contains("b3-f02"))
  }

  @Test("A funding file requiring an unknown profile: exit 2 at its place, nothing written")
  func unknownRequiredProfile() throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("bf-funding-\(ProcessInfo.processInfo.processIdentifier)").path
    let funding = base + ".xml"
    let output = base + ".json"
    defer {
      try? FileManager.default.removeItem(atPath: funding)
      try? FileManager.default.removeItem(atPath: output)
    }
    try """
    <?xml version="1.0" encoding="UTF-8"?>
    <funding xmlns="urn:barrierfree:measures:1" id="f" title="F">
      <programme id="p" title="P" form="grant" applicants="tenant" source="S" certainty="C1"
                 requiresProfile="kfw-barier-reduced">
        <amount fixed="100" per="flat"/>
      </programme>
    </funding>
    """.write(toFile: funding, atomically: true, encoding: .utf8)
    let result = try Tool.run([
      "plan", "Samples/quarter-bielefeld.xml", "--target", "barrierFree", "--share", "0.5",
      "--funding", funding, "--format", "json", "-o", output,
    ])
    #expect(result.status == 2)
    #expect(
      result.standardError.split(separator: "\n").first.map(String.init)
        == "\(funding):4:14: error: funding programme 'p' requires the profile "
        + "'kfw-barier-reduced', which is not known (did you mean 'kfw-barrier-reduced'?); "
        + "`barrierfree profiles` lists the profiles")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  /// A price index (test figures, not a real index) in a temporary file.
  static func priceIndex(_ years: [(Int, Int)]) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "bf-index-\(ProcessInfo.processInfo.processIdentifier)-\(years.count).xml"
      ).path
    let rows = years.map { "  <year value=\"\($0.0)\" index=\"\($0.1)\"/>" }.joined(separator: "\n")
    try """
    <?xml version="1.0" encoding="UTF-8"?>
    <priceIndex xmlns="urn:barrierfree:measures:1" source="Test index">
    \(rows)
    </priceIndex>
    """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("--price-index brings every cost to one year; a year the index lacks is an error, exit 2")
  func priceIndex() throws {
    let index = try Self.priceIndex([
      (2013, 80), (2016, 85), (2020, 100), (2021, 110), (2022, 115), (2024, 120), (2025, 125),
      (2026, 130),
    ])
    defer { try? FileManager.default.removeItem(atPath: index) }
    let arguments = [
      "plan", "Samples/quarter-bielefeld.xml", "--target", "barrierFree", "--share", "0.4",
      "--profile", "din18040-2", "--as-of", "2026-12-06", "--price-index", index,
    ]
    // The door widening's "from 500" of 2020 becomes 650 in 2026; the rest is of 2026.
    let latest = try Tool.run(arguments)
    #expect(latest.status == 0)
    #expect(latest.standardOutput.contains("Chosen: 2 flats, 4150–10650 EUR"))
    // To 2020: 1500–4000 and 2000–6000 of 2026 times 100/130, plus 500.
    let old = try Tool.run(arguments + ["--price-year", "2020"])
    #expect(old.standardOutput.contains("Chosen: 2 flats, 3192–8192 EUR"))
    let short = try Self.priceIndex([(2020, 100), (2026, 130)])
    defer { try? FileManager.default.removeItem(atPath: short) }
    var lacking = arguments
    lacking[lacking.count - 1] = short
    let refused = try Tool.run(lacking)
    #expect(refused.status == 2)
    #expect(
      refused.standardError.hasPrefix(
        "\(short): error: the price index has no figure for 2013, so the cost of measure "
          + "'stair-lift.curved' cannot be scaled (it covers 2020–2026; it lacks 2016, 2021, "
          + "2022, 2024, 2025 too); add the years to the index or choose another year"))
    // A year to bring prices to that the index lacks is named as such.
    let refusedYear = try Tool.run(arguments + ["--price-year", "2019"])
    #expect(
      refusedYear.standardError.hasPrefix(
        "\(index): error: the price index has no figure for 2019, the year to bring prices to "
          + "(it covers 2013–2026)"))
    // A scaled price says from which year and by which index.
    #expect(
      old.standardOutput.contains(
        "(its 2026 price, brought to 2020 by Test index), 2020, C1]"))
  }
}

@Suite("check --upgrades")
struct CheckUpgradesTests {
  @Test("JSON: each flat says what it takes to reach the class above its verified one; valid")
  func json() throws {
    let path = JSONReportTests.scratch("upgrades.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Tool.run([
      "check", "Samples/quarter-bielefeld.xml", "--profile", "din18040-2", "--upgrades",
      "--as-of", "2026-12-06", "--format", "json", "-o", path,
    ])
    #expect(result.status == 1)
    #expect(try JSONReportTests.schemaErrors(path) == "")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        as? [String: Any])
    let buildings = try #require(object["buildings"] as? [[String: Any]])
    let flats = buildings.flatMap { $0["flats"] as? [[String: Any]] ?? [] }
    let flat = try #require(flats.first { $0["id"] as? String == "b1-f13" })
    let upgrade = try #require(flat["upgrade"] as? [String: Any])
    #expect(upgrade["target"] as? String == "barrierFree")
    #expect(upgrade["reaches"] as? Bool == true)
    #expect(upgrade["measures"] as? [String] == ["shower.make-level"])
    #expect(upgrade["costLow"] as? Int == 1500)
    #expect(upgrade["costHigh"] as? Int == 4000)
    #expect(upgrade["surveyNeeded"] as? Bool == true)
    #expect(upgrade["funding"] as? [String] == ["kfw-159 lends 1500–4000 EUR"])
    // At the top class, verified: nothing to take.
    let top = try #require(flats.first { $0["id"] as? String == "b1-f01" })
    #expect(top["upgrade"] is NSNull)
    // Possibly barrierFree, verified none: what to measure first.
    let unverified = try #require(flats.first { $0["id"] as? String == "b1-f02" })
    let open = try #require(unverified["upgrade"] as? [String: Any])
    #expect(open["target"] as? String == "barrierReduced")
    #expect(open["reaches"] as? Bool == false)
    #expect(open["toMeasure"] as? [String] == ["door.clear-width"])
    // The fix-first view has the near misses' costs: the planner's path,
    // the same as the flat's.
    let summary = try #require(object["summary"] as? [String: Any])
    let fixFirst = try #require(summary["fixFirst"] as? [String: Any])
    let one = try #require(fixFirst["oneRuleAway"] as? [String: Any])
    let misses = try #require(one["flats"] as? [[String: Any]])
    let miss = try #require(misses.first { $0["flat"] as? String == "b1-f13" })
    let cost = try #require(miss["upgrade"] as? [String: Any])
    #expect(cost["target"] as? String == "barrierFree")
    #expect(cost["costLow"] as? Int == 1500)
    #expect(cost["costHigh"] as? Int == 4000)
    #expect(cost["measures"] as? [String] == ["shower.make-level"])
    #expect(cost["reaches"] as? Bool == true)
    #expect(misses.allSatisfy { $0["upgrade"] is [String: Any] })
  }

  @Test(
    "Fix first with --upgrades: each near miss with its cost in text, Markdown and HTML; none without"
  )
  func fixFirstCosts() throws {
    let arguments = [
      "check", "Samples/quarter-bielefeld.xml", "--profile", "din18040-2", "--upgrades",
      "--as-of", "2026-12-06",
    ]
    let text = try Tool.run(arguments).standardOutput
    #expect(
      text.contains(
        "    b1 b1-f13 barrierReduced → barrierFree: shower.size (Shower area size); "
          + "1500–4000 EUR to barrierFree (shower.make-level)\n"))
    let markdown = try Tool.run(arguments + ["--format", "md"]).standardOutput
    #expect(markdown.contains("| Building | Flat | Class | Next class | Rules | What it takes |"))
    #expect(markdown.contains(" 1500–4000 EUR to barrierFree (shower.make-level) |"))
    let html = try Tool.run(arguments + ["--format", "html"]).standardOutput
    #expect(html.contains("<th scope=\"col\">What it takes</th>"))
    #expect(html.contains("<td>1500–4000 EUR to barrierFree (shower.make-level)</td>"))
    let plain = try Tool.run(Array(arguments.prefix(4))).standardOutput
    #expect(
      plain.contains("    b1 b1-f13 barrierReduced → barrierFree: shower.size (Shower area size)\n")
    )
    #expect(!plain.contains("EUR to barrierFree"))
  }

  @Test("CSV: nine upgrade columns after the usual ones; text: a line per flat")
  func csvAndText() throws {
    let csv = try Tool.run([
      "check", "Samples/quarter-bielefeld.xml", "--profile", "din18040-2", "--upgrades",
      "--as-of", "2026-12-06", "--format", "csv",
    ])
    let lines = csv.standardOutput.split(separator: "\r\n").map(String.init)
    #expect(
      lines.first?.hasSuffix(
        ",route,upgrade to,upgrade reaches,upgrade cost low,upgrade cost high,from prices,survey needed,measures,funding,upgrade blocked by"
      ) == true)
    let row = try #require(lines.first { $0.contains(",b1-f13,") })
    #expect(
      row.hasSuffix(
        ",barrierFree,yes,1500,4000,no,yes,shower.make-level,kfw-159 lends 1500–4000 EUR,"))
    let text = try Tool.run([
      "check", "Samples/quarter-bielefeld.xml", "--profile", "din18040-2", "--upgrades",
      "--as-of", "2026-12-06",
    ])
    #expect(
      text.standardOutput.contains(
        "    what it takes to barrierFree: 1500–4000 EUR (shower.make-level); survey needed; reaches it; funding: kfw-159 lends 1500–4000 EUR"
      ))
    // Without --upgrades the options that belong to it are refused.
    let refused = try Tool.run(["check", "Samples/quarter-bielefeld.xml", "--as-of", "2026-12-06"])
    #expect(refused.status == 2)
  }
}

@Suite("Plan JSON schema")
struct PlanSchemaTests {
  @Test(
    "Every plan JSON validates against Schemas/plan.schema.json",
    arguments: [
      ["--share", "0.4", "--as-of", "2026-12-06"],
      ["--budget", "100", "--applicant", "privateOwner", "--as-of", "2024-06-01"],
    ])
  func validates(arguments: [String]) throws {
    let path = JSONReportTests.scratch("plan-\(arguments[0].dropFirst(2)).json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Tool.run(
      [
        "plan", "Samples/quarter-bielefeld.xml", "--target", "barrierFree", "--profile",
        "din18040-2", "--format", "json", "-o", path,
      ] + arguments)
    #expect(result.status == 0 || result.status == 1)
    #expect(try JSONReportTests.schemaErrors(path, schema: "Schemas/plan.schema.json") == "")
  }
}
