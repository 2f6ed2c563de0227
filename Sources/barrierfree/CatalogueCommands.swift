import ArgumentParser
import BarrierFree

/// `barrierfree rules [--profile P]`: the rules, with their clauses and, for
/// a profile, their thresholds.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "List the rules, or those a profile binds with its thresholds.")

  @Option(
    help: ArgumentHelp(
      "Show the rules this profile (with the profiles it extends) applies, with thresholds.",
      valueName: "name|file"))
  var profile: String?

  func run() throws {
    var lines: [String] = []
    let rules = allRules.sorted { $0.description.id < $1.description.id }
    if profile != nil {
      let ladder = try checked { try ProfileChoice.ladder(profile) }
      guard let top = ladder.top else { return }
      lines.append("\(top.id): \(top.title) (\(top.standardEdition))")
      for rule in rules {
        let bindings = top.bindings(of: rule.description.id)
        guard !bindings.isEmpty else { continue }
        lines.append("")
        lines.append("\(rule.description.id)  \(rule.description.title)")
        for binding in bindings {
          lines.append(
            "  " + Describe.binding(binding, rule: rule.description, units: top.units))
        }
      }
    } else {
      for rule in rules {
        let description = rule.description
        lines.append(
          "\(description.id)  \(description.title)  [\(description.standard), "
            + "\(description.clause)]")
      }
    }
    // A profile file's text, on one line each (see `escapedForOneLine`).
    print(lines.map(\.escapedForOneLine).joined(separator: "\n"))
  }
}

/// `barrierfree explain RULE-ID`: what the rule measures, its thresholds in
/// every profile, its clause and remedy.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain a rule: what is measured, the thresholds per profile, clause, remedy.")

  @Argument(
    help: ArgumentHelp(
      "A rule id, as 'barrierfree rules' lists them (a former id, such as "
        + "din18040-2.door.clear-width, is accepted too)."))
  var rule: String

  @Option(
    help: ArgumentHelp(
      "Also show the thresholds of this profile file.", valueName: "file"))
  var profile: String?

  func run() throws {
    guard let found = BarrierFree.rule(withID: rule) else {
      let ids = allRules.map { $0.description.id }
      // A part of an id (`clear-width`), then the same last part
      // (`doors.clear-width`), then a typo (`clear-widht`).
      var close = ids.filter { $0.contains(rule) }
      if close.isEmpty {
        let last = rule.split(separator: ".").last.map(String.init) ?? rule
        close = ids.filter { $0.hasSuffix(".\(last)") }
      }
      // A typo in a former id is nearest that id; the current one is shown.
      if close.isEmpty,
        let typo = DidYouMean.closest(
          to: rule, among: ids + renamedRuleIDs.keys.sorted(), limit: max(2, rule.count / 8))
      {
        close = [currentRuleID(typo)]
      }
      StandardError.print(
        "error: unknown rule '\(rule.escapedForOneLine)'"
          + (close.isEmpty ? "" : "; did you mean \(close.joined(separator: ", "))?")
          + " ('barrierfree rules' lists them)")
      throw ExitCode(2)
    }
    let description = found.description
    if description.id != rule {
      StandardError.print(
        "note: '\(rule.escapedForOneLine)' is the former id of '\(description.id)'")
    }
    var lines = [
      "\(description.id): \(description.title)",
      "",
      "source:    \(description.standard), \(description.clause) "
        + "(reference rows \(description.reference.joined(separator: ", ")))",
      "applies to: \(description.appliesTo.map(\.rawValue).joined(separator: ", "))",
      "measures:  \(description.measures)",
      "remedy:    \(description.remedy)",
    ]
    if !description.parameters.isEmpty {
      lines.append("thresholds:")
      for parameter in description.parameters {
        lines.append("  \(parameter.name) (\(parameter.kind.rawValue)): \(parameter.summary)")
      }
    }
    let library = try checked { try ProfileChoice.resolve(profile).library }
    lines.append("")
    lines.append("in the profiles:")
    var any = false
    for written in library.profiles {
      guard let top = try? library.ladder(for: written.id).top else { continue }
      let bindings = top.bindings(of: description.id)
      guard !bindings.isEmpty else { continue }
      any = true
      lines.append("  \(top.id) (\(top.class), \(top.standardEdition)):")
      for binding in bindings {
        lines.append("    " + Describe.binding(binding, rule: description, units: top.units))
      }
    }
    if !any { lines.append("  none binds it") }
    print(lines.map(\.escapedForOneLine).joined(separator: "\n"))
  }
}

/// `barrierfree profiles`: the built-in profiles and their ladders.
struct ProfilesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profiles",
    abstract: "List the built-in profiles and their ladders.")

  func run() throws {
    let library = ProfileLibrary.builtIn
    var lines: [String] = []
    for profile in library.profiles {
      let ladder = (try? library.ladder(for: profile.id))?.profiles.map(\.class) ?? []
      let isDefault = profile.id == ProfileLibrary.defaultProfile ? " (default)" : ""
      lines.append("\(profile.id)\(isDefault): \(profile.title)")
      lines.append("  standard: \(profile.standardEdition)")
      lines.append("  class:    \(profile.class)")
      if let base = profile.extends { lines.append("  extends:  \(base)") }
      if let base = profile.above { lines.append("  above:    \(base) (its class, not its rules)") }
      lines.append("  ladder:   " + ([Ladder.none] + ladder).joined(separator: " < "))
      let rules = (try? library.ladder(for: profile.id))?.top?.bindings.count ?? 0
      lines.append("  bindings: \(rules)")
      lines.append("")
    }
    print(lines.joined(separator: "\n"), terminator: "")
  }
}

/// Runs `body`; a failure is printed and ends the command with exit code 2.
func checked<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let failure as CommandFailure {
    StandardError.print(failure.description)
    throw ExitCode(2)
  } catch {
    StandardError.print("error: \(error)")
    throw ExitCode(2)
  }
}

/// Text for rule bindings.
enum Describe {
  /// `scope flatEntrance: minimum 900 mm  [DIN 18040-2:2011-09, 4.3.3.2 (clause ?);
  /// confidence VV; D1 (VV)]`.
  /// Lengths in `units`: a profile for US codes shows inches.
  static func binding(
    _ binding: RuleBinding, rule: RuleDescription, units: UnitSystem = .metric
  ) -> String {
    let scope = binding.scope.map { "scope \($0.sorted().joined(separator: " ")): " } ?? "all: "
    let values = rule.parameters.map { parameter -> String in
      guard let value = binding.thresholds[parameter.name] else {
        return "\(parameter.name) ? \(parameter.kind.unit.rawValue)"
      }
      if let gradient = binding.thresholds.gradient(parameter.name) {
        return "\(parameter.name) \(gradient)"
      }
      let shown = units.shown(Quantity(value, parameter.kind.unit))
      return "\(parameter.name) \(formatDecimal(shown.value)) \(shown.unit.rawValue)"
    }
    let thresholds = values.isEmpty ? "required" : values.joined(separator: ", ")
    let reference = binding.reference.map { "; \($0)" } ?? ""
    let marks = binding.citation.unsureMarks
    let citation = "\(binding.citation)" + (marks.isEmpty ? "" : " (\(marks))")
    let confidence = binding.citation.confidence.map { "; confidence \($0.rawValue)" } ?? ""
    return "\(scope)\(thresholds)  [\(citation)\(confidence)\(reference)]"
  }
}
