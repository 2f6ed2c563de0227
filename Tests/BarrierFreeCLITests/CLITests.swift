import Foundation
import Testing

/// Runs the built `barrierfree` executable, which sits next to the test
/// bundle in the build folder.
struct Tool {
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

  static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
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
    #expect(version.standardOutput == "0.1.0\n")
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
}
