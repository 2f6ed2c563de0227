import ArgumentParser
import BarrierFree

/// `barrierfree generate`: a synthetic portfolio for load tests.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic, valid portfolio (for load tests and benchmarks).",
    discussion: """
      The same options and seed give the same bytes. Streams: memory does not grow with \
      --buildings. Each building is one of the eight of the bundled quarter sample (its types \
      and defects), with its own ids; three in five are exact copies, in the others one measurement \
      in twelve varies by a few per cent. Buildings have 1 to 11 flats (about 5.5 on average).
      """
  )

  // Unconditional: `--buildings -3` is a value out of range, not a
  // missing value followed by an unknown option.
  @Option(parsing: .unconditional, help: "Number of buildings.")
  var buildings: Int

  @Option(help: "Seed of the random generator.")
  var seed: UInt64 = 1

  @Option(
    parsing: .unconditional,
    help:
      "Share of measurements and surveyed facts left out, 0 to 1, on top of the sample's own gaps.")
  var incomplete = 0.02

  @Option(
    parsing: .unconditional,
    help:
      "Share of the buildings, 0 to 1, in copies of the sample's quarter (eight buildings with its places, facilities and outdoor paths)."
  )
  var quarters = 0.0

  @Option(name: .shortAndLong, help: "Write here instead of standard output.")
  var output: String?

  func validate() throws {
    guard buildings >= 0 else { throw ValidationError("--buildings must not be negative") }
    guard (0...1).contains(incomplete) else {
      throw ValidationError("--incomplete must be between 0 and 1")
    }
    guard (0...1).contains(quarters) else {
      throw ValidationError("--quarters must be between 0 and 1")
    }
  }

  func run() throws {
    let sink: OutputFile
    do {
      sink = try output.map { try OutputFile(path: $0) } ?? OutputFile.standardOutput()
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
    do {
      var generator = try PortfolioGenerator(
        options: .init(
          buildings: buildings, seed: seed, incomplete: incomplete, quarters: quarters))
      try generator.write { try sink.write($0) }
      try sink.commit()
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
  }
}
