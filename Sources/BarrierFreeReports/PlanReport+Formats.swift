import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades
import Plot

/// A plan with its funding worked out once, for the formats that show both.
struct PlanView {
  let plan: Plan
  let profile: String
  let question: FundingQuestion?
  /// Each chosen flat's offers (in the order of `plan.chosen`), and each
  /// programme's total; empty without a funding file.
  let perFlat: [[FundingOffer]]
  let totals: [FundingTotal]

  init(_ plan: Plan, profile: String, funding: FundingCatalogue?, question: FundingQuestion?) {
    self.plan = plan
    self.profile = profile
    if let funding, let question {
      self.question = question
      (perFlat, totals) = plan.funding(funding, question: question)
    } else {
      self.question = nil
      (perFlat, totals) = (Array(repeating: [], count: plan.chosen.count), [])
    }
  }

  /// Why a flat cannot be lifted, in words.
  static func reasons(_ option: FlatOption) -> String {
    let rules = option.reasons.noKnownMeasure
    let surveys = option.reasons.afterSurvey
    let unknown = option.reasons.toMeasure
    var reasons: [String] = []
    if !rules.isEmpty { reasons.append("no known measure for \(rules.joined(separator: ", "))") }
    if !surveys.isEmpty {
      reasons.append("only after a survey for \(surveys.joined(separator: ", "))")
    }
    if !unknown.isEmpty { reasons.append("not measured yet: \(unknown.joined(separator: ", "))") }
    if reasons.isEmpty { reasons.append("a measure did not clear its fail (a catalogue error)") }
    return reasons.joined(separator: "; ")
  }

  /// The available offers of a flat, as `kfw-159 lends 1500–4000 EUR`.
  static func fundingWords(_ offers: [FundingOffer], verdict: FundingOffer.Verdict) -> String {
    offers.filter { $0.verdict == verdict }.map { offer in
      let name = offer.variant.map { "\(offer.programme) (\($0))" } ?? offer.programme
      let verb = offer.form == .loan ? "lends" : "pays"
      return "\(name) \(verb) \(PlanReport.euros(offer.amount.low, offer.amount.high))"
    }.joined(separator: "; ")
  }
}

extension PlanReport {
  // MARK: CSV

  /// The plan as CSV: one row per chosen flat and per flat the catalogue
  /// cannot lift, with its share of the cost, its measures, whether a
  /// survey is needed, its funding and the check against the profiles a
  /// programme requires. Escaped as the check's CSV (no formulas).
  public static func csv(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil, dialect: CSVReport.Dialect = .comma
  ) throws -> String {
    var text = ""
    try writeCSV(plan, profile: profile, funding: funding, question: question, dialect: dialect) {
      text += $0
    }
    return text
  }

  /// ``csv(_:profile:funding:question:dialect:)`` handed to `write` in
  /// pieces of rows.
  public static func writeCSV(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil, dialect: CSVReport.Dialect = .comma,
    to write: (String) throws -> Void
  ) throws {
    let view = PlanView(plan, profile: profile, funding: funding, question: question)
    let header = [
      "building", "quarter", "flat", "status", "target", "cost low", "cost high", "from prices",
      "measures", "survey needed", "profile checks", "funding available", "funding unknown",
      "reason",
    ]
    let numeric: Set<String> = ["cost low", "cost high"]
    var table: [[String]] = [header]
    func flush() throws {
      guard !table.isEmpty else { return }
      // Each piece ends with its last row's CRLF, so the pieces join.
      try write(
        try CSVReport.lines(table, header: header, numericColumns: numeric, dialect: dialect))
      table.removeAll(keepingCapacity: true)
    }
    try write("\u{FEFF}")
    for (index, option) in plan.chosen.enumerated() {
      let share = plan.share(of: option)
      let jobs = option.path?.jobs ?? []
      table.append([
        option.building, option.quarter ?? "", option.flat, "chosen", plan.target,
        number(share.low.rounded()), number(share.high.rounded()),
        jobs.contains(where: \.cost.atLeast) ? "yes" : "no",
        jobs.map(\.measure).joined(separator: " "),
        jobs.contains { !$0.survey.isEmpty } ? "yes" : "no",
        (option.path?.meets ?? []).map { "\($0.profile): \(words($0))" }.joined(separator: "; "),
        PlanView.fundingWords(view.perFlat[index], verdict: .available),
        PlanView.fundingWords(view.perFlat[index], verdict: .unknown), "",
      ])
    }
    for option in plan.unreachable {
      table.append([
        option.building, option.quarter ?? "", option.flat, "not reachable", plan.target, "", "",
        "", "", "", "", "", "", PlanView.reasons(option),
      ])
      if table.count >= chunkLines { try flush() }
    }
    try flush()
  }

  // MARK: Markdown

  /// The plan as Markdown: the summary first, then funding, the chosen
  /// flats with their measures, the cost curve and the flats the catalogue
  /// cannot lift.
  public static func markdown(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil
  ) -> String {
    var text = ""
    writeMarkdown(plan, profile: profile, funding: funding, question: question) { text += $0 }
    return text
  }

  /// ``markdown(_:profile:funding:question:)`` handed to `write` in pieces.
  public static func writeMarkdown<E: Error>(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil, to write: (String) throws(E) -> Void
  ) throws(E) {
    let view = PlanView(plan, profile: profile, funding: funding, question: question)
    let (low, high) = plan.cost
    var lines: [String] = [
      "# Plan: \(markdownEscaped(plan.target)) under \(markdownEscaped(profile))", "",
      "| | |", "|---|---|",
      "| Goal | \(markdownEscaped(aim(plan.goal))) |",
      "| Flats in scope | \(plan.flatsInScope) |",
      "| At \(markdownEscaped(plan.target)) already, verified | \(plan.alreadyAtTarget) |",
      "| Chosen | \(plan.chosen.count) |",
      "| Cost, shared measures once | \(euros(low, high)) |",
      "| Goal met | \(plan.goalMet ? "yes" : "no") |",
    ]
    if plan.jobs.contains(where: \.cost.atLeast) {
      lines += ["", "Some prices are lower bounds only (\"from\"): the upper end is higher."]
    }
    if let question {
      lines += [
        "",
        "## Funding on \(question.day) for applicant \(markdownEscaped(question.applicant))",
        "",
        "| Programme | Can pay | If what is not known allows | Cannot pay | Why not, or what is not known |",
        "|---|---|---|---|---|",
      ]
      for total in view.totals {
        let name = total.variant.map { "\(total.programme) (\($0))" } ?? total.programme
        let verb = total.form == .loan ? "lends" : "pays"
        func cell(_ verdict: FundingOffer.Verdict, _ span: CostSpan) -> String {
          guard let count = total.flats[verdict] else { return "" }
          return "\(plural(count, "flat")): \(verb) \(euros(span.low, span.high))"
        }
        lines.append(
          "| \(markdownEscaped(name)) | \(cell(.available, total.available)) | "
            + "\(cell(.unknown, total.unknown)) | "
            + "\(total.flats[.unavailable].map { plural($0, "flat") } ?? "") | "
            + "\(markdownEscaped(total.why.map(\.text).joined(separator: "; "))) |")
      }
    }
    lines += ["", "## Chosen flats, cheapest first"]
    for (index, option) in plan.chosen.enumerated() {
      let share = plan.share(of: option)
      lines += [
        "",
        "### \(markdownEscaped(option.building)) \(markdownEscaped(option.flat)): "
          + "\(euros(share.low, share.high))",
        "",
        "| Measure | Element | Cost | Price year, source, certainty | Survey needed |",
        "|---|---|---|---|---|",
      ]
      for job in option.path?.jobs ?? [] {
        let cost =
          job.cost.atLeast
          ? "from \(euros(job.cost.low, job.cost.low))" : euros(job.cost.low, job.cost.high)
        lines.append(
          "| \(markdownEscaped(job.title)) (`\(job.measure.escapedForOneLine)`) | "
            + "\(markdownEscaped(job.element.description)) | \(cost)\(job.shared ? ", shared" : "") | "
            + "\(job.cost.priceYear), \(markdownEscaped(job.cost.source)), \(job.cost.certainty.rawValue) | "
            + "\(markdownEscaped(job.survey.map(\.rawValue).joined(separator: ", "))) |")
      }
      for check in option.path?.meets ?? [] {
        lines += ["", "Afterwards against \(markdownEscaped(check.profile)): \(words(check))."]
      }
      let available = PlanView.fundingWords(view.perFlat[index], verdict: .available)
      let unknown = PlanView.fundingWords(view.perFlat[index], verdict: .unknown)
      if !available.isEmpty { lines += ["", "Funding: \(markdownEscaped(available))."] }
      if !unknown.isEmpty {
        lines += ["", "Funding if what is not known allows: \(markdownEscaped(unknown))."]
      }
    }
    for quarter in plan.quarters {
      let quarterLines = PlanReport.lines(quarter)
      lines += ["", "## \(markdownEscaped(quarterLines[0]))", ""]
      lines += quarterLines.dropFirst().map {
        "- \(markdownEscaped(String($0.trimmingPrefix("  "))))"
      }
    }
    lines += [
      "", "## Cost curve", "",
      "| Flats at \(markdownEscaped(plan.target)) | Cost low | Cost high |",
      "|---:|---:|---:|",
    ]
    for point in plan.curve {
      lines.append(
        "| \(point.flats) | \(number(point.low.rounded())) | \(number(point.high.rounded())) |")
    }
    if !plan.unreachable.isEmpty {
      lines += [
        "", "## Not reachable with this catalogue: \(plural(plan.unreachable.count, "flat"))", "",
        "| Building | Flat | Why |", "|---|---|---|",
      ]
      for option in plan.unreachable {
        lines.append(
          "| \(markdownEscaped(option.building)) | \(markdownEscaped(option.flat)) | "
            + "\(markdownEscaped(PlanView.reasons(option))) |")
        if lines.count >= chunkLines {
          try write(lines.joined(separator: "\n") + "\n")
          lines.removeAll(keepingCapacity: true)
        }
      }
    }
    if !lines.isEmpty { try write(lines.joined(separator: "\n") + "\n") }
  }

  // MARK: HTML

  /// The plan as one HTML page: the summary, funding, the cost curve as an
  /// SVG chart with its figures as a table, each chosen flat's measures
  /// ("what it takes") and the flats the catalogue cannot lift.
  public static func html(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil
  ) -> String {
    var text = ""
    writeHTML(plan, profile: profile, funding: funding, question: question) { text += $0 }
    return text
  }

  /// ``html(_:profile:funding:question:)`` handed to `write` in pieces: the
  /// rows of the flats the plan cannot lift are rendered in chunks.
  public static func writeHTML<E: Error>(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil, to write: (String) throws(E) -> Void
  ) throws(E) {
    let page = PlanPage.render(
      PlanView(plan, profile: profile, funding: funding, question: question))
    guard let mark = page.range(of: PlanPage.rowsMark) else {
      try write(page)
      return
    }
    try write(String(page[..<mark.lowerBound]))
    var start = 0
    while start < plan.unreachable.count {
      let end = min(start + chunkLines, plan.unreachable.count)
      try write(PlanPage.rows(plan.unreachable[start..<end]))
      start = end
    }
    try write(String(page[mark.upperBound...]))
  }

  /// The goal as the value of a "Goal" field: `40 % of the flats`.
  static func aim(_ goal: PlanGoal) -> String {
    switch goal {
    case .share(let share): "\(number(share * 100)) % of the flats"
    case .flats(let count): plural(count, "flat")
    case .budget(let budget): "as many flats as \(euros(budget, budget)) allow"
    }
  }

  /// Markdown's active characters escaped, on one line.
  static func markdownEscaped(_ text: String) -> String {
    MarkdownReport.escape(text)
  }
}

/// The cost curve as inline SVG: flats at the target (across) against the
/// cumulative cost (up), the band between the low and high ends shaded,
/// with a title, a description in words and the figures as a table.
struct CostCurve {
  let plan: Plan
  private let width = 640.0
  private let height = 260.0
  private let left = 70.0
  private let bottom = 30.0

  func figure(head: Node<HTML.TableContext>, rows: Node<HTML.TableContext>)
    -> Node<HTML.BodyContext>
  {
    let title = "Flats at \(plan.target) against the cumulative cost"
    return .element(
      named: "figure",
      nodes: [
        .class("chart"), .attribute(named: "aria-labelledby", value: "curve-c"),
        .element(named: "figcaption", nodes: [.id("curve-c"), text(title)]),
        svg(title: title),
        folded("The figures as a table", .table(.caption(text(title)), head, rows)),
      ])
  }

  private var description: String {
    guard let first = plan.curve.first, let last = plan.curve.last else {
      return "No flats."
    }
    return "From \(first.flats) flats at no cost to \(last.flats) flats for "
      + "\(PlanReport.euros(last.low, last.high)); each step is one chosen flat."
  }

  private func svg(title: String) -> Node<HTML.BodyContext> {
    let points = plan.curve
    let minFlats = Double(points.first?.flats ?? 0)
    let maxFlats = Double(max(points.last?.flats ?? 1, (points.first?.flats ?? 0) + 1))
    let maxCost = max(points.map(\.high).max() ?? 0, 1)
    func x(_ flats: Int) -> Double {
      left + (Double(flats) - minFlats) / (maxFlats - minFlats) * (width - left - 10)
    }
    func y(_ cost: Double) -> Double { (height - bottom) - cost / maxCost * (height - bottom - 10) }
    let highLine = points.map { "\(number(x($0.flats))),\(number(y($0.high)))" }
    let lowLine = points.reversed().map { "\(number(x($0.flats))),\(number(y($0.low)))" }
    let nodes: [Node<HTML.BodyContext>] = [
      .attribute(named: "role", value: "img"),
      .attribute(named: "aria-labelledby", value: "curve-t"),
      .attribute(named: "aria-describedby", value: "curve-d"),
      .attribute(named: "viewBox", value: "0 0 \(Int(width)) \(Int(height))"),
      .attribute(named: "width", value: "\(Int(width))"),
      .attribute(named: "height", value: "\(Int(height))"),
      .element(named: "title", nodes: [.id("curve-t"), text(title)]),
      .element(named: "desc", nodes: [.id("curve-d"), text(description)]),
      // The band between the low and the high end of the cost.
      .element(
        named: "polygon",
        nodes: [
          .attribute(named: "points", value: (highLine + lowLine).joined(separator: " ")),
          .attribute(named: "fill", value: "#c6dbef"), .attribute(named: "stroke", value: "none"),
        ]),
      .element(
        named: "polyline",
        nodes: [
          .attribute(named: "points", value: highLine.joined(separator: " ")),
          .attribute(named: "fill", value: "none"), .attribute(named: "stroke", value: "#08306b"),
          .attribute(named: "stroke-width", value: "2"),
        ]),
      axisText("\(PlanReport.euros(maxCost, maxCost))", x: 2, y: y(maxCost) + 4),
      axisText("0 EUR", x: 2, y: y(0)),
      axisText("\(Int(minFlats)) flats", x: left, y: height - 8),
      axisText("\(Int(maxFlats)) flats", x: width - 70, y: height - 8),
    ]
    return .element(named: "svg", nodes: nodes)
  }

  private func axisText(_ value: String, x: Double, y: Double) -> Node<HTML.BodyContext> {
    .element(
      named: "text",
      nodes: [
        .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
        text(value),
      ])
  }

  private func number(_ value: Double) -> String {
    formatDecimal((value * 10).rounded() / 10)
  }
}

/// The plan's HTML page (``PlanReport/html(_:profile:funding:question:)``).
enum PlanPage {
  static func render(_ view: PlanView) -> String {
    let plan = view.plan
    let profile = view.profile
    let (low, high) = plan.cost
    let title = "Plan: \(plan.target) under \(profile)"
    let page = HTML(
      .lang(.english),
      HTMLAssets.head(title),
      .body(
        .header(
          .h1(text(title)),
          .dl(
            .class("facts"),
            .dt("Goal"), .dd(text(PlanReport.aim(plan.goal))),
            .dt("Flats in scope"), .dd(text("\(plan.flatsInScope)")),
            .dt("At \(plan.target) already, verified"), .dd(text("\(plan.alreadyAtTarget)")),
            .dt("Chosen"), .dd(text(plural(plan.chosen.count, "flat"))),
            .dt("Cost, shared measures once"), .dd(text(PlanReport.euros(low, high))),
            .dt("Goal met"), .dd(text(plan.goalMet ? "yes" : "no"))
          )
        ),
        .main(
          .if(
            plan.jobs.contains(where: \.cost.atLeast),
            .p(text("Some prices are lower bounds only (\"from\"): the upper end is higher."))),
          fundingSection(view),
          .forEach(plan.quarters) { quarter in
            let quarterLines = PlanReport.lines(quarter)
            return .section(
              .h2(text(quarterLines[0])),
              .ul(
                .forEach(quarterLines.dropFirst()) { line in
                  .li(text(String(line.trimmingPrefix("  "))))
                }))
          },
          curveSection(plan),
          chosenSection(view),
          .if(!plan.unreachable.isEmpty, unreachableSection(plan))
        ),
        .footer(
          .p(
            text(
              "Costs are ranges from the catalogue's sources, at their price years; a shared "
                + "measure is counted once and split among the chosen flats it serves. A flat "
                + "counts as lifted only when, with the measures applied, nothing fails and "
                + "nothing is unmeasured at the target: unknown is never a pass.")))
      )
    )
    return page.render() + "\n"
  }

  private static func fundingSection(_ view: PlanView) -> Node<HTML.BodyContext> {
    guard let question = view.question else { return .empty }
    return .section(
      .h2(text("Funding on \(question.day) for applicant \(question.applicant)")),
      .table(
        .thead(
          .tr(
            .th("Programme"), .th("Can pay"), .th("If what is not known allows"),
            .th("Cannot pay"), .th("Why not, or what is not known"))),
        .tbody(
          .forEach(view.totals) { total in
            let name = total.variant.map { "\(total.programme) (\($0))" } ?? total.programme
            let verb = total.form == .loan ? "lends" : "pays"
            func cell(_ verdict: FundingOffer.Verdict, _ span: CostSpan) -> String {
              guard let count = total.flats[verdict] else { return "" }
              return "\(plural(count, "flat")): \(verb) \(PlanReport.euros(span.low, span.high))"
            }
            return .tr(
              .th(.attribute(named: "scope", value: "row"), text(name)),
              .td(text(cell(.available, total.available))),
              .td(text(cell(.unknown, total.unknown))),
              .td(text(total.flats[.unavailable].map { plural($0, "flat") } ?? "")),
              .td(text(total.why.map(\.text).joined(separator: "; "))))
          })))
  }

  private static func curveSection(_ plan: Plan) -> Node<HTML.BodyContext> {
    .section(
      .h2("Cost curve"),
      CostCurve(plan: plan).figure(
        head: .thead(
          .tr(.th("Flats at \(plan.target)"), .th("Cost low, EUR"), .th("Cost high, EUR"))),
        rows: .tbody(
          .forEach(plan.curve) { point in
            .tr(
              .td(text("\(point.flats)")), .td(text(PlanReport.number(point.low.rounded()))),
              .td(text(PlanReport.number(point.high.rounded()))))
          })))
  }

  private static func chosenSection(_ view: PlanView) -> Node<HTML.BodyContext> {
    .section(
      .h2("What it takes: the chosen flats, cheapest first"),
      .forEach(Array(view.plan.chosen.enumerated())) { index, option in
        let share = view.plan.share(of: option)
        let available = PlanView.fundingWords(view.perFlat[index], verdict: .available)
        let unknown = PlanView.fundingWords(view.perFlat[index], verdict: .unknown)
        return .article(
          .h3(
            text("\(option.building) \(option.flat): \(PlanReport.euros(share.low, share.high))")),
          .table(
            .thead(
              .tr(
                .th("Measure"), .th("Element"), .th("Cost"),
                .th("Price year, source, certainty"), .th("Survey needed"))),
            .tbody(
              .forEach(option.path?.jobs ?? []) { job in
                let cost =
                  job.cost.atLeast
                  ? "from \(PlanReport.euros(job.cost.low, job.cost.low))"
                  : PlanReport.euros(job.cost.low, job.cost.high)
                return .tr(
                  .td(text(job.title), text(" ("), .code(text(job.measure)), text(")")),
                  .td(text(job.element.description)),
                  .td(text(cost + (job.shared ? ", shared" : ""))),
                  .td(
                    text(
                      "\(job.cost.priceYear), \(job.cost.source), \(job.cost.certainty.rawValue)")),
                  .td(text(job.survey.map(\.rawValue).joined(separator: ", "))))
              })),
          .forEach(option.path?.meets ?? []) { check in
            .p(text("Afterwards against \(check.profile): \(PlanReport.words(check))."))
          },
          .if(!available.isEmpty, .p(text("Funding: \(available)."))),
          .if(!unknown.isEmpty, .p(text("Funding if what is not known allows: \(unknown).")))
        )
      })
  }

  private static func unreachableSection(_ plan: Plan) -> Node<HTML.BodyContext> {
    .section(
      .h2(text("Not reachable with this catalogue: \(plural(plan.unreachable.count, "flat"))")),
      .table(
        .thead(.tr(.th("Building"), .th("Flat"), .th("Why"))),
        .tbody(.raw(rowsMark))))
  }

  /// Where the rows of the unreachable flats go: they are rendered apart,
  /// in chunks.
  static let rowsMark = "<!--unreachable-->"

  /// Rows of the flats the plan cannot lift.
  static func rows(_ options: ArraySlice<FlatOption>) -> String {
    options.map { option in
      Node<HTML.TableContext>.tr(
        .td(text(option.building)), .td(text(option.flat)),
        .td(text(PlanView.reasons(option)))
      ).render()
    }.joined()
  }

}
