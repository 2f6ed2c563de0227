import BarrierFreeMatching
import BarrierFreeModel
import BarrierFreeRules

/// The renderings of a match: text, JSON (Schemas/match.schema.json), CSV
/// (a row per household and listed flat, or a row per flat), Markdown and
/// HTML. Each is handed to `write` in pieces, so a portfolio of 100,000
/// flats is not held twice.
public enum MatchReport {
  /// What a CSV row stands for.
  public enum CSVRows: String, Sendable, CaseIterable {
    /// A row per household and listed flat, in group and rank order.
    case household
    /// A row per flat: its category and the households it suits.
    case flat
  }

  /// Lines handed to `write` at once.
  static let chunk = 2000

  // MARK: words

  /// `b1 b1-f01 (no. 0.01, storey 0)`.
  static func label(_ flat: FlatRow) -> String {
    var parts: [String] = []
    if let number = flat.number { parts.append("no. \(number)") }
    if let storey = flat.storey { parts.append("storey \(storey)") }
    let detail = parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
    return "\(flat.building) \(flat.flat)\(detail)"
  }

  /// `wheelchair`, or `possibly wheelchair (unverified)`.
  static func classWords(_ classification: Classification) -> String {
    classification.verified
      ? classification.class : "possibly \(classification.class) (unverified)"
  }

  /// `1500–4000 EUR`, `from 1500 EUR`.
  static func cost(_ match: FlatMatch) -> String {
    let low = Int(match.costLow.rounded())
    let high = Int(match.costHigh.rounded())
    let range = low == high ? "\(low) EUR" : "\(low)–\(high) EUR"
    return (match.fromPrices ? "\(range), some prices \"from\"" : range)
      + (match.surveyNeeded ? ", survey needed" : "")
  }

  /// A household's needs in words.
  public static func needsWords(_ needs: Needs, mapping: NeedMapping) -> String {
    var parts = needs.mapped.map { id in mapping.need(id)?.title ?? id }
    if let steps = needs.maxSteps {
      parts.append(steps == 0 ? "no steps" : "at most \(steps) steps")
    }
    if let bedrooms = needs.bedroomsRequired {
      parts.append(
        "\(plural(bedrooms, "bedroom"))" + (needs.carerRoom ? " (one for an overnight carer)" : ""))
    }
    if let storey = needs.highestStoreyWithoutLift {
      parts.append("stairs to storey \(storey) at most, a lift above")
    }
    for nearness in needs.near {
      let name = nearness.facility == "careBase" ? "care base" : "café"
      parts.append("\(name) within \(Int((nearness.within.millimetres / 1000).rounded())) m")
    }
    return parts.isEmpty ? "no need given" : parts.joined(separator: ", ")
  }

  /// What a listed flat says beside its label, by group.
  static func why(_ match: FlatMatch) -> String {
    switch match.status {
    case .suits:
      return match.surplus == 0 ? "" : "meets \(plural(match.surplus, "need")) more than asked"
    case .afterUpgrade:
      var text =
        "\(cost(match)) (\(match.measures.joined(separator: ", "))); clears: "
        + match.reasons.joined(separator: "; ")
      if !match.toMeasure.isEmpty {
        text += "; then measure: " + match.toMeasure.prefix(3).joined(separator: "; ")
      }
      return text
    case .notKnown:
      return "measure first: " + match.toMeasure.prefix(3).joined(separator: "; ")
        + (match.unknownCount > 3 ? " (\(match.unknownCount) in all)" : "")
    case .doesNotSuit:
      return match.reasons.joined(separator: "; ")
    }
  }

  static func category(_ result: MatchResult, _ index: Int) -> String {
    let flat = result.flats[index]
    return flat.possibleCategories.isEmpty
      ? flat.category
      : "\(flat.category) (\(flat.possibleCategories.joined(separator: ", ")) possible)"
  }

  static func householdTitle(_ household: Household) -> String {
    var text = household.id
    if let name = household.name { text += " \(name)" }
    var given: [String] = []
    if let profile = household.profile { given.append("profile \(profile)") }
    if let category = household.category { given.append("category \(category)") }
    if !given.isEmpty { text += " [\(given.joined(separator: ", "))]" }
    return text
  }

  // MARK: text

  /// The match as text.
  public static func writeText<E: Error>(
    _ result: MatchResult, to write: (String) throws(E) -> Void
  ) throws(E) {
    var lines: [String] = []
    func flush(_ force: Bool = false) throws(E) {
      guard force || lines.count >= chunk else { return }
      if !lines.isEmpty { try write(lines.joined(separator: "\n") + "\n") }
      lines.removeAll(keepingCapacity: true)
    }
    lines.append(
      "Needs matching under \(result.profile); register scheme \(result.scheme.id) "
        + "(\(result.scheme.title.escapedForOneLine))")
    lines.append(
      "\(plural(result.flats.count, "flat")), \(plural(result.households.count, "household"))"
        + (result.limit > 0 ? "; the first \(result.limit) flats of each group are listed" : ""))
    for found in result.households {
      lines.append("")
      lines.append("Household \(householdTitle(found.household).escapedForOneLine)")
      lines.append(
        "  needs: \(needsWords(found.household.needs, mapping: result.mapping).escapedForOneLine)")
      for status in MatchStatus.allCases {
        let count = found.counts[status, default: 0]
        lines.append("  \(status.title) (\(count))\(count == 0 ? "" : ":")")
        for (rank, match) in (found.groups[status] ?? []).enumerated() {
          let flat = result.flats[match.flat]
          let why = why(match)
          lines.append(
            "    \(rank + 1). \(label(flat).escapedForOneLine), \(classWords(flat.classification)), "
              + "\(result.scheme.id) \(category(result, match.flat))"
              + (why.isEmpty ? "" : ": \(why.escapedForOneLine)"))
        }
      }
      try flush()
    }
    lines.append("")
    lines.append("Flats, with the households each suits")
    for (index, flat) in result.flats.enumerated() {
      let households = result.flats[index].households
      var text =
        "  \(label(flat).escapedForOneLine), \(classWords(flat.classification)), "
        + "\(result.scheme.id) \(category(result, index))"
      text += "; suits now: " + names(households.suitsNow, households.suitsNowCount)
      text += "; after an upgrade: " + names(households.afterUpgrade, households.afterUpgradeCount)
      lines.append(text)
      try flush()
    }
    try flush(true)
  }

  /// `h01, h02 and 3 more`, `none`.
  static func names(_ shown: [String], _ count: Int) -> String {
    guard count > 0 else { return "none" }
    let more = count - shown.count
    return shown.map(\.escapedForOneLine).joined(separator: ", ")
      + (more > 0 ? " and \(more) more" : "")
  }

  // MARK: JSON

  /// The match as JSON, valid against Schemas/match.schema.json.
  public static func writeJSON<E: Error>(
    _ result: MatchResult, to write: (String) throws(E) -> Void
  ) throws(E) {
    var json = JSONText()
    json.raw("{\"schemaVersion\":1,\"profile\":")
    json.string(result.profile)
    json.raw(",\"scheme\":{\"id\":")
    json.string(result.scheme.id)
    json.raw(",\"title\":")
    json.string(result.scheme.title)
    json.raw(",\"notAssessed\":")
    json.string(result.scheme.notAssessed)
    json.raw("},\"limit\":")
    json.int(result.limit)
    json.raw(",\"needs\":[")
    json.separated(result.mapping.needs) { json, need in
      json.raw("{\"id\":")
      json.string(need.id)
      json.raw(",\"title\":")
      json.string(need.title)
      json.raw(",\"class\":")
      json.string(need.class)
      json.raw(",\"rules\":")
      if let rules = need.rules { json.strings(rules) } else { json.raw("\"*\"") }
      json.raw(",\"source\":")
      json.string(need.source)
      json.raw(",\"certainty\":")
      json.string(need.certainty)
      json.raw("}")
    }
    json.raw("],\"households\":[")
    try write(json.text)
    json.removeAll()
    for (index, found) in result.households.enumerated() {
      if index > 0 { json.raw(",") }
      household(&json, found, result)
      try write(json.text)
      json.removeAll()
    }
    json.raw("],\"flats\":[")
    for (index, flat) in result.flats.enumerated() {
      if index > 0 { json.raw(",") }
      self.flat(&json, flat, index: index, result)
      if index % 500 == 499 {
        try write(json.text)
        json.removeAll()
      }
    }
    json.raw("]}\n")
    try write(json.text)
  }

  private static func household(
    _ json: inout JSONText, _ found: HouseholdMatches, _ result: MatchResult
  ) {
    let household = found.household
    json.raw("{\"id\":")
    json.string(household.id)
    json.raw(",\"name\":")
    json.string(household.name)
    json.raw(",\"profile\":")
    json.string(household.profile)
    json.raw(",\"category\":")
    json.string(household.category?.category)
    json.raw(",\"needs\":{\"mapped\":")
    json.strings(household.needs.mapped)
    json.raw(",\"maxSteps\":")
    json.int(household.needs.maxSteps)
    json.raw(",\"bedrooms\":")
    json.int(household.needs.bedroomsRequired)
    json.raw(",\"carerRoom\":")
    json.bool(household.needs.carerRoom)
    json.raw(",\"highestStoreyWithoutLift\":")
    json.int(household.needs.highestStoreyWithoutLift)
    json.raw(",\"near\":[")
    json.separated(household.needs.near) { json, nearness in
      json.raw("{\"facility\":")
      json.string(nearness.facility)
      json.raw(",\"withinMetres\":")
      json.number(nearness.within.millimetres / 1000)
      json.raw("}")
    }
    json.raw("]},\"counts\":{")
    json.separated(MatchStatus.allCases) { json, status in
      json.string(status.rawValue)
      json.raw(":")
      json.int(found.counts[status, default: 0])
    }
    json.raw("},\"groups\":{")
    json.separated(MatchStatus.allCases) { json, status in
      json.string(status.rawValue)
      json.raw(":[")
      json.separated(found.groups[status] ?? []) { json, match in
        let flat = result.flats[match.flat]
        json.raw("{\"building\":")
        json.string(flat.building)
        json.raw(",\"flat\":")
        json.string(flat.flat)
        json.raw(",\"reasons\":")
        json.strings(match.reasons)
        json.raw(",\"toMeasure\":")
        json.strings(match.toMeasure)
        json.raw(",\"unknownCount\":")
        json.int(match.unknownCount)
        json.raw(",\"surplus\":")
        json.int(match.surplus)
        if match.status == .afterUpgrade {
          json.raw(",\"upgrade\":{\"currency\":\"EUR\",\"low\":")
          json.number(match.costLow.rounded())
          json.raw(",\"high\":")
          json.number(match.costHigh.rounded())
          json.raw(",\"fromPrices\":")
          json.bool(match.fromPrices)
          json.raw(",\"surveyNeeded\":")
          json.bool(match.surveyNeeded)
          json.raw(",\"measures\":")
          json.strings(match.measures)
          json.raw("}")
        }
        json.raw("}")
      }
      json.raw("]")
    }
    json.raw("}}")
  }

  private static func flat(
    _ json: inout JSONText, _ flat: FlatRow, index: Int, _ result: MatchResult
  ) {
    let households = flat.households
    json.raw("{\"building\":")
    json.string(flat.building)
    json.raw(",\"flat\":")
    json.string(flat.flat)
    json.raw(",\"number\":")
    json.string(flat.number)
    json.raw(",\"quarter\":")
    json.string(flat.quarter)
    json.raw(",\"storey\":")
    json.int(flat.storey)
    json.raw(",\"class\":")
    json.string(flat.classification.class)
    json.raw(",\"verified\":")
    json.bool(flat.classification.verified)
    json.raw(",\"category\":")
    json.string(flat.category)
    json.raw(",\"possibleCategories\":")
    json.strings(flat.possibleCategories)
    json.raw(",\"routeSteps\":")
    if let steps = flat.routeSteps {
      json.raw("{\"count\":")
      json.int(steps.count)
      json.raw(",\"exact\":")
      json.bool(steps.exact)
      json.raw("}")
    } else {
      json.raw("null")
    }
    json.raw(",\"bedrooms\":")
    json.int(flat.bedrooms)
    json.raw(",\"suitsNow\":{\"count\":")
    json.int(households.suitsNowCount)
    json.raw(",\"first\":")
    json.strings(households.suitsNow)
    json.raw("},\"afterUpgrade\":{\"count\":")
    json.int(households.afterUpgradeCount)
    json.raw(",\"first\":")
    json.strings(households.afterUpgrade)
    json.raw("}}")
  }

  // MARK: CSV

  /// The CSV's header and its numeric columns.
  static func csvColumns(_ rows: CSVRows) -> (header: [String], numeric: Set<String>) {
    switch rows {
    case .household:
      return (
        [
          "household", "household name", "group", "rank", "group size", "building", "flat",
          "number", "quarter", "storey", "class", "verified", "category", "cost low", "cost high",
          "from prices", "survey needed", "measures", "reasons", "to measure",
        ], ["rank", "group size", "storey", "cost low", "cost high"]
      )
    case .flat:
      return (
        [
          "building", "flat", "number", "quarter", "storey", "class", "verified", "category",
          "possible categories", "route steps", "bedrooms", "suits now", "suits now (first)",
          "after an upgrade", "after an upgrade (first)",
        ], ["storey", "route steps", "bedrooms", "suits now", "after an upgrade"]
      )
    }
  }

  /// The match as CSV, escaped as the check's CSV (no formulas).
  public static func writeCSV<E: Error>(
    _ result: MatchResult, rows: CSVRows = .household, dialect: CSVReport.Dialect = .comma,
    to write: (String) throws(E) -> Void
  ) throws(E) {
    let (header, numeric) = csvColumns(rows)
    // A byte-order mark, as the check's CSV: spreadsheets then read UTF-8.
    try write("\u{FEFF}")
    var table: [[String]] = [header]
    switch rows {
    case .household:
      for found in result.households {
        for status in MatchStatus.allCases {
          for (rank, match) in (found.groups[status] ?? []).enumerated() {
            let flat = result.flats[match.flat]
            let upgrade = status == .afterUpgrade
            table.append([
              found.household.id, found.household.name ?? "", status.rawValue, "\(rank + 1)",
              "\(found.counts[status, default: 0])", flat.building, flat.flat, flat.number ?? "",
              flat.quarter ?? "", flat.storey.map(String.init) ?? "", flat.classification.class,
              flat.classification.verified ? "yes" : "no", result.flats[match.flat].category,
              upgrade ? "\(Int(match.costLow.rounded()))" : "",
              upgrade ? "\(Int(match.costHigh.rounded()))" : "",
              upgrade ? (match.fromPrices ? "yes" : "no") : "",
              upgrade ? (match.surveyNeeded ? "yes" : "no") : "",
              match.measures.joined(separator: " "), match.reasons.joined(separator: "; "),
              match.toMeasure.joined(separator: "; "),
            ])
            if table.count >= chunk {
              try emitCSV(&table, header, numeric, dialect, write)
            }
          }
        }
      }
    case .flat:
      for flat in result.flats {
        let households = flat.households
        table.append([
          flat.building, flat.flat, flat.number ?? "", flat.quarter ?? "",
          flat.storey.map(String.init) ?? "", flat.classification.class,
          flat.classification.verified ? "yes" : "no", flat.category,
          flat.possibleCategories.joined(separator: " "),
          flat.routeSteps.map { $0.exact ? "\($0.count)" : "\($0.count)+" } ?? "",
          flat.bedrooms.map(String.init) ?? "", "\(households.suitsNowCount)",
          households.suitsNow.joined(separator: " "), "\(households.afterUpgradeCount)",
          households.afterUpgrade.joined(separator: " "),
        ])
        if table.count >= chunk { try emitCSV(&table, header, numeric, dialect, write) }
      }
    }
    try emitCSV(&table, header, numeric, dialect, write)
  }

  /// Writes the rows of `table` and empties it.
  private static func emitCSV<E: Error>(
    _ table: inout [[String]], _ header: [String], _ numeric: Set<String>,
    _ dialect: CSVReport.Dialect, _ write: (String) throws(E) -> Void
  ) throws(E) {
    guard !table.isEmpty else { return }
    // The rows are plain strings: making their text cannot fail.
    let text =
      (try? CSVReport.lines(table, header: header, numericColumns: numeric, dialect: dialect)) ?? ""
    table.removeAll(keepingCapacity: true)
    try write(text)
  }

  // MARK: Markdown

  /// The match as Markdown: a table of households, then each household's
  /// groups, then the flats.
  public static func writeMarkdown<E: Error>(
    _ result: MatchResult, to write: (String) throws(E) -> Void
  ) throws(E) {
    func cell(_ text: String) -> String { MarkdownReport.escape(text) }
    var lines: [String] = []
    func flush(_ force: Bool = false) throws(E) {
      guard force || lines.count >= chunk else { return }
      if !lines.isEmpty { try write(lines.joined(separator: "\n") + "\n") }
      lines.removeAll(keepingCapacity: true)
    }
    lines.append("# Needs matching under \(cell(result.profile))")
    lines.append("")
    lines.append(
      "Register scheme: \(cell(result.scheme.title)) (`\(result.scheme.id)`). "
        + "\(plural(result.flats.count, "flat")), \(plural(result.households.count, "household")).")
    lines.append("")
    lines.append("| household | needs | suits now | after an upgrade | not known | does not suit |")
    lines.append("|---|---|---:|---:|---:|---:|")
    for found in result.households {
      let counts = MatchStatus.allCases.map { "\(found.counts[$0, default: 0])" }
      lines.append(
        "| \(cell(householdTitle(found.household))) | "
          + "\(cell(needsWords(found.household.needs, mapping: result.mapping))) | "
          + counts.joined(separator: " | ") + " |")
    }
    for found in result.households {
      lines.append("")
      lines.append("## \(cell(householdTitle(found.household)))")
      for status in MatchStatus.allCases {
        let group = found.groups[status] ?? []
        lines.append("")
        lines.append("### \(status.title) (\(found.counts[status, default: 0]))")
        guard !group.isEmpty else { continue }
        lines.append("")
        lines.append("| # | flat | class | category | why |")
        lines.append("|---:|---|---|---|---|")
        for (rank, match) in group.enumerated() {
          let flat = result.flats[match.flat]
          lines.append(
            "| \(rank + 1) | \(cell(label(flat))) | \(cell(classWords(flat.classification))) | "
              + "\(cell(category(result, match.flat))) | \(cell(why(match))) |")
        }
      }
      try flush()
    }
    lines.append("")
    lines.append("## Flats")
    lines.append("")
    lines.append("| flat | class | category | suits now | after an upgrade |")
    lines.append("|---|---|---|---|---|")
    for (index, flat) in result.flats.enumerated() {
      let households = result.flats[index].households
      lines.append(
        "| \(cell(label(flat))) | \(cell(classWords(flat.classification))) | "
          + "\(cell(category(result, index))) | "
          + "\(cell(names(households.suitsNow, households.suitsNowCount))) | "
          + "\(cell(names(households.afterUpgrade, households.afterUpgradeCount))) |")
      try flush()
    }
    try flush(true)
  }
}

extension MatchReport {
  /// The match as one HTML page (for now the Markdown's content in a
  /// page; see writeHTML's tests).
  public static func writeHTML<E: Error>(
    _ result: MatchResult, to write: (String) throws(E) -> Void
  ) throws(E) {
    try write(MatchPage.render(result))
  }
}
