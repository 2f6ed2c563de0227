import Foundation
import Testing

@testable import barrierfree

/// Nothing lost or forged: an output never overwrites an input, a report is
/// written beside its target and renamed over it on success only, and a
/// failed input gives no report that looks finished.
@Suite("Output safety")
struct OutputSafetyTests {
  static let sample = "Samples/design-new-build.xml"

  /// A fresh folder for one test, with a copy of the sample as `in.xml`.
  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("barrierfree-output-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Tool.root.appendingPathComponent(sample),
      to: folder.appendingPathComponent("in.xml"))
    return folder
  }

  static func contents(_ url: URL) throws -> Data { try Data(contentsOf: url) }

  /// The names in `folder`, hidden ones too (a temporary file is hidden).
  static func names(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test(
    "-o naming an input, a link to it or a second name of it is refused, and the input stays whole",
    arguments: ["in.xml", "link.xml", "hard.xml", "./sub/../in.xml"])
  func outputIsInput(output: String) throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in.xml")
    let original = try Self.contents(input)
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("link.xml").path, withDestinationPath: "in.xml")
    try FileManager.default.linkItem(at: input, to: folder.appendingPathComponent("hard.xml"))
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    for format in ["text", "json"] {
      let result = try Tool.run([
        "check", input.path, "--format", format, "-o", folder.path + "/" + output,
      ])
      #expect(result.status == 2)
      #expect(result.standardError.contains("is the input '\(input.path)' (the same file)"))
      #expect(result.standardOutput == "")
      #expect(try Self.contents(input) == original)
    }
  }

  @Test("-o naming the profile file is refused, and the profile stays whole")
  func outputIsProfile() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let profile = folder.appendingPathComponent("rules.xml")
    try FileManager.default.copyItem(
      at: Tool.root.appendingPathComponent("Samples/profiles/house-rules.xml"), to: profile)
    let original = try Self.contents(profile)
    let result = try Tool.run([
      "check", folder.appendingPathComponent("in.xml").path, "--profile", profile.path, "-o",
      profile.path,
    ])
    #expect(result.status == 2)
    #expect(result.standardError.contains("is the input '\(profile.path)' (the same file)"))
    #expect(try Self.contents(profile) == original)
  }

  @Test(
    "A file named twice, under any name, is refused: it would be counted twice",
    arguments: ["check", "validate"])
  func repeatedInput(command: String) throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in.xml").path
    let link = folder.appendingPathComponent("link.xml").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "in.xml")
    let twice = try Tool.run([command, input, input])
    #expect(twice.status == 2)
    #expect(twice.standardOutput == "")
    #expect(
      twice.standardError
        == "error: '\(input)' is named twice; each file is read once: name it once\n")
    let linked = try Tool.run([command, input, link])
    #expect(linked.status == 2)
    #expect(linked.standardError.contains("'\(link)' is named twice (the same file as '\(input)')"))
  }

  @Test("-o naming the file that standard input reads ('-') is refused")
  func outputIsStandardInput() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in.xml")
    let original = try Self.contents(input)
    let result = try Tool.run(
      ["/bin/sh", "-c", "\(Tool.executable.path) check - -o '\(input.path)' < '\(input.path)'"],
      direct: true)
    #expect(result.status == 2)
    #expect(result.standardError.contains("is standard input (the same file)"))
    #expect(try Self.contents(input) == original)
  }

  @Test(
    "A missing input, a directory or an invalid one leaves yesterday's report as it was, and no temporary file",
    arguments: [
      (["missing.xml"], "error: cannot open '"),
      (["."], "is a directory, not a portfolio file"),
      (["in.xml", "bad.svg"], "bad.svg: invalid; no report is written"),
      (["empty.xml"], "empty.xml: invalid; no report is written"),
    ])
  func failedInputKeepsOldReport(inputs: [String], message: String) throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)
      .write(to: folder.appendingPathComponent("bad.svg"))
    try Data().write(to: folder.appendingPathComponent("empty.xml"))
    let report = folder.appendingPathComponent("report.json")
    try Data("yesterday's report".utf8).write(to: report)
    let before = try Self.names(folder)
    for format in ["text", "json", "csv", "md", "html", "jsonl", "xlsx"] {
      let result = try Tool.run(
        ["check"] + inputs.map { folder.path + "/" + $0 } + [
          "--format", format, "-o", report.path,
        ])
      #expect(result.status == 2)
      #expect(result.standardError.contains(message), "\(result.standardError)")
      #expect(String(decoding: try Self.contents(report), as: UTF8.self) == "yesterday's report")
      #expect(try Self.names(folder) == before)
    }
  }

  @Test("A missing input gives no report on standard output either, not one of zeros")
  func missingInputNoReport() throws {
    for format in ["text", "json", "csv", "md", "html", "jsonl", "xlsx"] {
      let result = try Tool.run([
        "check", Self.sample, "missing.xml", "--format", format,
      ])
      #expect(result.status == 2)
      #expect(result.standardOutput == "")
      #expect(
        result.standardError == "error: cannot open 'missing.xml': No such file or directory\n")
    }
  }

  @Test("An input that fails part way: standard output says so instead of a summary")
  func invalidInputOnStandardOutput() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.svg")
    try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8).write(to: bad)
    let input = folder.appendingPathComponent("in.xml").path

    let text = try Tool.run(["check", input, bad.path])
    #expect(text.status == 2)
    let lines = text.standardOutput.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("  flat ") })  // The good input's flats are there.
    #expect(
      lines.last
        == "incomplete report: '\(bad.path)' could not be read to the end (see the errors on standard error); no summary is given for a report that covers only part of its inputs"
    )
    #expect(!text.standardOutput.contains("1 building, 9 flats"))
    #expect(!text.standardOutput.contains("findings at "))

    // JSON puts its summary first, so it is written at the end: nothing at
    // all. Version 1 streamed its buildings and stays unclosed: no parser
    // takes either for a finished report.
    let json = try Tool.run(["check", input, bad.path, "--format", "json"])
    #expect(json.status == 2)
    #expect(json.standardOutput == "")
    let first = try Tool.run(["check", input, bad.path, "--format", "json", "--json-version", "1"])
    #expect(first.status == 2)
    #expect(first.standardOutput.hasPrefix("{"))
    #expect((try? JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8))) == nil)
    #expect(!first.standardOutput.contains("\"summary\""))

    // The HTML page is made at the end: none at all.
    let html = try Tool.run(["check", input, bad.path, "--format", "html"])
    #expect(html.status == 2)
    #expect(html.standardOutput == "")

    // A CSV that fails before its first row has no header alone either.
    let csv = try Tool.run(["check", bad.path, "--format", "csv"])
    #expect(csv.status == 2)
    #expect(csv.standardOutput == "")
    let rows = try Tool.run(["check", input, "--format", "csv"])
    #expect(rows.standardOutput.hasPrefix("\u{FEFF}building,"))
  }

  @Test("A report replaces the old one whole, keeps its permissions, and leaves no temporary file")
  func replacesOnSuccess() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report.json")
    try Data("yesterday's report".utf8).write(to: report)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: report.path)
    let result = try Tool.run([
      "check", folder.appendingPathComponent("in.xml").path, "--format", "json", "-o",
      report.path,
    ])
    #expect(result.status == 1)
    let object = try JSONSerialization.jsonObject(with: try Self.contents(report))
    #expect((object as? [String: Any])?["summary"] != nil)
    let permissions =
      try FileManager.default.attributesOfItem(atPath: report.path)[
        .posixPermissions] as? Int
    #expect(permissions == 0o640)
    #expect(try Self.names(folder) == ["in.xml", "report.json"])
  }

  @Test("A report file whose name is near the longest a folder allows is written")
  func longName() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 255 bytes is the longest name; the temporary file's must fit too.
    for name in [String(repeating: "r", count: 250), String(repeating: "ü", count: 127)] {
      let report = folder.appendingPathComponent(name)
      let result = try Tool.run([
        "check", folder.appendingPathComponent("in.xml").path, "--format", "md", "-o",
        report.path,
      ])
      #expect(result.status == 1, "\(result.standardError)")
      #expect(String(decoding: try Self.contents(report), as: UTF8.self).hasPrefix("# "))
      #expect(try Self.names(folder) == ["in.xml", name].sorted())
      try FileManager.default.removeItem(at: report)
    }
  }

  @Test("A report through a symbolic link replaces the file it points to; the link stays")
  func throughLink() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report.md")
    try Data("old".utf8).write(to: report)
    let link = folder.appendingPathComponent("latest.md")
    try FileManager.default.createSymbolicLink(
      atPath: link.path, withDestinationPath: "report.md")
    let result = try Tool.run([
      "check", folder.appendingPathComponent("in.xml").path, "--format", "md", "-o", link.path,
    ])
    #expect(result.status == 1)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "report.md")
    #expect(String(decoding: try Self.contents(report), as: UTF8.self).hasPrefix("# "))
  }

  @Test("A run ended by SIGTERM part way leaves the old report and removes its temporary file")
  func terminated() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report.json")
    try Data("yesterday's report".utf8).write(to: report)
    let process = Process()
    process.executableURL = Tool.executable
    process.arguments = ["check", "-", "--format", "json", "-o", report.path]
    let input = Pipe()
    process.standardInput = input
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Half a portfolio: the run waits for the rest with its report begun.
    let text = String(
      decoding: try Self.contents(folder.appendingPathComponent("in.xml")), as: UTF8.self)
    let half = text.prefix(text.utf8.count / 2)
    input.fileHandleForWriting.write(Data(half.utf8))
    var temporary: [String] = []
    for _ in 0..<500 where temporary.isEmpty {
      temporary = try Self.names(folder).filter { $0.hasPrefix(".report.json.") }
      if temporary.isEmpty { usleep(10_000) }
    }
    #expect(temporary.count == 1)
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGTERM)
    #expect(String(decoding: try Self.contents(report), as: UTF8.self) == "yesterday's report")
    #expect(try Self.names(folder) == ["in.xml", "report.json"])
  }

  @Test(
    "A signal the run was started with ignored (nohup, a background job) stays ignored while a report is written"
  )
  func ignoredSignalStaysIgnored() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report.json")
    try Data("yesterday's report".utf8).write(to: report)
    let process = Process()
    // As `nohup` starts it: SIGHUP ignored, which exec keeps.
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c", "trap '' HUP; exec \"$0\" check - --format json -o \"$1\"", Tool.executable.path,
      report.path,
    ]
    let input = Pipe()
    process.standardInput = input
    process.standardError = FileHandle.nullDevice
    try process.run()
    let text = try Self.contents(folder.appendingPathComponent("in.xml"))
    let half = text.count / 2
    input.fileHandleForWriting.write(text.prefix(half))
    var temporary: [String] = []
    for _ in 0..<500 where temporary.isEmpty {
      temporary = try Self.names(folder).filter { $0.hasPrefix(".report.json.") }
      if temporary.isEmpty { usleep(10_000) }
    }
    #expect(temporary.count == 1)
    // The terminal went away: the run goes on, as nohup promised.
    kill(process.processIdentifier, SIGHUP)
    usleep(200_000)
    #expect(process.isRunning, "ended by the SIGHUP it was started to ignore")
    guard process.isRunning else {
      process.waitUntilExit()
      return
    }
    input.fileHandleForWriting.write(text.dropFirst(half))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 1)
    let object = try JSONSerialization.jsonObject(with: try Self.contents(report))
    #expect((object as? [String: Any])?["summary"] != nil)
  }

  @Test("--jobs is capped at the cores; without it, one per core")
  func jobsCapped() {
    #expect(Processors.jobs(asked: 100_000) == Processors.count)
    #expect(Processors.jobs(asked: nil) == Processors.count)
    #expect(Processors.jobs(asked: 1) == 1)
  }

  @Test("--jobs 100000 runs, on the cores there are, and gives the same report as one job")
  func manyJobs() throws {
    let many = try Tool.run(["check", Self.sample, "--format", "json", "--jobs", "100000"])
    let one = try Tool.run(["check", Self.sample, "--format", "json", "--jobs", "1"])
    #expect(many.status == 1)
    #expect(many.standardOutput == one.standardOutput)
  }
}
