import Foundation
import Testing

@Suite("JSON Lines report")
struct JSONLinesTests {
  let sample = "Samples/quarter-bielefeld.xml"

  /// The lines of `text`, each parsed.
  static func lines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  @Test("Every line validates on its own; a header, a line per building and flat, a summary last")
  func lines() throws {
    let path = JSONReportTests.scratch("quarter.jsonl")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Tool.run(["check", sample, "--format", "jsonl", "-o", path])
    #expect(result.status == 1)
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      validator = jsonschema.Draft202012Validator(schema)
      bad = []
      for number, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
          errors = list(validator.iter_errors(json.loads(line)))
          if errors: bad.append(f"line {number}: {errors[0].message[:200]}")
      print("\\n".join(bad[:5]))
      sys.exit(1 if bad else 0)
      """
    let (valid, complaints) = try Tool.python(
      script, ["Schemas/report-lines.schema.json", path])
    #expect(valid, "\(complaints)")
    let lines = try Self.lines(try String(contentsOfFile: path, encoding: .utf8))
    let types = lines.map { $0["type"] as? String ?? "" }
    #expect(types.first == "header")
    #expect(types.last == "summary")
    #expect(types.filter { $0 == "flat" }.count == 44)
    #expect(types.filter { $0 == "building" }.count == 8)
    #expect(types.filter { $0 == "quarter" }.count == 1)
    // The quarter comes after its buildings; every flat names both.
    #expect(types.firstIndex(of: "quarter") == types.count - 2)
    let flats = lines.filter { $0["type"] as? String == "flat" }
    #expect(flats.allSatisfy { $0["quarter"] as? String == "q-sieker" && $0["building"] is String })
  }

  @Test("A flat's line is the JSON report's flat with its type, building and quarter")
  func sameAsJSON() throws {
    let lines = try Self.lines(try Tool.run(["check", sample, "--format", "jsonl"]).standardOutput)
    let json = try ReportJSON(try Tool.run(["check", sample, "--format", "json"]).standardOutput)
    let flats = lines.filter { $0["type"] as? String == "flat" }.map { line in
      line.filter { !["type", "building", "quarter"].contains($0.key) } as NSDictionary
    }
    #expect(flats == json.flats.map { $0 as NSDictionary })
    let header = try #require(lines.first)
    #expect(header["rules"] as? NSDictionary == json.report["rules"] as? NSDictionary)
    let summary = try #require(lines.last).filter { $0.key != "type" } as NSDictionary
    #expect(summary == json.report["summary"] as? NSDictionary)
  }

  @Test(
    "The README's jq line lists the flats",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/jq"), "jq is not installed")
  )
  func readmeJQ() throws {
    let block = try #require(try ReadmeExampleTests.blocks().first { $0.contains("jq -r") })
    let command = try #require(block.split(separator: "\n").first { $0.hasPrefix("jq ") })
    let path = JSONReportTests.scratch("readme.jsonl")
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = try Tool.run(["check", sample, "--format", "jsonl", "-o", path])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command.replacingOccurrences(of: "quarter.jsonl", with: path)]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let rows = text.split(separator: "\n")
    #expect(rows.count == 44)
    #expect(rows.first == "b1\tb1-f01\twheelchair\t0")
  }

  @Test("The lines' schema is generated from the report's and is current")
  func schemaCurrent() throws {
    let (current, message) = try Tool.python(
      """
      import runpy, sys
      sys.argv = ["lines-schema.py", "--check"]
      runpy.run_path("Scripts/lines-schema.py")
      """, [])
    #expect(current, "\(message)")
  }

  @Test("A run that fails part way ends with an incomplete line, not a summary")
  func incomplete() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("bf-jsonl-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.xml")
    try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8).write(to: bad)
    let result = try Tool.run(["check", sample, bad.path, "--format", "jsonl"])
    #expect(result.status == 2)
    let lines = try Self.lines(result.standardOutput)
    #expect(lines.filter { $0["type"] as? String == "flat" }.count == 44)
    #expect(lines.last?["type"] as? String == "incomplete")
    #expect(!lines.contains { $0["type"] as? String == "summary" })
  }
}
