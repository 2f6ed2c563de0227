import ArgumentParser
import BarrierFree

/// The `barrierfree` command-line tool: only parses arguments and prints;
/// the library does the work.
@main
struct BarrierFreeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "barrierfree",
    abstract: "Inventory of flats and residential buildings, checked for accessibility.",
    discussion: """
      Reads portfolios in the BarrierFree XML format (Schemas/portfolio.xsd; plain or \
      gzip-compressed; '-' for standard input).

      Exit codes: 0 all good, 2 bad input or usage.
      """,
    version: BarrierFreeVersion.current,
    subcommands: [ValidateCommand.self, GenerateCommand.self]
  )
}
