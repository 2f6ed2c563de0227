import ArgumentParser
import BarrierFree

/// The `barrierfree` command-line tool: only parses arguments and prints;
/// the library does the work.
@main
struct BarrierFreeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "barrierfree",
    abstract: "Inventory of flats and residential buildings, checked for accessibility.",
    discussion: """
      Reads portfolios in the BarrierFree XML format (Schemas/portfolio.xsd; plain or \
      gzip-compressed; '-' for standard input).

      Exit codes: 0 all good, 1 a check found a fail, 2 bad input or a wrong command line.
      """,
    version: BarrierFreeVersion.current,
    subcommands: [
      CheckCommand.self, PlanCommand.self, MatchCommand.self, ValidateCommand.self,
      RulesCommand.self,
      ExplainCommand.self,
      ProfilesCommand.self, GenerateCommand.self, InventoryCommand.self, QueryCommand.self,
      CompareCommand.self, ImportCommand.self,
    ]
  )

  /// Runs the tool. A usage error exits with 2, like bad input (the CLI
  /// contract: 0 all good, 1 a check failed, 2 bad input or usage), instead
  /// of swift-argument-parser's 64.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if let check = command as? CheckCommand, check.jobCount == 1 {
        // One job: no concurrency, so the work stays on the main thread.
        try check.runSynchronously()
      } else if let validate = command as? ValidateCommand, validate.jobCount == 1 {
        try validate.runSynchronously()
      } else if var command = command as? AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        StandardError.print(fullMessage(for: error))
        exit(withError: ExitCode(2))
      }
      if error is ExitCode || exitCode(for: error) == .success {
        // The commands' own exit codes (1: a requirement failed), --help.
        exit(withError: error)
      }
      // Anything else (a report or temporary file that could not be
      // written, say) is no verdict on the flats: not 1, which says that a
      // requirement failed, but 2.
      StandardError.print("error: \(error)")
      exit(withError: ExitCode(2))
    }
  }
}
