import BarrierFreeInventory
import BarrierFreeModel
import Foundation
import Plot

/// A comparison of two surveys (`barrierfree compare`) in text, JSON
/// (Schemas/compare.schema.json), CSV, Markdown or one HTML page with a
/// before/after chart.
public enum CompareReport {
  /// The formats of a comparison.
  public enum Format: String, Sendable, CaseIterable {
    /// Plain text for a terminal.
    case text
    /// JSON (Schemas/compare.schema.json).
    case json
    /// CSV: a row per changed finding (and per flat whose class changed
    /// with no finding that did).
    case csv
    /// Markdown.
    case md
    /// One self-contained HTML page.
    case html
  }

  /// `comparison` in `format`.
  public static func render(
    _ comparison: SurveyComparison, format: Format, dialect: CSVReport.Dialect = .comma
  ) throws -> String {
    switch format {
    case .text: plainText(comparison)
    case .json: try json(comparison)
    case .csv: try csv(comparison, dialect: dialect)
    case .md: markdown(comparison)
    case .html: html(comparison)
    }
  }

  // MARK: Words shared by the formats

  /// `survey 1 (2025-05-01, spring)`.
  static func name(_ side: SurveyComparison.Side) -> String {
    // Two files compared: the files are the surveys (their numbers are
    // those of a temporary inventory).
    if side.surveyed == nil, let label = side.label, side.inputs == [label] {
      return label.escapedForOneLine
    }
    // Labels and file names come from users: one line each, always.
    let about = [side.surveyed, side.label].compactMap { $0?.escapedForOneLine }
      .joined(separator: ", ")
    return "survey \(side.survey)" + (about.isEmpty ? "" : " (\(about))")
  }

  /// `barrierReduced → barrierFree`, with `possibly` for an unverified class.
  static func classes(_ flat: SurveyComparison.FlatChange) -> String {
    func label(_ level: String, _ verified: Bool) -> String {
      verified ? level : "possibly \(level), unverified"
    }
    return
      "\(label(flat.classBefore, flat.verifiedBefore)) → \(label(flat.classAfter, flat.verifiedAfter))"
  }

  /// The flat in words: `b1 b1-f13 (no. 1.03, storey 1)`, or `b1 (the
  /// building's own places)`.
  static func flatName(_ flat: SurveyComparison.FlatChange) -> String {
    guard !flat.flat.isEmpty else { return "\(flat.building) (the building's own places)" }
    let about = [flat.number.map { "no. \($0)" }, flat.storey.map { "storey \($0)" }]
      .compactMap { $0 }.joined(separator: ", ")
    return "\(flat.building) \(flat.flat)" + (about.isEmpty ? "" : " (\(about))")
  }

  static let changeWords: [SurveyComparison.Change: String] = [
    .fixed: "fixed", .newFail: "new fail", .measuredPasses: "now measured, passes",
    .measuredFails: "now measured, fails", .nowUnknown: "no longer known",
    .stillFails: "still fails, measured anew",
  ]

  /// `fixed: shower.size at room bath › shower s: 1150 mm → 1500 mm (≥ 1200 mm)`.
  static func line(_ finding: SurveyComparison.FindingChange) -> String {
    func value(_ number: Double?) -> String {
      number.map { formatDecimal($0) + (finding.unit.map { " \($0)" } ?? "") } ?? "not measured"
    }
    var line =
      "\(changeWords[finding.change] ?? finding.change.rawValue): \(finding.rule) at \(finding.element)"
    switch (finding.measuredBefore, finding.measuredAfter) {
    case (nil, nil): break
    case (_?, _?): line += ": \(value(finding.measuredBefore)) → \(value(finding.measuredAfter))"
    // A pass a survey of fails and unknowns did not store has no value.
    case (_?, nil):
      line +=
        finding.after == "unknown"
        ? ": \(value(finding.measuredBefore)) → not measured"
        : ": was \(value(finding.measuredBefore)), passes now (its value is not kept: a survey of "
          + "fails and unknowns keeps no passes)"
    case (nil, _?):
      line +=
        finding.before == "unknown"
        ? ": not measured → \(value(finding.measuredAfter))"
        : ": now \(value(finding.measuredAfter))"
    }
    if let required = finding.required { line += " (required \(required))" }
    return line
  }

  /// The summary's sentences.
  static func summaryLines(_ comparison: SurveyComparison) -> [String] {
    let summary = comparison.summary
    let findings = SurveyComparison.Change.allCases.compactMap { change in
      summary.findings[change.rawValue].map { "\($0) \(changeWords[change] ?? change.rawValue)" }
    }
    return [
      "\(summary.flatsCompared) flats in both: \(summary.up) up, \(summary.down) down, "
        + "\(summary.verified) now verified, \(summary.unverified) no longer verified",
      "findings that changed: " + (findings.isEmpty ? "none" : findings.joined(separator: ", ")),
      "buildings: \(summary.buildingsAdded) added, \(summary.buildingsRemoved) removed; flats: "
        + "\(summary.flatsAdded) added, \(summary.flatsRemoved) removed",
    ]
  }

  /// Flats per class before and after, best class first.
  static func classRows(_ comparison: SurveyComparison) -> [(String, Int, Int)] {
    func count(_ side: SurveyComparison.Side, _ level: String) -> Int {
      side.byClass.first { $0.class == level }?.flats ?? 0
    }
    return comparison.ladder.reversed().map {
      ($0, count(comparison.before, $0), count(comparison.after, $0))
    }
  }

  static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

  // MARK: Text

  static func plainText(_ comparison: SurveyComparison) -> String {
    var lines = [
      "Comparison of \(name(comparison.before)) with \(name(comparison.after)), profile \(comparison.profile)",
      "  before: \(comparison.before.inputs.map(\.escapedForOneLine).joined(separator: ", "))",
      "  after:  \(comparison.after.inputs.map(\.escapedForOneLine).joined(separator: ", "))",
    ]
    lines += summaryLines(comparison)
    lines.append("")
    lines.append("flats per class: before → after")
    for (level, before, after) in classRows(comparison) {
      lines.append(
        "  \(level): \(before) → \(after)" + (before == after ? "" : " (\(signed(after - before)))")
      )
    }
    lines.append("")
    lines.append(comparison.flats.isEmpty ? "No flat changed." : "Flats that changed:")
    for flat in comparison.flats {
      lines.append(
        "  \(flatName(flat))"
          + (flat.flat.isEmpty ? "" : ": \(classes(flat)) (\(flat.direction.rawValue))"))
      for finding in flat.findings { lines.append("    " + line(finding)) }
    }
    for (title, list) in [("Added", comparison.added), ("Removed", comparison.removed)]
    where !list.isEmpty {
      lines.append("")
      lines.append("\(title):")
      for entry in list {
        lines.append(
          "  "
            + (entry.flat.map { "flat \(entry.building) \($0) (\(entry.class ?? ""))" }
              ?? "building \(entry.building)"))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: JSON

  static func json(_ comparison: SurveyComparison) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    /// The comparison's keys with the schema's version beside them.
    struct Document: Encodable {
      var comparison: SurveyComparison
      enum Keys: String, CodingKey { case schemaVersion }
      func encode(to encoder: any Encoder) throws {
        try comparison.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(1, forKey: .schemaVersion)
      }
    }
    return String(decoding: try encoder.encode(Document(comparison: comparison)), as: UTF8.self)
      + "\n"
  }

  // MARK: CSV

  static let csvHeader = [
    "building", "flat", "number", "storey", "class before", "class after", "verified before",
    "verified after", "direction", "rule", "element", "change", "status before", "status after",
    "measured before", "measured after", "unit", "required",
  ]

  static func csv(_ comparison: SurveyComparison, dialect: CSVReport.Dialect) throws -> String {
    var rows: [[String]] = []
    for flat in comparison.flats {
      let head = [
        flat.building, flat.flat, flat.number ?? "", flat.storey.map(String.init) ?? "",
        flat.classBefore, flat.classAfter, flat.verifiedBefore ? "yes" : "no",
        flat.verifiedAfter ? "yes" : "no", flat.direction.rawValue,
      ]
      if flat.findings.isEmpty { rows.append(head + Array(repeating: "", count: 9)) }
      for finding in flat.findings {
        rows.append(
          head + [
            finding.rule, finding.element, finding.change.rawValue, finding.before, finding.after,
            finding.measuredBefore.map(formatDecimal) ?? "",
            finding.measuredAfter.map(formatDecimal) ?? "", finding.unit ?? "",
            finding.required ?? "",
          ])
      }
    }
    return "\u{FEFF}"
      + (try CSVReport.lines(
        [csvHeader] + rows, header: csvHeader,
        numericColumns: ["storey", "measured before", "measured after"], dialect: dialect))
  }

  // MARK: Markdown

  /// Text for a Markdown table cell: pipes and line breaks escaped, and
  /// what Markdown would read as markup shown as written.
  static func cell(_ value: String) -> String {
    var result = ""
    for character in value {
      switch character {
      case "|", "\\", "*", "_", "`", "[", "]", "<", ">", "#": result += "\\\(character)"
      case "\n", "\r": result += " "
      default: result.append(character)
      }
    }
    return result
  }

  static func markdown(_ comparison: SurveyComparison) -> String {
    var lines = [
      "# Comparison of \(cell(name(comparison.before))) with \(cell(name(comparison.after)))", "",
      "Profile \(cell(comparison.profile)). Before: \(cell(comparison.before.inputs.joined(separator: ", "))). "
        + "After: \(cell(comparison.after.inputs.joined(separator: ", "))).", "",
    ]
    lines += summaryLines(comparison).map { "- " + cell($0) }
    lines += [
      "", "## Flats per class", "", "| class | before | after | change |", "|---|---:|---:|---:|",
    ]
    for (level, before, after) in classRows(comparison) {
      lines.append("| \(cell(level)) | \(before) | \(after) | \(signed(after - before)) |")
    }
    lines += ["", "## Flats that changed", ""]
    if comparison.flats.isEmpty {
      lines.append("No flat changed.")
    } else {
      lines += ["| flat | class | findings that changed |", "|---|---|---|"]
      for flat in comparison.flats {
        let findings = flat.findings.map { cell(line($0)) }.joined(separator: "<br>")
        lines.append(
          "| \(cell(flatName(flat))) | \(flat.flat.isEmpty ? "" : cell(classes(flat))) | \(findings) |"
        )
      }
    }
    for (title, list) in [("Added", comparison.added), ("Removed", comparison.removed)]
    where !list.isEmpty {
      lines += ["", "## \(title)", ""]
      for entry in list {
        lines.append(
          "- "
            + cell(
              entry.flat.map { "flat \(entry.building) \($0) (\(entry.class ?? ""))" }
                ?? "building \(entry.building)"))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: HTML

  static func html(_ comparison: SurveyComparison) -> String {
    let title = "Comparison of \(name(comparison.before)) with \(name(comparison.after))"
    let palette = Palette(ladder: comparison.ladder)
    let rows = classRows(comparison)
    var bars: [Chart.Bar] = []
    for (level, before, after) in rows {
      bars.append(
        Chart.Bar(
          label: "\(level), before", segments: [(palette.name(level), before)], note: "\(before)"))
      bars.append(
        Chart.Bar(
          label: "\(level), after", segments: [(palette.name(level), after)],
          note: "\(after)" + (after == before ? "" : " (\(signed(after - before)))")))
    }
    let description = rows.map { "\($0.0): \($0.1) before, \($0.2) after" }.joined(separator: "; ")
    let chart = Chart(
      id: "chart-compare", title: "Flats per class, before and after",
      description: description + ".", bars: bars, labelWidth: 200
    ).figure(
      head: .thead(
        .tr(
          .th(.attribute(named: "scope", value: "col"), "Class"),
          .th(.attribute(named: "scope", value: "col"), "Before"),
          .th(.attribute(named: "scope", value: "col"), "After"))),
      rows: .tbody(
        .forEach(rows) { row in
          .tr(
            .th(.attribute(named: "scope", value: "row"), text(row.0)),
            .td(.class("n"), text("\(row.1)")), .td(.class("n"), text("\(row.2)")))
        }))
    let page = HTML(
      .lang(.english),
      HTMLAssets.head(title, extraStyle: palette.css),
      .body(
        .raw(palette.definitions),
        .header(
          .h1(text(title)),
          .dl(
            .class("facts"),
            .dt("Profile"), .dd(text(comparison.profile)),
            .dt("Before"), .dd(text(comparison.before.inputs.joined(separator: ", "))),
            .dt("After"), .dd(text(comparison.after.inputs.joined(separator: ", "))))),
        .main(
          .section(
            .h2("Summary"),
            .ul(.forEach(summaryLines(comparison)) { .li(text($0)) }),
            chart),
          .section(
            .h2("Flats that changed"),
            comparison.flats.isEmpty
              ? .p("No flat changed.")
              : .div(
                .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
                .table(
                  .caption("Flats whose class or findings changed"),
                  .thead(
                    .tr(
                      .th(.attribute(named: "scope", value: "col"), "Flat"),
                      .th(.attribute(named: "scope", value: "col"), "Class"),
                      .th(.attribute(named: "scope", value: "col"), "Findings that changed"))),
                  .tbody(
                    .forEach(comparison.flats) { flat in
                      .tr(
                        .th(.attribute(named: "scope", value: "row"), text(flatName(flat))),
                        .td(text(flat.flat.isEmpty ? "" : classes(flat))),
                        .td(.ul(.forEach(flat.findings) { .li(text(line($0))) })))
                    })))),
          .if(
            !comparison.added.isEmpty || !comparison.removed.isEmpty,
            .section(
              .h2("Added and removed"),
              .ul(
                .forEach(comparison.added) { entry in
                  .li(text("added: " + presence(entry)))
                },
                .forEach(comparison.removed) { entry in
                  .li(text("removed: " + presence(entry)))
                })))
        )))
    return page.render() + "\n"
  }

  static func presence(_ entry: SurveyComparison.Presence) -> String {
    entry.flat.map { "flat \(entry.building) \($0) (\(entry.class ?? ""))" }
      ?? "building \(entry.building)"
  }
}

extension SurveyComparison.Change: CaseIterable {
  /// Every kind of change, in the order reports list them.
  public static let allCases: [SurveyComparison.Change] = [
    .fixed, .measuredPasses, .newFail, .measuredFails, .stillFails, .nowUnknown,
  ]
}
