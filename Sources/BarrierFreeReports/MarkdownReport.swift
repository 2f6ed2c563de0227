import BarrierFreeModel
import BarrierFreeRules

/// Writes a report as Markdown for tickets and wikis (CommonMark with GFM
/// tables): the summary and what to fix first, then a heading per building
/// with a table of its flats and per flat the fails that stand between it
/// and the next class, then the quarters.
public struct MarkdownReport: Sendable {
  /// The rules table, for each rule's title beside its id.
  private let header: ReportHeader?

  /// A writer; rules are named by id alone.
  public init() { header = nil }

  /// A writer for the check `header` describes: rules are named by id and
  /// title.
  public init(header: ReportHeader) { self.header = header }

  /// `door.clear-width` with its title: **door.clear-width** (Door clear
  /// width).
  private func rule(_ id: String) -> String {
    let title = header?.rules.first { $0.id == id }?.title
    return "**\(id)**" + (title.map { " (\(Self.escape($0)))" } ?? "")
  }

  /// The title and what was checked.
  public func begin(_ header: ReportHeader) -> String {
    let inputs = header.inputs.map { "`\(Self.escape($0))`" }.joined(separator: ", ")
    return """
      # Accessibility check

      - Profile: **\(Self.escape(header.profile.title))** (`\(header.profile.id.escapedForOneLine)`, \
      \(Self.escape(header.profile.standard)):\(Self.escape(header.profile.edition)))
      - Ladder: \(header.profile.ladder.map(Self.escape).joined(separator: " < "))
      - Inputs: \(inputs)
      - Tool: \(header.tool.name) \(header.tool.version)


      """
  }

  /// One building: its flats as a table, then what blocks each flat.
  public func building(_ building: BuildingReport) -> String {
    var lines = [
      "## Building \(Self.escape(building.id))"
        + (building.name.map { ": \(Self.escape($0))" } ?? "")
    ]
    if let address = building.address { lines += ["", Self.escape(address)] }
    lines.append("")
    let register = building.flats.first?.register.map { " Register (\(Self.escape($0.scheme))) |" }
    lines.append(
      "| Flat | Number | Storey | Class | Verified | Fails | Unknowns |" + (register ?? ""))
    lines.append("|---|---|---:|---|---|---:|---:|" + (register == nil ? "" : "---|"))
    for flat in building.flats {
      let fails = flat.findings.count { $0.status == .fail }
      let unknowns = flat.findings.count { $0.status == .unknown }
      let category =
        register == nil
        ? ""
        : " \(Self.escape(flat.register.map { String($0.words.dropFirst($0.scheme.count + 1)) } ?? "")) |"
      lines.append(
        "| \(Self.escape(flat.id)) | \(Self.escape(flat.number ?? "")) | \(flat.storey.map(String.init) ?? "") "
          + "| \(flat.class) | \(flat.verified ? "yes" : "no") | \(fails) | \(unknowns) |"
          + category)
    }
    for flat in building.flats where !flat.blockingRules.isEmpty {
      lines.append("")
      lines.append(
        "### Flat \(Self.escape(flat.id)): to reach \(flat.nextClass ?? "the next class")")
      lines.append("")
      let blockers = flat.blockers
      for finding in blockers.prefix(10) {
        var line =
          "- \(rule(finding.rule)), \(Self.escape(finding.standard)), \(Self.escape(finding.clause)): "
          + "\(Self.escape(finding.element)): \(Self.escape(finding.message))"
        if let remedy = finding.remedy { line += " — *\(Self.escape(remedy))*" }
        lines.append(line)
      }
      if blockers.count > 10 { lines.append("- … \(blockers.count - 10) more") }
      if let upgrade = flat.upgrade {
        lines.append("")
        lines.append("What it takes \(Self.escape(upgrade.summary))")
      }
    }
    // Ids, classes and rule ids are written unescaped: still one line each.
    return lines.map(\.escapedForOneLine).joined(separator: "\n") + "\n\n"
  }

  /// What to fix first: the flats one and two rules from their next class
  /// and the rules whose fix alone would lift the most flats, as tables;
  /// empty when no flat is blocked.
  public func fixFirst(_ view: FixFirst) -> String {
    let ranked = view.ranked
    guard !ranked.isEmpty else { return "" }
    let limit = TextReport.fixFirstLines
    var lines = ["## Fix first", ""]
    for (group, words) in [(view.oneRuleAway, "one rule"), (view.twoRulesAway, "two rules")]
    where group.count > 0 {
      lines.append("Flats \(words) from their next class: \(group.count).")
      lines.append("")
      // The planner's costs, when the check asked for them.
      let priced = group.flats.contains { $0.upgrade != nil }
      lines.append(
        "| Building | Flat | Class | Next class | Rules |" + (priced ? " What it takes |" : ""))
      lines.append("|---|---|---|---|---|" + (priced ? "---|" : ""))
      for miss in group.flats.prefix(limit) {
        let verified = miss.verified ? "" : " (unverified)"
        lines.append(
          "| \(Self.escape(miss.building)) | \(Self.escape(miss.flat)) | \(miss.class)\(verified) "
            + "| \(miss.nextClass) | \(miss.rules.map(rule).joined(separator: ", ")) |"
            + (priced ? " \(Self.escape(miss.upgrade?.summary ?? "")) |" : ""))
      }
      let shown = min(group.flats.count, limit)
      if group.count > shown {
        lines.append("")
        lines.append("… and \(group.count - shown) more.")
      }
      lines.append("")
    }
    lines.append("Rules by the flats their fix alone would lift:")
    lines.append("")
    lines.append("| Rule | Lifts | Blocks |")
    lines.append("|---|---:|---:|")
    for rank in ranked.prefix(limit) {
      lines.append("| \(rule(rank.rule)) | \(rank.lifts) | \(rank.blocks) |")
    }
    if ranked.count > limit {
      lines.append("")
      lines.append("… and \(ranked.count - limit) more rules.")
    }
    return lines.map(\.escapedForOneLine).joined(separator: "\n") + "\n\n"
  }

  /// A quarter's view: flats per class and building, the facilities, the
  /// outdoor paths' fails and unknowns, and how each flat reaches the
  /// facilities step-free.
  public func quarter(_ view: QuarterView, units: UnitSystem = .metric) -> String {
    var lines = [
      "## Quarter \(Self.escape(view.id))" + (view.name.map { ": \(Self.escape($0))" } ?? ""), "",
    ]
    let classes = Array(view.classes.reversed())
    lines.append("| Building | " + classes.joined(separator: " | ") + " | Total |")
    lines.append("|---|" + classes.map { _ in "---:|" }.joined() + "---:|")
    for building in view.buildings + [""] {
      let counts = classes.map { view.counts[$0]?[building] ?? 0 }
      lines.append(
        "| \(building.isEmpty ? "all" : Self.escape(building)) | "
          + counts.map(String.init).joined(separator: " | ") + " | \(counts.reduce(0, +)) |")
    }
    lines.append("")
    for presence in view.presence {
      let found = presence.facilities.isEmpty ? "none" : presence.facilities.joined(separator: ", ")
      lines.append("- \(Self.escape(presence.what)): \(Self.escape(found))")
    }
    let open = view.pathFindings.filter { $0.status == .fail || $0.status == .unknown }
    if !open.isEmpty {
      lines.append("")
      lines.append("Outdoor paths:")
      lines.append("")
      for finding in open.map({ FindingReport($0, units: units) }) {
        lines.append(
          "- \(finding.status.rawValue): \(rule(finding.rule)): \(Self.escape(finding.element)): "
            + Self.escape(finding.message))
      }
    }
    let facilities = view.flats.first?.reaches.map(\.facility) ?? []
    if !facilities.isEmpty {
      lines.append("")
      lines.append(
        "| Flat | Class | " + facilities.map(Self.escape).joined(separator: " | ") + " |")
      lines.append("|---|---|" + facilities.map { _ in "---|" }.joined())
      for flat in view.flats {
        let cells = flat.reaches.map { reach -> String in
          switch reach.status {
          case .pass: "yes"
          case .fail: "no: " + Self.escape(units.converting(reach.notes.first ?? ""))
          default: "unverified: " + Self.escape(units.converting(reach.notes.first ?? ""))
          }
        }
        lines.append(
          "| \(Self.escape(flat.flat)) | \(Self.escape(flat.classification.description)) | "
            + cells.joined(separator: " | ") + " |")
      }
    }
    return lines.map(\.escapedForOneLine).joined(separator: "\n") + "\n\n"
  }

  /// The summary: flats per class and findings per status.
  public func end(_ summary: ReportSummary, ladder: [String]) -> String {
    var lines = ["## Summary", "", "\(summary.buildings) buildings, \(summary.flats) flats.", ""]
    lines.append("| Class | Flats | Of those unverified |")
    lines.append("|---|---:|---:|")
    for level in ladder.reversed() {
      lines.append(
        "| \(level) | \(summary.byClass[level] ?? 0) | \(summary.unverifiedByClass[level] ?? 0) |")
    }
    lines.append("")
    lines.append("| Findings | Count |")
    lines.append("|---|---:|")
    for status in FindingStatus.allCases {
      // In words: `notApplicable` is the JSON key, not a heading for people.
      let words = status == .notApplicable ? "not applicable" : status.rawValue
      lines.append("| \(words) | \(summary.findings[status.rawValue] ?? 0) |")
    }
    return lines.map(\.escapedForOneLine).joined(separator: "\n") + "\n\n"
  }

  /// Text on one line (`escapedForOneLine`: a line break would end a
  /// table row) with Markdown's active characters escaped, `|` included
  /// (tables), `&` (character references) and, first in the text, what
  /// would start a list, a heading or a rule.
  static func escape(_ text: String) -> String {
    var result = ""
    for (index, character) in text.escapedForOneLine.enumerated() {
      if "\\`*_[]|<>#&~!".contains(character) || (index == 0 && "-+=".contains(character)) {
        result.append("\\")
      }
      result.append(character)
    }
    return result
  }
}
