import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeUpgrades

/// A plan as text for people and as JSON for tools.
///
/// Costs are ranges in whole euros with their price years and sources,
/// never one figure: a range is what the sources give, and the sum of
/// ranges is a range.
public enum PlanReport {
  /// The plan as text: the goal, the chosen flats with their measures, the
  /// cost curve, and the flats the catalogue cannot lift and why; with
  /// `funding` and `question`, what each programme could pay, per flat and
  /// in total.
  public static func text(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil
  ) -> String {
    var text = ""
    writeText(plan, profile: profile, funding: funding, question: question) { text += $0 }
    return text
  }

  /// ``text(_:profile:funding:question:)`` handed to `write` in pieces as
  /// it is made: the flats a plan cannot lift can be most of a portfolio.
  public static func writeText<E: Error>(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil, to write: (String) throws(E) -> Void
  ) throws(E) {
    var lines: [String] = []
    func flush() throws(E) {
      guard !lines.isEmpty else { return }
      try write(lines.joined(separator: "\n") + "\n")
      lines.removeAll(keepingCapacity: true)
    }
    let (low, high) = plan.cost
    let offers = funding.flatMap { catalogue in
      question.map { plan.funding(catalogue, question: $0) }
    }
    lines.append("Plan: \(plan.target) under \(profile), \(goal(plan.goal))")
    lines.append(
      "Flats in scope: \(plan.flatsInScope); at \(plan.target) already, verified: \(plan.alreadyAtTarget)"
    )
    lines.append(
      "Chosen: \(plan.chosen.count) flat\(plan.chosen.count == 1 ? "" : "s"), \(euros(low, high)) (shared measures counted once)"
    )
    if plan.jobs.contains(where: \.cost.atLeast) {
      lines.append("Some prices are lower bounds only (\"from\"): the upper end is higher.")
    }
    var met = "Goal met: \(plan.goalMet ? "yes" : "no")"
    if let short = plan.shortBy, short > 0 {
      met += " (\(plural(short, "flat")) short of it)"
    }
    lines.append(met)
    if plan.chosen.isEmpty && !plan.goalMet {
      if case .budget(let budget) = plan.goal, let cheapest = plan.cheapestHigh {
        lines.append(
          "No flat is chosen: the cheapest flat the catalogue can lift costs up to \(euros(cheapest, cheapest)), more than the budget of \(euros(budget, budget))."
        )
      } else {
        lines.append(
          "No flat is chosen: no flat below \(plan.target) can be lifted to it with this catalogue (the flats and why are listed below)."
        )
      }
    }
    if plan.jobs.contains(where: { !$0.survey.isEmpty }) {
      lines.append("Some measures need a survey before they can be priced (marked below).")
    }
    if let offers, let question {
      lines.append("")
      lines.append(
        "Funding on \(question.day) for applicant \(question.applicant) (what programmes could pay; a loan lends; a programme's variants are alternatives)"
      )
      if offers.totals.isEmpty { lines.append("  no programme pays for these measures") }
      for total in offers.totals { lines.append("  " + Self.line(total)) }
    }
    lines.append("")
    lines.append("Chosen flats, cheapest first")
    var listed: Set<String> = []
    for (index, option) in plan.chosen.enumerated() {
      let jobs = option.path?.jobs ?? []
      let share = plan.share(of: option)
      lines.append(
        "  \(option.building) \(option.flat): \(euros(share.low, share.high)) (its share of the plan)"
      )
      for job in jobs {
        let key = "\(option.building) \(job.measure) \(job.element)"
        let again = job.shared && !listed.insert(key).inserted
        lines.append("    - \(line(job))\(again ? " (shared, counted above)" : "")")
      }
      for check in option.path?.meets ?? [] {
        lines.append("    afterwards against \(check.profile): \(Self.words(check))")
      }
      // Programmes that cannot pay are in the totals above, once.
      for offer in offers?.perFlat[index] ?? [] where offer.verdict != .unavailable {
        lines.append("    funding: \(Self.line(offer))")
      }
    }
    for quarter in plan.quarters {
      lines.append("")
      lines += Self.lines(quarter)
    }
    lines.append("")
    lines.append("Cost curve (flats at \(plan.target) against cumulative cost)")
    for point in plan.curve {
      lines.append("  \(point.flats) flats: \(euros(point.low, point.high))")
    }
    if !plan.unreachable.isEmpty {
      lines.append("")
      lines.append("Not reachable with this catalogue: \(plan.unreachable.count) flats")
      for option in plan.unreachable {
        lines.append("  \(option.building) \(option.flat): \(PlanView.reasons(option))")
        if lines.count >= chunkLines { try flush() }
      }
    }
    try flush()
  }

  /// How many lines or records a report collects before handing them on.
  static let chunkLines = 1024

  /// A quarter's path repairs as lines of text.
  static func lines(_ quarter: QuarterRepairs) -> [String] {
    var lines = [
      "Quarter \(quarter.quarter.escapedForOneLine): \(quarter.connected) of \(plural(quarter.flats, "flat")) reach the café and the care base step-free"
    ]
    if quarter.steps.isEmpty {
      lines.append("  no outdoor path repair (alone or with one other) connects another flat")
    }
    for step in quarter.steps {
      let repair = step.repair
      let cost =
        step.cost.map { euros($0.low, $0.high) + " (\(step.measures.joined(separator: ", ")))" }
        ?? "not priced: \(step.unpriced.joined(separator: "; "))"
      let with =
        repair.together.isEmpty ? "" : " together with \(repair.together.joined(separator: ", "))"
      let gain =
        repair.flats.isEmpty && !repair.together.isEmpty
        ? "(its flats are counted above)"
        : "connects \(plural(repair.flats.count, "more flat")), \(repair.connectedAfter) in all"
      lines.append(
        "  repair outdoor path \(repair.path.escapedForOneLine)\(with.escapedForOneLine) (\(repair.from.escapedForOneLine) to \(repair.to.escapedForOneLine); fails \(repair.failingRules.joined(separator: ", "))): \(gain); \(cost.escapedForOneLine)"
      )
    }
    if !quarter.unmeasured.isEmpty {
      lines.append(
        "  failing paths not fully measured (measure them before a repair can be counted): \(quarter.unmeasured.joined(separator: ", ").escapedForOneLine)"
      )
    }
    return lines
  }

  /// `meets`, `fails door.clear-width`, `unknown: measure …`.
  static func words(_ check: ProfileCheck) -> String {
    switch check.verdict {
    case .meets: "meets"
    case .fails: "fails \(check.rules.joined(separator: ", "))"
    case .unknown: "unknown, measure \(check.rules.joined(separator: ", "))"
    }
  }

  /// What a programme could pay towards one flat, and whether it can.
  static func line(_ offer: FundingOffer) -> String {
    let name = offer.variant.map { "\(offer.programme) (\($0))" } ?? offer.programme
    let verb = offer.form == .loan ? "lends" : "pays"
    var text = "\(name.escapedForOneLine) \(offer.verdict.rawValue)"
    if offer.verdict != .unavailable {
      text += ": \(verb) \(euros(offer.amount.low, offer.amount.high))"
    }
    text += " of \(euros(offer.eligible.low, offer.eligible.high)) eligible"
    if !offer.reasons.isEmpty {
      text += " (\(offer.reasons.map(\.text).joined(separator: "; ").escapedForOneLine))"
    }
    return text
  }

  /// What a programme could pay towards the whole plan.
  static func line(_ total: FundingTotal) -> String {
    let name = total.variant.map { "\(total.programme) (\($0))" } ?? total.programme
    let verb = total.form == .loan ? "lends" : "pays"
    var parts: [String] = []
    if let count = total.flats[.available] {
      parts.append(
        "\(verb) \(euros(total.available.low, total.available.high)) for \(count) flat\(count == 1 ? "" : "s")"
      )
    }
    if let count = total.flats[.unknown] {
      parts.append(
        "\(euros(total.unknown.low, total.unknown.high)) for \(count) flat\(count == 1 ? "" : "s") if what is not known allows"
      )
    }
    if let count = total.flats[.unavailable] {
      parts.append("not for \(count) flat\(count == 1 ? "" : "s")")
    }
    var text =
      "\(name.escapedForOneLine), \(total.title.escapedForOneLine): \(parts.joined(separator: "; "))"
    if !total.why.isEmpty {
      text += " (\(total.why.map(\.text).joined(separator: "; ").escapedForOneLine))"
    }
    return text
  }

  /// One job: what, where, how many, what it costs and from where.
  static func line(_ job: Job) -> String {
    // A catalogue is the user's file: its titles and sources must not
    // forge a line of the report.
    var text =
      "\(job.title.escapedForOneLine) (\(job.measure.escapedForOneLine)) at "
      + "\(job.element.description.escapedForOneLine): "
      + (job.cost.atLeast
        ? "from \(euros(job.cost.low, job.cost.low))" : euros(job.cost.low, job.cost.high))
    if job.quantity != 1 { text += ", \(number(job.quantity)) \(job.unit.rawValue)" }
    text +=
      " [\(job.cost.source.escapedForOneLine), \(job.cost.priceYear), \(job.cost.certainty.rawValue)]"
    if !job.survey.isEmpty {
      text += "; survey needed: \(job.survey.map(\.rawValue).joined(separator: ", "))"
    }
    if job.shared { text += "; shared by the building's flats" }
    return text
  }

  static func goal(_ goal: PlanGoal) -> String {
    switch goal {
    case .share(let share): "goal \(number(share * 100)) % of the flats"
    case .flats(let count): "goal \(count) flats"
    case .budget(let budget): "budget \(euros(budget, budget))"
    }
  }

  /// `1500–4000 EUR`, whole euros (a range's ends are estimates; cents
  /// would claim a precision the sources do not have).
  static func euros(_ low: Double, _ high: Double) -> String {
    low == high
      ? "\(number(low.rounded())) EUR" : "\(number(low.rounded()))–\(number(high.rounded())) EUR"
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  /// The plan as one JSON document (keys sorted, as the check's report);
  /// with `funding` and `question`, what each programme could pay.
  public static func json(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil
  ) -> String {
    var text = ""
    writeJSON(plan, profile: profile, funding: funding, question: question) { text += $0 }
    return text
  }

  /// ``json(_:profile:funding:question:)`` handed to `write` in pieces.
  public static func writeJSON<E: Error>(
    _ plan: Plan, profile: String, funding: FundingCatalogue? = nil,
    question: FundingQuestion? = nil, to write: (String) throws(E) -> Void
  ) throws(E) {
    var json = JSONText()
    let (low, high) = plan.cost
    let offers = funding.flatMap { catalogue in
      question.map { plan.funding(catalogue, question: $0) }
    }
    json.raw("{\"alreadyAtTarget\":")
    json.int(plan.alreadyAtTarget)
    json.raw(",\"chosen\":[")
    json.separated(Array(plan.chosen.enumerated())) { json, item in
      let (index, option) = item
      json.flatStart(option)
      if let offers {
        json.raw(",\"funding\":[")
        json.separated(offers.perFlat[index]) { json, offer in json.offer(offer) }
        json.raw("]")
      }
      json.raw(",\"jobs\":[")
      json.separated(option.path?.jobs ?? []) { json, job in json.job(job) }
      json.raw("],\"meets\":[")
      json.separated(option.path?.meets ?? []) { json, check in
        json.raw("{\"profile\":")
        json.string(check.profile)
        json.raw(",\"rules\":")
        json.strings(check.rules)
        json.raw(",\"verdict\":")
        json.string(check.verdict.rawValue)
        json.raw("}")
      }
      json.raw("],\"quarter\":")
      json.string(option.quarter)
      json.raw(",\"share\":")
      json.span(plan.share(of: option))
      json.raw("}")
    }
    json.raw("],\"cost\":{\"currency\":\"EUR\",\"high\":")
    json.number(high.rounded())
    json.raw(",\"low\":")
    json.number(low.rounded())
    json.raw("},\"curve\":[")
    json.separated(plan.curve) { json, point in
      json.raw("{\"flats\":")
      json.int(point.flats)
      json.raw(",\"high\":")
      json.number(point.high.rounded())
      json.raw(",\"low\":")
      json.number(point.low.rounded())
      json.raw("}")
    }
    json.raw("],\"flatsInScope\":")
    json.int(plan.flatsInScope)
    if let offers, let question {
      json.raw(",\"funding\":{\"applicant\":")
      json.string(question.applicant)
      json.raw(",\"asOf\":")
      json.string(question.day.description)
      json.raw(",\"totals\":[")
      json.separated(offers.totals) { json, total in
        json.raw("{\"available\":")
        json.span(total.available)
        json.raw(",\"flats\":{")
        json.separated(FundingOffer.Verdict.allCases) { json, verdict in
          json.string(verdict.rawValue)
          json.raw(":")
          json.int(total.flats[verdict] ?? 0)
        }
        json.raw("},\"form\":")
        json.string(total.form.rawValue)
        json.raw(",\"programme\":")
        json.string(total.programme)
        json.raw(",\"title\":")
        json.string(total.title)
        json.raw(",\"unknown\":")
        json.span(total.unknown)
        json.raw(",\"variant\":")
        json.string(total.variant)
        json.raw("}")
      }
      json.raw("]}")
    }
    json.raw(",\"goalMet\":")
    json.bool(plan.goalMet)
    json.raw(",\"profile\":")
    json.string(profile)
    json.raw(",\"quarters\":[")
    json.separated(plan.quarters) { json, quarter in
      json.raw("{\"connected\":")
      json.int(quarter.connected)
      json.raw(",\"flats\":")
      json.int(quarter.flats)
      json.raw(",\"quarter\":")
      json.string(quarter.quarter)
      json.raw(",\"repairs\":[")
      json.separated(quarter.steps) { json, step in
        json.raw("{\"connectedAfter\":")
        json.int(step.repair.connectedAfter)
        json.raw(",\"cost\":")
        if let cost = step.cost { json.span(cost) } else { json.raw("null") }
        json.raw(",\"failingRules\":")
        json.strings(step.repair.failingRules)
        json.raw(",\"flats\":")
        json.strings(step.repair.flats)
        json.raw(",\"from\":")
        json.string(step.repair.from)
        json.raw(",\"measures\":")
        json.strings(step.measures)
        json.raw(",\"path\":")
        json.string(step.repair.path)
        json.raw(",\"to\":")
        json.string(step.repair.to)
        json.raw(",\"together\":")
        json.strings(step.repair.together)
        json.raw(",\"unpriced\":")
        json.strings(step.unpriced)
        json.raw("}")
      }
      json.raw("],\"unmeasured\":")
      json.strings(quarter.unmeasured)
      json.raw("}")
    }
    json.raw("],\"shortBy\":")
    if let short = plan.shortBy { json.int(short) } else { json.raw("null") }
    json.raw(",\"target\":")
    json.string(plan.target)
    json.raw(",\"unreachable\":[")
    for (index, option) in plan.unreachable.enumerated() {
      if index > 0 { json.raw(",") }
      json.flatStart(option)
      json.raw(",\"noKnownMeasure\":")
      json.strings(option.reasons.noKnownMeasure)
      json.raw(",\"onlyAfterSurvey\":")
      json.strings(option.reasons.afterSurvey)
      json.raw(",\"toMeasure\":")
      json.strings(option.reasons.toMeasure)
      json.raw("}")
      if json.count >= 1 << 16 {
        try write(json.text)
        json.removeAll()
      }
    }
    json.raw("]}\n")
    try write(json.text)
  }
}

extension JSONText {
  /// `{"building":…,"flat":…`: the start of a flat's object in a plan.
  fileprivate mutating func flatStart(_ option: FlatOption) {
    raw("{\"building\":")
    string(option.building)
    raw(",\"flat\":")
    string(option.flat)
  }

  /// `{"high":…,"low":…}` in whole euros.
  fileprivate mutating func span(_ span: CostSpan) {
    raw("{\"high\":")
    number(span.high.rounded())
    raw(",\"low\":")
    number(span.low.rounded())
    raw("}")
  }

  /// One funding offer to one flat.
  fileprivate mutating func offer(_ offer: FundingOffer) {
    raw("{\"amount\":")
    span(offer.amount)
    raw(",\"certainty\":")
    string(offer.certainty.rawValue)
    raw(",\"eligible\":")
    span(offer.eligible)
    raw(",\"form\":")
    string(offer.form.rawValue)
    raw(",\"measures\":")
    strings(offer.measures)
    raw(",\"programme\":")
    string(offer.programme)
    raw(",\"reasons\":[")
    separated(offer.reasons) { json, reason in
      json.raw("{\"text\":")
      json.string(reason.text)
      json.raw(",\"verdict\":")
      json.string(reason.verdict.rawValue)
      json.raw("}")
    }
    raw("]")
    raw(",\"source\":")
    string(offer.source)
    raw(",\"variant\":")
    string(offer.variant)
    raw(",\"verdict\":")
    string(offer.verdict.rawValue)
    raw("}")
  }

  /// One job of a plan.
  fileprivate mutating func job(_ job: Job) {
    raw("{\"careInsurance\":")
    bool(job.careInsurance)
    raw(",\"certainty\":")
    string(job.cost.certainty.rawValue)
    raw(",\"clears\":")
    strings(job.clears)
    raw(",\"costHigh\":")
    number(job.cost.high.rounded())
    raw(",\"costLow\":")
    number(job.cost.low.rounded())
    raw(",\"element\":")
    string(job.element.description)
    raw(",\"fundingArea\":")
    if let area = job.fundingArea { int(area) } else { raw("null") }
    raw(",\"measure\":")
    string(job.measure)
    raw(",\"priceYear\":")
    int(job.cost.priceYear)
    raw(",\"quantity\":")
    number(job.quantity)
    raw(",\"shared\":")
    bool(job.shared)
    raw(",\"source\":")
    string(job.cost.source)
    raw(",\"survey\":")
    strings(job.survey.map(\.rawValue))
    raw(",\"title\":")
    string(job.title)
    raw(",\"unit\":")
    string(job.unit.rawValue)
    raw("}")
  }
}
