import CSV
import Foundation
import Testing

/// Runs the built `barrierfree` executable, which sits next to the test
/// bundle in the build folder.
struct Tool {
  /// Runs a Python `script` with `arguments` in the repository root: whether
  /// it exited with 0, and what it printed.
  static func python(_ script: String, _ arguments: [String]) throws -> (Bool, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    process.currentDirectoryURL = root
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus == 0, text)
  }

  static let executable: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // Linux runs `.build/debug/XPackageTests.xctest`; macOS runs a binary
    // inside `…/XPackageTests.xctest/Contents/MacOS/`.
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("barrierfree")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: "barrierfree")
  }()

  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  struct Result {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  /// Runs the tool with `arguments`; with `direct`, runs the program the
  /// first argument names instead (for wrapping the tool in another).
  static func run(_ arguments: [String], input: Data? = nil, direct: Bool = false) throws
    -> Result
  {
    let process = Process()
    process.executableURL = direct ? URL(fileURLWithPath: arguments[0]) : executable
    process.arguments = direct ? Array(arguments.dropFirst()) : arguments
    process.currentDirectoryURL = root
    let output = Pipe()
    let error = Pipe()
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = standardInput
    try process.run()
    if let input { standardInput.fileHandleForWriting.write(input) }
    try standardInput.fileHandleForWriting.close()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData, as: UTF8.self))
  }
}

@Suite("barrierfree validate")
struct ValidateCommandTests {
  @Test("Both samples are valid: exit 0 and the counts per file and in total")
  func validSamples() throws {
    let result = try Tool.run([
      "validate", "Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml",
    ])
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(
      result.standardOutput == """
        Samples/quarter-bielefeld.xml: 8 buildings, 44 flats, 0 errors
        Samples/design-new-build.xml: 1 building, 9 flats, 0 errors
        2 files: 9 buildings, 53 flats, 0 errors

        """)
  }

  @Test(
    "A report or summary that cannot be written is an error (2), not a failed requirement (1)",
    arguments: [
      ("check Samples/design-new-build.xml -o /dev/full", "/dev/full"),
      ("check Samples/design-new-build.xml --format json > /dev/full", "standard output"),
      ("validate Samples/design-new-build.xml > /dev/full", "standard output"),
      ("validate Samples/design-new-build.xml --jobs 2 > /dev/full", "standard output"),
    ])
  func unwritable(command: String, target: String) throws {
    // /dev/full takes nothing: every write fails with ENOSPC. Before,
    // check exited with 1 and validate lost its summary and exited with 0.
    let result = try Tool.run(
      ["/bin/sh", "-c", "\(Tool.executable.path) \(command)"], direct: true)
    #expect(result.status == 2)
    #expect(result.standardError == "error: cannot write \(target): No space left on device\n")
  }

  @Test(
    "Bytes the declared encoding lacks: one error at their place, and libxml2 prints nothing",
    arguments: [
      // Shift_JIS has two-byte characters: the column counts bytes.
      ("Shift_JIS", "\n", [0x81, 0x00, 0x00, 0x00], "2:63", " (the column counts bytes)"),
      // 0x81 is no character of windows-1252; after Windows line ends.
      ("windows-1252", "\r\n", [0x81, 0x22, 0x2F, 0x3E], "3:16", ""),
    ])
  func undecodableBytes(
    encoding: String, lineEnd: String, bad: [UInt8], place: String, note: String
  ) throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("barrierfree-\(encoding)-\(getpid()).xml").path
    let firstLines =
      "<?xml version=\"1.0\" encoding=\"\(encoding)\"?>\(lineEnd)"
      + "<portfolio xmlns=\"urn:barrierfree:portfolio:1\">"
    var bytes = Array(firstLines.utf8)
    if lineEnd == "\n" {
      bytes += Array("<building id=\"b".utf8)
    } else {
      bytes += Array("\(lineEnd)<building id=\"b".utf8)
    }
    bytes += bad + Array("\"/>\(lineEnd)</portfolio>\(lineEnd)".utf8)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let hex = bad.map { byte in
      "0x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }.joined(separator: " ")
    for jobs in ["1", "2"] {
      let result = try Tool.run(["validate", path, "--jobs", jobs])
      #expect(result.status == 2)
      // Before, libxml2's generic error function printed
      // "xmlParseChunk: encoder error" to stderr beside the diagnostic, and
      // the diagnostic had no place.
      #expect(
        result.standardError == """
          \(path):\(place): error: the file holds bytes that its declared encoding does not have \
          (input conversion failed due to input error, bytes \(hex)); correct the encoding in the \
          XML declaration or save the file as UTF-8\(note)

          """)
    }
  }

  @Test(
    "Every invalid sample exits 2 with file:line:column in its messages",
    arguments: [
      "billion-laughs.xml", "dangling-reference.xml", "decimal-comma.xml", "duplicate-ids.xml",
      "entities.xml", "implausible-values.xml", "malformed.xml", "schema-violation.xml",
      "wrong-namespace.xml",
    ])
  func invalidSample(name: String) throws {
    let path = "Samples/invalid/\(name)"
    let result = try Tool.run(["validate", path])
    #expect(result.status == 2)
    let lines = result.standardError.split(separator: "\n")
    #expect(!lines.isEmpty)
    for line in lines {
      // file:line:column: error: message, with line and column from 1.
      let parts = line.split(separator: ":", maxSplits: 4)
      #expect(parts.count == 5, "\(line)")
      guard parts.count == 5 else { continue }
      #expect(parts[0] == path[...])
      #expect((Int(parts[1]) ?? 0) >= 1, "line in \(line)")
      #expect((Int(parts[2]) ?? 0) >= 1, "column in \(line)")
      #expect(parts[3] == " error")
    }
  }

  @Test("An external entity never shows the file it names")
  func externalEntityIsNotRead() throws {
    let result = try Tool.run(["validate", "Samples/invalid/entities.xml"])
    #expect(result.status == 2)
    let everything = result.standardOutput + result.standardError
    #expect(!everything.contains("root:"))
    #expect(everything.contains("declares the external entity 'e'"))
  }

  @Test("Standard input is read with '-'")
  func standardInput() throws {
    let sample = try Data(
      contentsOf: Tool.root.appendingPathComponent("Samples/design-new-build.xml"))
    let result = try Tool.run(["validate", "-"], input: sample)
    #expect(result.status == 0)
    #expect(result.standardOutput == "-: 1 building, 9 flats, 0 errors\n")
  }

  @Test("A missing file exits 2 and says so")
  func missingFile() throws {
    let result = try Tool.run(["validate", "no-such-file.xml"])
    #expect(result.status == 2)
    #expect(
      result.standardError
        == "no-such-file.xml: error: cannot open 'no-such-file.xml': No such file or directory\n"
    )
    #expect(result.standardOutput == "no-such-file.xml: 0 buildings, 0 flats, 1 error\n")
  }

  @Test("--quiet prints only the problems")
  func quiet() throws {
    let result = try Tool.run(["validate", "--quiet", "Samples/design-new-build.xml"])
    #expect(result.status == 0)
    #expect(result.standardOutput == "")
  }

  @Test("A wrong command line exits 2 and says what is wrong")
  func usageError() throws {
    let result = try Tool.run(["validate"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("Missing expected argument '<files> ...'"))
    let badOption = try Tool.run(["validate", "--max-errors", "0", "Samples/design-new-build.xml"])
    #expect(badOption.status == 2)
    #expect(badOption.standardError.contains("--max-errors must be at least 1"))
  }

  @Test("--help and --version exit 0")
  func helpAndVersion() throws {
    let help = try Tool.run(["--help"])
    #expect(help.status == 0)
    #expect(help.standardOutput.contains("USAGE: barrierfree <subcommand>"))
    let version = try Tool.run(["--version"])
    #expect(version.status == 0)
    #expect(version.standardOutput == "0.2.0\n")
  }
}

@Suite("barrierfree generate")
struct GenerateCommandTests {
  @Test("The same seed gives the same bytes; the result is valid")
  func deterministic() throws {
    let first = try Tool.run(["generate", "--buildings", "3", "--seed", "7"])
    let second = try Tool.run(["generate", "--buildings", "3", "--seed", "7"])
    let other = try Tool.run(["generate", "--buildings", "3", "--seed", "8"])
    #expect(first.status == 0)
    #expect(first.standardOutput == second.standardOutput)
    #expect(first.standardOutput != other.standardOutput)
    let check = try Tool.run(["validate", "-"], input: Data(first.standardOutput.utf8))
    #expect(check.status == 0, "\(check.standardError)")
    #expect(check.standardOutput.hasPrefix("-: 3 buildings, "))
  }

  @Test(
    "A negative or too large number is out of range, not a missing value",
    arguments: [
      (["--buildings", "-3"], "--buildings must not be negative"),
      (["--buildings", "2", "--incomplete", "-1"], "--incomplete must be between 0 and 1"),
      (["--buildings", "2", "--incomplete", "2"], "--incomplete must be between 0 and 1"),
      (["--buildings", "2", "--quarters", "-0.5"], "--quarters must be between 0 and 1"),
    ])
  func outOfRange(arguments: [String], message: String) throws {
    let result = try Tool.run(["generate"] + arguments)
    #expect(result.status == 2)
    #expect(result.standardOutput == "")
    #expect(result.standardError.hasPrefix("Error: \(message)\n"), "\(result.standardError)")
  }
}

@Suite("barrierfree check, rules, explain, profiles")
struct CheckCommandTests {
  @Test("check on the quarter sample: classes per flat, near misses with remedies, exit 1")
  func quarter() throws {
    let result = try Tool.run(["check", "Samples/quarter-bielefeld.xml"])
    #expect(result.status == 1)
    #expect(result.standardError == "")
    #expect(result.standardOutput.contains("  flat b1-f01 (no. 0.01, storey 0): wheelchair   ["))
    let out = withoutCounts(result.standardOutput)
    #expect(out.contains("  flat b1-f01 (no. 0.01, storey 0): wheelchair\n"))
    #expect(out.contains("  flat b1-f02 (no. 0.02, storey 0): possibly wheelchair, unverified"))
    #expect(
      out.contains(
        """
          flat b1-f13 (no. 1.03, storey 1): barrierReduced
            route: b1-way → path b1-p-way → b1-entrance → door b1-d-main → b1-lobby → lift b1-lift → b1-l1
            to reach barrierFree, fix 1:
              fail: room b1-f13-bath › shower b1-f13-bath-shower: shower area 1150 × 1200 mm; 1200 × 1200 mm required  [shower.size; DIN 18040-2:2011-09, 5.5.5 (clause ?)]
                → enlarge the shower area to 1200 × 1200 mm
        """))
    #expect(out.contains("ladder: none < barrierReduced < barrierFree < wheelchair\n"))
    #expect(out.contains("  wheelchair: 4 (3 verified, 1 possibly, unverified)\n"))
    #expect(out.contains("  barrierFree: 16 (13 verified, 3 possibly, unverified)\n"))
    // b1-f13's shower is too small for DIN 18040-2, not for KfW.
    #expect(out.contains("  barrierReduced: 1\n"))
    #expect(out.contains("  none: 23\n"))
  }

  @Test("check against the base level: the design sample passes (exit 0); -q prints the summary")
  func passingDesign() throws {
    let result = try Tool.run([
      "check", "Samples/design-new-build.xml", "--profile", "din18040-2", "-q",
    ])
    #expect(result.status == 0)
    #expect(
      result.standardOutput.hasPrefix(
        "profile din18040-2: DIN 18040-2 barrierefrei nutzbar (barrier-free) (DIN 18040-2:2011-09)\n"
          + "ladder: none < barrierReduced < barrierFree\n1 building, 9 flats\n  barrierFree: 9\n"
          + "  barrierReduced: 0\n  none: 0\n"))
  }

  @Test("A house-rule profile file extends DIN 18040-2 and adds its own level on top")
  func houseRules() throws {
    let result = try Tool.run([
      "check", "Samples/quarter-bielefeld.xml", "--profile", "Samples/profiles/house-rules.xml",
    ])
    #expect(result.status == 1)
    let out = withoutCounts(result.standardOutput)
    #expect(out.contains("ladder: none < barrierReduced < barrierFree < acmeComfort\n"))
    #expect(out.contains("  acmeComfort: 5 (4 verified, 1 possibly, unverified)\n"))
    // Flat 1.02 passes DIN 18040-2 but not the house rule's 900 mm doors.
    #expect(
      out.contains(
        """
          flat b1-f12 (no. 1.02, storey 1): barrierFree
            route: b1-way → path b1-p-way → b1-entrance → door b1-d-main → b1-lobby → lift b1-lift → b1-l1
            to reach acmeComfort, fix 6:
              fail ×5: Door clear width  [door.clear-width; Acme Wohnen house rules:2026-01, house rule 1]
        """))
  }

  @Test("Two runs in separate processes print the same bytes")
  func deterministic() throws {
    let arguments = [
      "check", "Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml",
    ]
    let first = try Tool.run(arguments)
    let second = try Tool.run(arguments)
    #expect(first.standardOutput.count > 10_000)
    #expect(first.standardOutput == second.standardOutput)
    let rules = try Tool.run(["rules", "--profile", "din18040-2-r"])
    #expect(
      rules.standardOutput == (try Tool.run(["rules", "--profile", "din18040-2-r"])).standardOutput)
  }

  @Test("A negative --max-unknowns is a usage error, not a crash")
  func negativeLimit() throws {
    let result = try Tool.run(["check", "Samples/design-new-build.xml", "--max-unknowns=-1"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("--max-unknowns must be 0 or more"))
  }

  @Test("An unknown profile, a broken profile file and an invalid portfolio end in exit 2")
  func badInput() throws {
    let unknown = try Tool.run(["check", "Samples/design-new-build.xml", "--profile", "din"])
    #expect(unknown.status == 2)
    #expect(unknown.standardError.contains("unknown profile 'din'"))

    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("bf-profile-\(ProcessInfo.processInfo.processIdentifier).xml")
    try Data(
      """
      <profile xmlns="urn:barrierfree:profile:1" id="x" level="x" title="x" standard="s" edition="1">
        <rule id="door.width"/>
      </profile>
      """.utf8
    ).write(to: scratch)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let broken = try Tool.run(["check", "Samples/design-new-build.xml", "--profile", scratch.path])
    #expect(broken.status == 2)
    #expect(broken.standardError.hasPrefix("\(scratch.path):2:9: error: unknown rule"))
    let rules = try Tool.run(["rules", "--profile", scratch.path])
    #expect(rules.status == 2)
    #expect(rules.standardError.hasPrefix("\(scratch.path):2:9: error: unknown rule"))

    let invalid = try Tool.run(["check", "Samples/invalid/decimal-comma.xml"])
    #expect(invalid.status == 2)
    #expect(invalid.standardError.contains("invalid; the report is incomplete"))
  }

  @Test("rules lists every rule with its clause; with a profile, its thresholds")
  func rules() throws {
    let all = try Tool.run(["rules"])
    #expect(all.status == 0)
    #expect(
      all.standardOutput.contains(
        "door.clear-width  Door clear width  [DIN 18040-2:2011-09, 4.3.3.2, 5.3.1]"))
    let base = try Tool.run(["rules", "--profile", "din18040-2"])
    #expect(
      base.standardOutput.contains(
        "  scope common flatEntrance: minimum 900 mm  [DIN 18040-2:2011-09, 4.3.3.2 (clause ?); "
          + "confidence VV; D1 (VV)]\n"
          + "  scope bathroom interior outdoor: minimum 800 mm  [DIN 18040-2:2011-09, 5.3.1 "
          + "(clause ?); confidence VV; D2 (VV)]"))
    // A slope bound as a ratio shows as the ratio; an unsure threshold is marked.
    let icc = try Tool.run(["rules", "--profile", "icc-a117.1-type-b"])
    #expect(
      icc.standardOutput.contains(
        "  all: maximum 1:12  [ICC A117.1:2009, 405.2; confidence V; ramp running slope (V): 1:12]")
    )
    #expect(
      icc.standardOutput.contains(
        "  all: width 30 in, depth 48 in  [ICC A117.1:2009, 1004.11.3.1 (threshold ?); "
          + "confidence ?; clear floor space"))
  }

  @Test("explain names what is measured and the thresholds in every profile")
  func explain() throws {
    let result = try Tool.run(["explain", "shower.size"])
    #expect(result.status == 0)
    let out = result.standardOutput
    #expect(out.contains("measures:  the width and depth of the shower area"))
    #expect(
      out.contains("  din18040-2-r (wheelchair, DIN 18040-2:2011-09):\n    all: width 1500 mm"))
    #expect(
      out.contains("  din18040-2 (barrierFree, DIN 18040-2:2011-09):\n    all: width 1200 mm"))
    let unknown = try Tool.run(["explain", "shower.siz"])
    #expect(unknown.status == 2)
    #expect(unknown.standardError.contains("did you mean shower.size?"))
    // A typo, which neither a part nor the last part of an id finds.
    let typo = try Tool.run(["explain", "shower.szie"])
    #expect(typo.status == 2)
    #expect(
      typo.standardError
        == "error: unknown rule 'shower.szie'; did you mean shower.size? ('barrierfree rules' lists them)\n"
    )
  }

  @Test("explain takes a former rule id, says so, and shows the current one")
  func explainFormerID() throws {
    let current = try Tool.run(["explain", "shower.size"])
    let former = try Tool.run(["explain", "din18040-2.shower.size"])
    #expect(former.status == 0)
    #expect(former.standardOutput == current.standardOutput)
    #expect(former.standardOutput.hasPrefix("shower.size: "))
    #expect(
      former.standardError
        == "note: 'din18040-2.shower.size' is the former id of 'shower.size'\n")
    // A typo in a former id suggests the current id.
    let typo = try Tool.run(["explain", "din18040-2.shower.szie"])
    #expect(typo.status == 2)
    #expect(typo.standardError.contains("did you mean shower.size?"))
    // `rules --profile` with a profile written in former ids lists current ids.
    let rules = try Tool.run(["rules", "--profile", "Samples/profiles/house-rules.xml"])
    #expect(rules.status == 0)
    #expect(rules.standardOutput.contains("\ndoor.clear-width  Door clear width\n"))
    #expect(!rules.standardOutput.contains("din18040-2.door"))
  }

  @Test("check works on the quarter sample for every built-in profile, on that profile's ladder")
  func everyProfile() throws {
    let ids = try Tool.run(["profiles"]).standardOutput.split(separator: "\n")
      .filter { !$0.hasPrefix(" ") && $0.contains(": ") }
      .map { String($0.prefix { $0 != ":" && $0 != " " }) }
    #expect(ids.count == 7, "\(ids)")
    for id in ids {
      let result = try Tool.run(["check", "Samples/quarter-bielefeld.xml", "--profile", id, "-q"])
      #expect(result.status == 1, "\(id): \(result.standardError)")
      #expect(result.standardError == "")
      #expect(result.standardOutput.hasPrefix("profile \(id): "), "\(id)")
      #expect(result.standardOutput.contains("8 buildings, 44 flats\n"), "\(id)")
    }
  }

  @Test("profiles lists the built-in profiles with their ladders")
  func profiles() throws {
    let result = try Tool.run(["profiles"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("din18040-2-r (default): DIN 18040-2 R"))
    #expect(
      result.standardOutput.contains(
        "  ladder:   none < barrierReduced < barrierFree < wheelchair\n"))
    #expect(
      result.standardOutput.contains("  above:    kfw-barrier-reduced (its class, not its rules)\n")
    )
    #expect(
      result.standardOutput.contains("  ladder:   none < accessibleAdaptable < wheelchairUser\n"))
    #expect(result.standardOutput.contains("  ladder:   none < typeB < typeA\n"))
    // A profile in inches shows its thresholds in inches.
    let rules = try Tool.run(["rules", "--profile", "icc-a117.1-type-b"]).standardOutput
    #expect(
      rules.contains(
        "  scope bathroom interior outdoor: minimum 31.75 in  [ICC A117.1:2009, 1004.5.2;"))
    #expect(rules.contains("  all: minimum 15 in, maximum 48 in  [ICC A117.1:2009, 1004.9;"))
  }

  @Test("Quarter views of a profile in inches show inches and feet, no millimetres")
  func imperialQuarter() throws {
    let sample = "Samples/quarter-bielefeld.xml"
    let text = try Tool.run(["check", sample, "--profile", "icc-a117.1-type-a"]).standardOutput
    let quarter = try #require(text.range(of: "quarter q-sieker")).lowerBound
    let view = String(text[quarter...])
    #expect(view.contains("b3-f01 (none): fac-cafe yes, 470.8 ft; fac-care yes, 487.2 ft"))
    #expect(view.contains("door b8-d-main: threshold 0.79 in; ≤ 0.5 in required"))
    #expect(!view.contains(" mm"))
    let metric = try Tool.run(["check", sample]).standardOutput
    #expect(metric.contains("b3-f01 (barrierFree): fac-cafe yes, 143.5 m; fac-care yes, 148.5 m"))
    let json = try Tool.run(["check", sample, "--profile", "icc-a117.1-type-a", "--format", "json"])
    let quarters = try #require(json.standardOutput.range(of: "\"quarters\":")).lowerBound
    #expect(!json.standardOutput[quarters...].contains(" mm"))
    #expect(json.standardOutput[quarters...].contains("threshold 0.79 in; ≤ 0.5 in required"))
    let html = try Tool.run(["check", sample, "--profile", "icc-a117.1-type-a", "--format", "html"])
    #expect(html.standardOutput.contains("yes (fac-cafe), 470.8 ft"))
  }
}

@Suite("README examples")
struct ReadmeExampleTests {
  /// The fenced blocks of README.md and of the DocC article on the command
  /// line, which keeps the longer examples (the quarter view, `explain`).
  static func blocks() throws -> [String] {
    let text = try ["README.md", "Sources/BarrierFree/BarrierFree.docc/CommandLineTool.md"].map {
      try String(contentsOf: Tool.root.appendingPathComponent($0), encoding: .utf8)
    }.joined(separator: "\n")
    let parts = text.components(separatedBy: "```")
    // Odd parts are inside fences; drop the info string line.
    return stride(from: 1, to: parts.count, by: 2).map { index in
      let block = parts[index]
      guard let newline = block.firstIndex(of: "\n") else { return block }
      return String(block[block.index(after: newline)...])
    }
  }

  @Test("The summary, the near misses and the explain output in the docs are what the tool prints")
  func outputsMatch() throws {
    let blocks = try Self.blocks()
    let check = try Tool.run(["check", "Samples/quarter-bielefeld.xml"]).standardOutput
    let summary = try #require(blocks.first { $0.hasPrefix("profile din18040-2-r:") })
    #expect(check.hasSuffix(summary), "README summary differs from `check`")
    let nearMisses = try #require(blocks.first { $0.hasPrefix("  flat b1-f13") })
    let lines = nearMisses.split(separator: "\n").filter { !$0.isEmpty && !$0.hasSuffix("…") }
    for line in lines {
      #expect(check.contains(line + "\n"), "README line not in `check` output: \(line)")
    }
    for prefix in ["      fail: route to b3-l1", "quarter q-sieker"] {
      let block = try #require(blocks.first { $0.hasPrefix(prefix) }, "\(prefix)")
      for line in block.split(separator: "\n") where !line.hasSuffix("…") {
        #expect(check.contains(line + "\n"), "README line not in `check` output: \(line)")
      }
    }
    let explainBlock = try #require(
      blocks.first { $0.hasPrefix("$ barrierfree explain door.clear-width") })
    let explained = try Tool.run(["explain", "door.clear-width"]).standardOutput
    #expect(
      explainBlock.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        .joined(separator: "\n") == explained)
  }
}

/// `check` output without the finding counts after each flat's class, which
/// change whenever a rule is added.
func withoutCounts(_ text: String) -> String {
  text.replacing(#/   \[\d+ pass, \d+ fail, \d+ unknown, \d+ not applicable\]/#, with: "")
}

@Suite("JSON report")
struct JSONReportTests {
  /// Validates the JSON file at `path` against `schema` (the report's by default)
  /// with Python's jsonschema; the validator's complaints, or "" when valid.
  static func schemaErrors(_ path: String, schema: String = "Schemas/report.schema.json") throws
    -> String
  {
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
      print("\\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]))
      sys.exit(1 if errors else 0)
      """
    let (ok, text) = try Tool.python(script, [schema, path])
    return ok ? "" : "validation failed: \(text)"
  }

  static func scratch(_ name: String) -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("bf-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
  }

  @Test(
    "Every sample's JSON report validates against Schemas/report.schema.json",
    arguments: ["Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml"])
  func validates(sample: String) throws {
    let path = Self.scratch("\(URL(fileURLWithPath: sample).lastPathComponent).json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Tool.run(["check", sample, "--format", "json", "--output", path])
    #expect(result.status == 1)
    #expect(result.standardOutput == "")
    #expect(try Self.schemaErrors(path) == "")
  }

  @Test(
    "--json-version 1 writes the previous format, valid against its own schema; 3 is refused",
    arguments: ["Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml"])
  func versionOne(sample: String) throws {
    let path = Self.scratch("\(URL(fileURLWithPath: sample).lastPathComponent).v1.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Tool.run([
      "check", sample, "--format", "json", "--json-version", "1", "--output", path,
    ])
    #expect(result.status == 1)
    #expect(try Self.schemaErrors(path, schema: "Schemas/report-v1.schema.json") == "")
    // Not valid as version 2, nor the other way round.
    #expect(try Self.schemaErrors(path) != "")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(!text.contains("schemaVersion"))
    #expect(text.hasSuffix("}\n}\n"))
    let refused = try Tool.run(["check", sample, "--format", "json", "--json-version", "3"])
    #expect(refused.status == 64 || refused.status == 2)
    #expect(refused.standardError.contains("--json-version takes 2 (the default) or 1, not 3"))
  }

  @Test("With --findings open the JSON lists the fails and unknowns of the full report, no more")
  func openFindings() throws {
    let sample = "Samples/quarter-bielefeld.xml"
    let path = Self.scratch("open.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let open = try Tool.run(["check", sample, "--format", "json", "--findings", "open", "-o", path])
    #expect(open.status == 1)
    #expect(try Self.schemaErrors(path) == "")
    let full = try Tool.run(["check", sample, "--format", "json"])
    let openReport = try ReportJSON(try String(contentsOfFile: path, encoding: .utf8))
    let fullReport = try ReportJSON(full.standardOutput)
    #expect(openReport.report["findings"] as? String == "open")
    #expect(fullReport.report["findings"] as? String == "all")
    #expect(
      openReport.report["summary"] as? NSDictionary == fullReport.report["summary"] as? NSDictionary
    )
    // The open report's flats have no pass lists at all.
    #expect(
      openReport.flats.allSatisfy {
        ($0["findings"] as? [String: Any])?.keys.sorted() == ["fail", "unknown"]
      })
    let listed = openReport.allFindings.map { $0 as NSDictionary }
    #expect(listed.count > 1000)
    #expect(
      listed
        == fullReport.allFindings.filter {
          $0["status"] as? String == "fail" || $0["status"] as? String == "unknown"
        }.map { $0 as NSDictionary })
    // The blockers and open questions are the same, resolved.
    for (open, full) in zip(openReport.flats, fullReport.flats) {
      for key in ["blockers", "openQuestions"] {
        #expect(
          openReport.references(key, of: open).map { $0 as NSDictionary }
            == fullReport.references(key, of: full).map { $0 as NSDictionary })
      }
    }
    let csvOpen = try Tool.run([
      "check", sample, "--format", "csv", "--csv", "findings", "--findings", "open",
    ])
    let csvFull = try Tool.run(["check", sample, "--format", "csv", "--csv", "findings"])
    let fullRows = csvFull.standardOutput.split(whereSeparator: \.isNewline)
    let openRows = csvOpen.standardOutput.split(whereSeparator: \.isNewline)
    #expect(openRows.first == fullRows.first)
    #expect(
      Array(openRows.dropFirst())
        == fullRows.dropFirst().filter { $0.contains(",fail,") || $0.contains(",unknown,") })
    // The rows are the buildings' and flats' open findings and the
    // quarter's outdoor paths' (all four fail).
    #expect(openRows.count - 1 == listed.count + 4)
    let refused = try Tool.run(["check", sample, "--findings", "open"])
    #expect(refused.status == 64 || refused.status == 2)
    #expect(
      refused.standardError.contains(
        "--findings open applies to --format json, jsonl, xlsx and sqlite"))
  }

  @Test("The schema check can fail: a report without its summary is refused")
  func schemaRefuses() throws {
    let path = Self.scratch("broken.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(#"{"tool":{"name":"barrierfree","version":"0"},"buildings":[]}"#.utf8)
      .write(to: URL(fileURLWithPath: path))
    #expect(try Self.schemaErrors(path).contains("'summary' is a required property"))
  }

  @Test("The contract: classes, verified, findings with measured and required or null")
  func contract() throws {
    let result = try Tool.run(["check", "Samples/quarter-bielefeld.xml", "--format", "json"])
    let json = try ReportJSON(result.standardOutput)
    let report = json.report
    let summary = try #require(report["summary"] as? [String: Any])
    #expect(summary["flats"] as? Int == 44)
    #expect(
      summary["byClass"] as? [String: Int]
        == ["wheelchair": 4, "barrierFree": 16, "barrierReduced": 1, "none": 23])
    // Header and summary come before the first building.
    let text = result.standardOutput
    let summaryAt = try #require(text.range(of: "\"summary\":"))
    let buildingsAt = try #require(text.range(of: "\"buildings\":["))
    #expect(summaryAt.lowerBound < buildingsAt.lowerBound)
    let nearMiss = try #require(json.flats.first { $0["id"] as? String == "b1-f21" })
    #expect(nearMiss["class"] as? String == "barrierFree")
    #expect(nearMiss["verified"] as? Bool == true)
    // The one blocker is a reference to the flat's first fail.
    #expect(nearMiss["blockers"] as? [[String: Int]] == [["finding": 0]])
    let blockers = json.references("blockers", of: nearMiss)
    #expect(blockers.map { $0["rule"] as? String } == ["door.clear-width"])
    let fail = try #require(json.findings(of: nearMiss).first)
    #expect(fail["status"] as? String == "fail")
    #expect(fail["measured"] as? Double == 850)
    #expect(fail["minimum"] as? Double == 900)
    #expect(fail["unit"] as? String == "mm")
    // The numbers say it all: no message, and the rule's remedy in the table.
    #expect(fail["message"] == nil)
    #expect(fail["clause"] as? String == "4.3.3.2, 5.3.1")
    #expect(fail["standard"] as? String == "DIN 18040-2:2011-09")
    #expect(json.rules["door.clear-width"]?["remedy"] as? String == "widen the door opening")
    let unknown = try #require(
      json.allFindings.first { $0["status"] as? String == "unknown" && $0["measured"] == nil })
    #expect(unknown["remedy"] is String)
    let quarters = try #require(report["quarters"] as? [[String: Any]])
    #expect(quarters.first?["id"] as? String == "q-sieker")
    // The summary counts exactly the findings the report lists: the
    // buildings' own and the flats'.
    var listed: [String: Int] = [:]
    for finding in json.allFindings { listed[finding["status"] as? String ?? "", default: 0] += 1 }
    #expect(summary["findings"] as? [String: Int] == listed)
    #expect(json.buildings.contains { !json.findings(of: $0).isEmpty })
    // Every reference points at a finding of its flat.
    for flat in json.flats {
      for key in ["blockers", "openQuestions"] {
        for (entry, resolved) in zip(
          (flat[key] as? [[String: Any]]) ?? [], json.references(key, of: flat))
        {
          #expect(resolved["rule"] is String, "\(entry)")
        }
      }
    }
  }

  @Test("The rules entry README.md shows is written exactly so; its flat, but for its lists")
  func readmeExcerpt() throws {
    let blocks = try ReadmeExampleTests.blocks()
    let json = try Tool.run(["check", "Samples/quarter-bielefeld.xml", "--format", "json"])
    let rule = try #require(blocks.first { $0.hasPrefix("\"door.clear-width\":{") })
    #expect(json.standardOutput.contains(rule.trimmingCharacters(in: .whitespacesAndNewlines)))
    // The flat, with the lists the README elides ("[…]") cut from both.
    let flat = try #require(blocks.first { $0.hasPrefix("{\"id\":\"b1-f21\"") })
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let head = try #require(flat.components(separatedBy: ",\"unknown\":[…]").first)
    let tail = try #require(flat.components(separatedBy: "\"notApplicable\":[]}").last)
    #expect(json.standardOutput.contains(head + ",\"unknown\":["))
    #expect(json.standardOutput.contains("\"notApplicable\":[]}" + tail))
  }

  @Test("Two runs in separate processes write the same JSON bytes")
  func deterministic() throws {
    let arguments = [
      "check", "Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml", "--format", "json",
    ]
    let first = try Tool.run(arguments).standardOutput
    #expect(first.count > 100_000)
    #expect(first == (try Tool.run(arguments)).standardOutput)
  }
}

@Suite("CSV report")
struct CSVReportTests {
  @Test("One row per flat, RFC 4180 with CRLF and a BOM, parsing back with the same values")
  func flats() throws {
    let result = try Tool.run(["check", "Samples/quarter-bielefeld.xml", "--format", "csv"])
    #expect(result.status == 1)
    let text = result.standardOutput
    #expect(text.hasPrefix("\u{FEFF}building,address,flat,"))
    #expect(text.hasSuffix("\r\n"))
    #expect(!text.replacing("\r\n", with: "").contains("\n"), "every line ends in CRLF")
    let reader = try CSVReader(string: String(text.dropFirst()), hasHeaderRow: true)
    var rows: [[String: String]] = []
    while reader.next() != nil {
      if let header = reader.headerRow, let row = reader.currentRow {
        rows.append(Dictionary(uniqueKeysWithValues: zip(header, row)))
      }
    }
    #expect(rows.count == 44)
    let nearMiss = try #require(rows.first { $0["flat"] == "b1-f21" })
    #expect(nearMiss["class"] == "barrierFree")
    #expect(nearMiss["verified"] == "yes")
    #expect(nearMiss["next class"] == "wheelchair")
    #expect(nearMiss["fails"] == "1")
    #expect(nearMiss["blocking rules"] == "door.clear-width")
    #expect(nearMiss["address"] == "Elpke 61, 33605 Bielefeld")
    #expect(rows.contains { $0["address"] == "Stralsunder Straße 14, 33605 Bielefeld" })
    #expect(
      Set(rows.compactMap { $0["class"] }) == [
        "wheelchair", "barrierFree", "barrierReduced", "none",
      ])
    // The excerpt in README.md is what is written.
    let readme = try ReadmeExampleTests.blocks().first { $0.hasPrefix("building,address,flat,") }
    for line in try #require(readme).split(separator: "\n") {
      #expect(text.contains(line + "\r\n"), "\(line)")
    }
  }

  @Test("One row per finding with --csv findings; two runs give the same bytes")
  func findings() throws {
    let arguments = [
      "check", "Samples/design-new-build.xml", "--format", "csv", "--csv", "findings",
    ]
    let first = try Tool.run(arguments).standardOutput
    #expect(first == (try Tool.run(arguments)).standardOutput)
    let reader = try CSVReader(string: String(first.dropFirst()), hasHeaderRow: true)
    var count = 0
    var statuses: Set<String> = []
    while let row = reader.next() {
      count += 1
      statuses.insert(row[3])
    }
    let json = try Tool.run(["check", "Samples/design-new-build.xml", "--format", "json"])
    #expect(count == (try ReportJSON(json.standardOutput)).allFindings.count)
    // A quarter's outdoor paths have rows of their own, with no building.
    let quarter = try Tool.run([
      "check", "Samples/quarter-bielefeld.xml", "--format", "csv", "--csv", "findings",
    ]).standardOutput
    let report = try ReportJSON(
      try Tool.run(["check", "Samples/quarter-bielefeld.xml", "--format", "json"]).standardOutput)
    let paths = ((report.report["quarters"] as? [[String: Any]]) ?? []).flatMap {
      ($0["outdoorPathFindings"] as? [[String: Any]]) ?? []
    }
    #expect(paths.count == 4)
    let rows = quarter.split(separator: "\r\n").dropFirst()
    #expect(rows.count == report.allFindings.count + paths.count)
    #expect(
      rows.suffix(paths.count).allSatisfy {
        $0.hasPrefix(",,path.") && $0.contains(",quarter q-sieker › outdoorPath op-0")
      })
    #expect(statuses == ["pass", "fail", "unknown", "notApplicable"])
  }
}

@Suite("Markdown report")
struct MarkdownReportTests {
  @Test("Summary and fix first before the buildings, quarters after them, rule titles by ids")
  func order() throws {
    let text = try Tool.run(["check", "Samples/quarter-bielefeld.xml", "--format", "md"])
      .standardOutput
    func at(_ heading: String) throws -> String.Index {
      try #require(text.range(of: heading)).lowerBound
    }
    #expect(try at("## Summary") < at("## Fix first"))
    #expect(try at("## Fix first") < at("## Building b1"))
    #expect(try at("## Building b8") < at("## Quarter q-sieker"))
    #expect(
      text.contains(
        "| b1 | b1-f21 | barrierFree | wheelchair | **door.clear-width** (Door clear width) |"))
    #expect(text.contains("| b1-f02 | possibly wheelchair, unverified | yes | yes |"))
    #expect(text.contains("- **door.clear-width** (Door clear width), DIN 18040-2:2011-09"))
  }

  @Test("The text report ends with what to fix first, then the summary; -q only the summary")
  func textFixFirst() throws {
    let text = try Tool.run(["check", "Samples/quarter-bielefeld.xml"]).standardOutput
    #expect(text.contains("\nfix first\n  1 rule from the next class: 6 flats\n"))
    #expect(
      text.contains("    b1 b1-f21 barrierFree → wheelchair: door.clear-width (Door clear width)\n")
    )
    #expect(text.contains("    door.clear-width (Door clear width): lifts 1, blocks 34\n"))
    #expect(text.contains("… and 17 more rules\n\nprofile din18040-2-r: "))
    // -q prints the summary alone.
    let quiet = try Tool.run(["check", "Samples/quarter-bielefeld.xml", "-q"]).standardOutput
    #expect(quiet.hasPrefix("profile din18040-2-r: "))
    #expect(!quiet.contains("fix first"))
  }

  @Test("Flats as a table, the next-class fails with remedies, the summary; same bytes twice")
  func quarter() throws {
    let arguments = ["check", "Samples/quarter-bielefeld.xml", "--format", "md"]
    let result = try Tool.run(arguments)
    #expect(result.status == 1)
    let text = result.standardOutput
    #expect(text.hasPrefix("# Accessibility check\n"))
    #expect(text.contains("| b1-f21 | 2.01 | 2 | barrierFree | yes | 1 | 2 |\n"))
    #expect(
      text.contains(
        "- **shower.size** (Shower area size), DIN 18040-2:2011-09, 5.5.5: building b1 › flat b1-f13 › "
          + "room b1-f13-bath › shower b1-f13-bath-shower: shower area 1150 × 1200 mm; "
          + "1200 × 1200 mm required — *enlarge the shower area to 1200 × 1200 mm*\n"))
    #expect(
      text.contains(
        "| wheelchair | 4 | 1 |\n| barrierFree | 16 | 3 |\n| barrierReduced | 1 | 0 |\n| none | 23 | 0 |\n"
      ))
    #expect(text == (try Tool.run(arguments)).standardOutput)
    let excerpt = try #require(ReadmeExampleTests.blocks().first { $0.hasPrefix("## Building b1") })
    for line in excerpt.split(separator: "\n") where !line.hasPrefix("…") {
      #expect(text.contains(line + "\n"), "\(line)")
    }
  }
}
