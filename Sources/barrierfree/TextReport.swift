import BarrierFree

/// The plain-text report of `check`: per building and flat the class, the
/// fails to the next level with remedies, and the unknowns.
struct TextReport {
  let ladder: Ladder
  let maxUnknowns: Int

  func building(_ building: BuildingAssessment) -> String {
    var lines: [String] = []
    var heading = "building \(building.id)"
    if let name = building.name { heading += " \"\(name)\"" }
    if let address = building.address?.description, !address.isEmpty {
      heading += ", \(address)"
    }
    lines.append(heading)
    if building.flats.isEmpty { lines.append("  no flats") }
    for flat in building.flats {
      lines += self.flat(flat)
    }
    return lines.joined(separator: "\n") + "\n\n"
  }

  private func flat(_ flat: FlatAssessment) -> [String] {
    var name = "flat \(flat.id)"
    var details: [String] = []
    if let number = flat.number, number != flat.id { details.append("no. \(number)") }
    if let storey = flat.storey { details.append("storey \(storey)") }
    if !details.isEmpty { name += " (\(details.joined(separator: ", ")))" }
    let classification = flat.classification
    let top = flat.levels.last
    let counts = [
      "\(top?.count(.pass) ?? 0) pass", "\(top?.count(.fail) ?? 0) fail",
      "\(top?.count(.unknown) ?? 0) unknown",
      "\(top?.count(.notApplicable) ?? 0) not applicable",
    ].joined(separator: ", ")
    var lines = ["  \(name): \(classification)   [\(counts)]"]
    if let route = top?.route {
      switch route.outcome {
      case .found: lines.append("    route: " + route.steps.joined(separator: " → "))
      case .unreachable: lines.append("    route: none recorded to \(route.target)")
      case .noSource: lines.append("    route: no public way recorded")
      }
    }
    let blockers = flat.blockers
    if let next = classification.nextLevel, !blockers.isEmpty {
      lines.append("    to reach \(next), fix \(blockers.count):")
      for group in grouped(blockers) {
        lines += self.group(group)
      }
    }
    let questions = flat.openQuestions
    if !questions.isEmpty {
      lines.append("    unverified, \(questions.count) unknown:")
      for finding in questions.prefix(maxUnknowns) {
        lines.append("      unknown: \(describe(finding))")
      }
      if questions.count > maxUnknowns {
        lines.append("      … \(questions.count - maxUnknowns) more")
      }
    }
    return lines
  }

  /// Findings of one rule and citation together, in the order each first
  /// appears.
  private func grouped(_ findings: [Finding]) -> [[Finding]] {
    var order: [String] = []
    var groups: [String: [Finding]] = [:]
    for finding in findings {
      let key = "\(finding.rule) \(finding.citation)"
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(finding)
    }
    return order.compactMap { groups[$0] }
  }

  /// One fail with its remedy, or several fails of one rule on one line
  /// each under the rule's title, with the remedy once.
  private func group(_ findings: [Finding]) -> [String] {
    guard let first = findings.first else { return [] }
    guard findings.count > 1 else {
      var lines = ["      fail: \(describe(first))"]
      if let remedy = first.evaluation.remedy { lines.append("        → \(remedy)") }
      return lines
    }
    let title = rule(withID: first.rule)?.description.title ?? first.rule
    var lines = [
      "      fail ×\(findings.count): \(title)  [\(first.rule); \(first.citation)]"
    ]
    for finding in findings {
      lines.append("        \(place(of: finding)): \(finding.evaluation.message)")
    }
    let remedies = Set(findings.compactMap(\.evaluation.remedy))
    if remedies.count == 1, let remedy = remedies.first {
      lines.append("        → \(remedy)")
    } else {
      for finding in findings {
        if let remedy = finding.evaluation.remedy {
          lines.append("        → \(place(of: finding)): \(remedy)")
        }
      }
    }
    return lines
  }

  /// The element's path from below the flat.
  private func place(of finding: Finding) -> String {
    let steps = finding.path.steps.drop { $0.kind == "building" || $0.kind == "flat" }
    return steps.isEmpty ? "flat" : ElementPath(Array(steps)).description
  }

  /// `door bath-door: clear width 750 mm; ≥ 800 mm required
  /// [din18040-2.door.clear-width; DIN 18040-2:2011-09, 5.3.1]`, the path
  /// from below the flat.
  private func describe(_ finding: Finding) -> String {
    "\(place(of: finding)): \(finding.evaluation.message)  [\(finding.rule); \(finding.citation)]"
  }

  /// The quarter view: flats per class and building, the facilities, what
  /// fails on the outdoor paths, and whether each flat reaches the café and
  /// the care base step-free.
  func quarter(_ view: QuarterView) -> String {
    var lines = ["quarter \(view.id)" + (view.name.map { " \"\($0)\"" } ?? "")]
    let classes = Array(view.classes.reversed())
    let width = max(12, (view.buildings.map(\.count).max() ?? 0) + 2)
    func pad(_ text: String, _ size: Int) -> String {
      text + String(repeating: " ", count: max(1, size - text.count))
    }
    lines.append("  flats per class")
    lines.append(
      "    " + pad("building", width) + classes.map { pad($0, 14) }.joined() + "total")
    for building in view.buildings + [""] {
      let counts = classes.map { view.counts[$0]?[building] ?? 0 }
      let total = counts.reduce(0, +)
      let cells = counts.map { count -> String in
        guard building.isEmpty, total > 0 else { return pad("\(count)", 14) }
        return pad("\(count) (\(Int((Double(count) * 100 / Double(total)).rounded())) %)", 14)
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
      for finding in view.pathFindings {
        lines.append("    \(finding.status.rawValue): \(describe(finding))")
      }
    }
    lines.append("  step-free reach:")
    for flat in view.flats {
      let reaches = flat.reaches.map { reach -> String in
        // Only paths and ramps have lengths: 0 m means inside the building.
        let length: String
        if let measured = reach.length {
          length =
            measured.millimetres > 0
            ? ", \(formatDecimal((measured.metres * 10).rounded() / 10)) m" : ""
        } else {
          length = ", length not known"
        }
        let more = reach.notes.count > 1 ? " and \(reach.notes.count - 1) more" : ""
        switch reach.status {
        case .pass: return "\(reach.facility) yes\(length)"
        case .fail: return "\(reach.facility) no (\(reach.notes.first ?? "")\(more))"
        default: return "\(reach.facility) unverified (\(reach.notes.first ?? "")\(more))"
        }
      }
      lines.append(
        "    \(flat.flat) (\(flat.classification)): " + reaches.joined(separator: "; "))
    }
    return lines.joined(separator: "\n") + "\n\n"
  }

  func summary(_ summary: AssessmentSummary, files: [String]) -> String {
    guard let top = ladder.top else { return "" }
    var lines: [String] = []
    lines.append("profile \(top.id): \(top.title) (\(top.standardEdition))")
    let levels = [Ladder.none] + ladder.levels.map(\.level)
    lines.append("ladder: " + levels.joined(separator: " < "))
    lines.append("\(count(summary.buildings, "building")), \(count(summary.flats, "flat"))")
    for level in levels.reversed() {
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
      "findings at \(top.id): \(findings[.pass, default: 0]) pass, "
        + "\(findings[.fail, default: 0]) fail, \(findings[.unknown, default: 0]) unknown, "
        + "\(findings[.notApplicable, default: 0]) not applicable")
    return lines.joined(separator: "\n") + "\n"
  }

  private func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }
}
