import BarrierFreeModel
import BarrierFreeRules

/// Writes a report as Markdown for tickets and wikis (CommonMark with GFM
/// tables): a heading per building, a table of its flats, and per flat the
/// fails that stand between it and the next class, then the summary.
public struct MarkdownReport: Sendable {
  /// A writer.
  public init() {}

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
    lines.append("| Flat | Number | Storey | Class | Verified | Fails | Unknowns |")
    lines.append("|---|---|---:|---|---|---:|---:|")
    for flat in building.flats {
      let fails = flat.findings.count { $0.status == .fail }
      let unknowns = flat.findings.count { $0.status == .unknown }
      lines.append(
        "| \(Self.escape(flat.id)) | \(Self.escape(flat.number ?? "")) | \(flat.storey.map(String.init) ?? "") "
          + "| \(flat.class) | \(flat.verified ? "yes" : "no") | \(fails) | \(unknowns) |")
    }
    for flat in building.flats where !flat.blockingRules.isEmpty {
      lines.append("")
      lines.append(
        "### Flat \(Self.escape(flat.id)): to reach \(flat.nextClass ?? "the next class")")
      lines.append("")
      let blockers = flat.blockers
      for finding in blockers.prefix(10) {
        var line =
          "- **\(finding.rule)** (\(Self.escape(finding.standard)), \(Self.escape(finding.clause))): "
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
    return lines.map(\.escapedForOneLine).joined(separator: "\n") + "\n"
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
