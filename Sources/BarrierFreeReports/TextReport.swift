import BarrierFreeModel
import BarrierFreeRules

/// The plain-text report of `check`: per building and flat the class, the
/// route, the fails to the next level with remedies, and the unknowns; the
/// quarters' views; the summary. Made from the report model like every
/// other format.
public struct TextReport: Sendable {
  private let header: ReportHeader
  private let maxUnknowns: Int

  /// A writer for a check described by `header`, listing at most
  /// `maxUnknowns` unknowns per flat.
  public init(header: ReportHeader, maxUnknowns: Int = 10) {
    self.header = header
    self.maxUnknowns = maxUnknowns
  }

  // Every section ends by passing its lines through `escapedForOneLine`:
  // a line break or a control character in a value cannot start a line of
  // its own (a fake flat, a fake `file:1:1: error:`) or reach the terminal.

  /// One building: its own fails, then its flats.
  public func building(_ building: BuildingReport) -> String {
    var lines: [String] = []
    var heading = "building \(building.id)"
    if let name = building.name { heading += " \"\(name)\"" }
    if let address = building.address { heading += ", \(address)" }
    lines.append(heading)
    let fails = building.findings.filter { $0.status == .fail }
    if !fails.isEmpty {
      lines.append("  the building's places and connectors, \(fails.count) fail:")
      for group in fails.groupedByRule() {
        lines += self.group(group, indent: "    ")
      }
    }
    if building.flats.isEmpty { lines.append("  no flats") }
    for flat in building.flats {
      lines += self.flat(flat)
    }
    return lines.map(\.escapedForOneLine).joined(separator: "\n") + "\n\n"
  }

  private func flat(_ flat: FlatReport) -> [String] {
    var name = "flat \(flat.id)"
    var details: [String] = []
    if let number = flat.number, number != flat.id { details.append("no. \(number)") }
    if let storey = flat.storey { details.append("storey \(storey)") }
    if !details.isEmpty { name += " (\(details.joined(separator: ", ")))" }
    let counts = [
      "\(flat.count(.pass)) pass", "\(flat.count(.fail)) fail",
      "\(flat.count(.unknown)) unknown", "\(flat.count(.notApplicable)) not applicable",
    ].joined(separator: ", ")
    var lines = ["  \(name): \(flat.classLabel)   [\(counts)]"]
    if let register = flat.register { lines.append("    register \(register.words)") }
    if let problem = flat.routeProblem {
      lines.append("    route: \(problem)")
    } else if let route = flat.route {
      lines.append("    route: " + route.joined(separator: " → "))
    }
    let blockers = flat.blockers
    if let next = flat.nextClass, !blockers.isEmpty {
      lines.append("    to reach \(next), fix \(blockers.count):")
      for group in blockers.groupedByRule() {
        lines += self.group(group, indent: "      ")
      }
    }
    if let upgrade = flat.upgrade { lines.append("    what it takes \(upgrade.summary)") }
    // The counts above count the unknowns at the checked profile, and each
    // is listed: first what keeps the class unverified (at its level and
    // below), then what only a higher class asks. `maxUnknowns` caps the
    // two lists together, and says so.
    let questions = flat.openQuestions
    let asked = Set(questions.map { [$0.rule, $0.element] })
    let higher = flat.findings.filter {
      $0.status == .unknown && !asked.contains([$0.rule, $0.element])
    }
    var room = maxUnknowns
    if !questions.isEmpty {
      lines.append("    unverified, \(questions.count) unknown:")
      lines += unknowns(questions, room: &room)
    }
    if !higher.isEmpty {
      lines.append("    unknown for a higher class, \(higher.count):")
      lines += unknowns(higher, room: &room)
    }
    return lines
  }

  /// As many of `findings` as there is `room` for, and how many more there
  /// are.
  private func unknowns(_ findings: [FindingReport], room: inout Int) -> [String] {
    let shown = findings.prefix(room)
    room -= shown.count
    var lines = shown.map { "      unknown: \(describe($0))" }
    if findings.count > shown.count {
      lines.append(
        "      … \(findings.count - shown.count) more, not listed (--max-unknowns \(maxUnknowns))")
    }
    return lines
  }

  /// One fail with its remedy, or several fails of one rule on one line
  /// each under the rule's title, with the remedy once.
  private func group(_ findings: [FindingReport], indent: String) -> [String] {
    guard let first = findings.first else { return [] }
    guard findings.count > 1 else {
      var lines = ["\(indent)fail: \(describe(first))"]
      if let remedy = first.remedy { lines.append("\(indent)  → \(remedy)") }
      return lines
    }
    let title = rule(withID: first.rule)?.description.title ?? first.rule
    var lines = [
      "\(indent)fail ×\(findings.count): \(title)  [\(first.rule); \(citation(first))]"
    ]
    for finding in findings {
      lines.append("\(indent)  \(place(of: finding)): \(finding.message)")
    }
    let remedies = Set(findings.compactMap(\.remedy))
    if remedies.count == 1, let remedy = remedies.first {
      lines.append("\(indent)  → \(remedy)")
    } else {
      for finding in findings {
        if let remedy = finding.remedy {
          lines.append("\(indent)  → \(place(of: finding)): \(remedy)")
        }
      }
    }
    return lines
  }

  private func citation(_ finding: FindingReport) -> String {
    finding.citationMarked
  }

  /// The element's path from below the flat.
  private func place(of finding: FindingReport) -> String {
    finding.place.isEmpty ? "flat" : finding.place
  }

  /// `door bath-door: clear width 750 mm; ≥ 800 mm required
  /// [door.clear-width; DIN 18040-2:2011-09, 5.3.1]`, the path
  /// from below the flat.
  private func describe(_ finding: FindingReport) -> String {
    "\(place(of: finding)): \(finding.message)  [\(finding.rule); \(citation(finding))]"
  }

  /// The quarter view: flats per class and building, the facilities, what
  /// fails on the outdoor paths, and whether each flat reaches the café and
  /// the care base step-free.
  public func quarter(_ view: QuarterView) -> String {
    let units = header.units
    var lines = ["quarter \(view.id)" + (view.name.map { " \"\($0)\"" } ?? "")]
    let classes = Array(view.classes.reversed())
    let width = max(12, (view.buildings.map(\.count).max() ?? 0) + 2)
    let column = max(14, (classes.map(\.count).max() ?? 0) + 2)
    func pad(_ text: String, _ size: Int) -> String {
      text + String(repeating: " ", count: max(1, size - text.count))
    }
    lines.append("  flats per class")
    lines.append(
      "    " + pad("building", width) + classes.map { pad($0, column) }.joined() + "total")
    for building in view.buildings + [""] {
      let counts = classes.map { view.counts[$0]?[building] ?? 0 }
      let total = counts.reduce(0, +)
      let cells = counts.map { count -> String in
        guard building.isEmpty, total > 0 else { return pad("\(count)", column) }
        return pad("\(count) (\(Int((Double(count) * 100 / Double(total)).rounded())) %)", column)
      }
      lines.append(
        "    " + pad(building.isEmpty ? "all" : building, width) + cells.joined() + "\(total)")
    }
    let unverified = classes.compactMap { level -> String? in
      guard let count = view.unverified[level]?[""], count > 0 else { return nil }
      return "\(level) \(count)"
    }
    if !unverified.isEmpty {
      lines.append("    of those possibly, unverified: " + unverified.joined(separator: ", "))
    }
    for presence in view.presence {
      let found = presence.facilities.isEmpty ? "none" : presence.facilities.joined(separator: ", ")
      lines.append("  \(presence.what): \(found)")
    }
    if !view.pathFindings.isEmpty {
      lines.append("  outdoor paths:")
      for finding in view.pathFindings.map({ FindingReport($0, units: units) }) {
        lines.append("    \(finding.status.rawValue): \(describe(finding))")
      }
    }
    lines.append("  step-free reach:")
    for flat in view.flats {
      let reaches = flat.reaches.map { reach -> String in
        // Only paths and ramps have lengths: 0 m means inside the building.
        let length: String
        if let measured = reach.length {
          length = measured.millimetres > 0 ? ", \(units.distance(measured))" : ""
        } else {
          length = ", length not known"
        }
        let more = reach.notes.count > 1 ? " and \(reach.notes.count - 1) more" : ""
        let note = units.converting(reach.notes.first ?? "")
        switch reach.status {
        case .pass: return "\(reach.facility) yes\(length)"
        case .fail: return "\(reach.facility) no (\(note)\(more))"
        default: return "\(reach.facility) unverified (\(note)\(more))"
        }
      }
      lines.append(
        "    \(flat.flat) (\(flat.classification)): " + reaches.joined(separator: "; "))
    }
    return lines.map(\.escapedForOneLine).joined(separator: "\n") + "\n\n"
  }

  /// The summary, after what to fix first unless `fixFirst` is false: the
  /// profile, flats per class and findings per status.
  public func summary(_ summary: ReportSummary, fixFirst withFixFirst: Bool = true) -> String {
    let profile = header.profile
    var lines = withFixFirst ? fixFirst(summary.fixFirst) : []
    let edition =
      profile.edition.isEmpty ? profile.standard : "\(profile.standard):\(profile.edition)"
    lines.append("profile \(profile.id): \(profile.title) (\(edition))")
    lines.append("ladder: " + profile.ladder.joined(separator: " < "))
    lines.append("\(count(summary.buildings, "building")), \(count(summary.flats, "flat"))")
    for level in profile.ladder.reversed() {
      let total = summary.byClass[level, default: 0]
      let unverified = summary.unverifiedByClass[level, default: 0]
      var line = "  \(level): \(total)"
      if unverified > 0 {
        line += " (\(total - unverified) verified, \(unverified) possibly, unverified)"
      }
      lines.append(line)
    }
    let findings = summary.findings
    lines.append(
      "findings at \(profile.id): \(findings["pass", default: 0]) pass, "
        + "\(findings["fail", default: 0]) fail, \(findings["unknown", default: 0]) unknown, "
        + "\(findings["notApplicable", default: 0]) not applicable")
    return lines.map(\.escapedForOneLine).joined(separator: "\n") + "\n"
  }

  /// How many flats and rules the text lists in the fix-first view; the
  /// JSON report lists 50 flats of each group and every rule.
  static let fixFirstLines = 10

  /// What to fix first: the flats one and two rules from their next class,
  /// and the rules whose fix would lift the most; nothing when no flat is
  /// blocked.
  func fixFirst(_ view: FixFirst) -> [String] {
    let ranked = view.ranked
    guard !ranked.isEmpty else { return [] }
    var lines = ["fix first"]
    for (group, words) in [(view.oneRuleAway, "1 rule"), (view.twoRulesAway, "2 rules")]
    where group.count > 0 {
      lines.append("  \(words) from the next class: \(count(group.count, "flat"))")
      for miss in group.flats.prefix(Self.fixFirstLines) {
        let verified = miss.verified ? "" : " (unverified)"
        lines.append(
          "    \(miss.building) \(miss.flat) \(miss.class)\(verified) → \(miss.nextClass): "
            + miss.rules.map(header.titled).joined(separator: ", ")
            + (miss.upgrade.map { "; \($0.summary)" } ?? ""))
      }
      let shown = min(group.flats.count, Self.fixFirstLines)
      if group.count > shown { lines.append("    … and \(group.count - shown) more") }
    }
    lines.append("  rules by the flats their fix alone would lift (lifts, blocks):")
    for rank in ranked.prefix(Self.fixFirstLines) {
      lines.append(
        "    \(header.titled(rank.rule)): lifts \(rank.lifts), blocks \(rank.blocks)")
    }
    if ranked.count > Self.fixFirstLines {
      lines.append("    … and \(ranked.count - Self.fixFirstLines) more rules")
    }
    return lines + [""]
  }

  private func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }
}
