import BarrierFreeModel
import BarrierFreeRules
import Plot

/// Writes a report as one self-contained HTML file: inline CSS, SVG charts
/// and a small script, no reference to anything outside the file.
///
/// The page has a header naming the profile, its edition and the inputs;
/// summary charts (flats per class, flats per class and building, the ten
/// rules that fail most) each with a text alternative and its data as a
/// table; a table of all flats that sorts and filters in the browser; and
/// per building and flat the findings, fails first and grouped by rule,
/// the route, and what stands between the flat and the next class.
///
/// The summary comes first on the page but is known only at the end, so the
/// writer keeps the flats' rows and sections aside in a spool (memory
/// for small reports, a temporary file for large ones) while the buildings
/// stream: `add` each building, then `finish` writes the whole document.
/// The same input gives the same bytes.
///
/// A page of more than ``Limits/inlineFlats`` flats keeps what it cannot
/// show at once out of the browser's layout: the flats' rows in one inert
/// block that the page's script shows a page at a time, and each building's
/// flats and findings in a block of its own (gzipped in base64 from the
/// building that passes the limit) that is made into elements when the
/// building is opened.
public final class HTMLReport {
  /// How much the report shows before it says "N more".
  public struct Limits: Sendable, Hashable {
    /// Elements listed per rule in a flat's fails or unknowns before the
    /// rest folds away under "N more".
    public var elementsPerRule = 5
    /// Buildings drawn in the chart of flats per building. With more
    /// buildings the chart shows those with the most flats below the top
    /// class (where the work is); the table has them all.
    public var chartBuildings = 30
    /// Rules in the chart of the most frequent fails.
    public var chartRules = 10
    /// The most flats a page lays out whole. A report of more flats keeps
    /// its flats' rows and each building's flats out of the page's layout
    /// (in inert script blocks, which the browser reads as plain text): the
    /// table shows ``pageRows`` rows at a time, sorted and filtered over
    /// all, and a building's flats are made when it is opened. Without
    /// this, 1,000 buildings made a page of 127 MB and 2.3 million
    /// elements that took minutes to open.
    public var inlineFlats = 1000
    /// Rows per page of the flats' table, beyond ``inlineFlats``.
    public var pageRows = 100

    /// The default limits.
    public init() {}
  }

  private let header: ReportHeader
  private let limits: Limits
  private let palette: Palette
  private let rows: Spool
  private let sections: Spool
  /// The quarters' sections, kept aside like the buildings': a portfolio
  /// of many quarters would otherwise grow the memory to the end.
  private let quarterSections: Spool
  private var quarterCount = 0
  private var buildingCount = 0
  private var flatCount = 0
  private var failsByRule: [String: RuleTally] = [:]
  private var chartBuildings: [BuildingTally] = []

  /// A writer for a check described by `header`.
  public convenience init(header: ReportHeader, limits: Limits = Limits()) {
    self.init(header: header, limits: limits, spoolLimit: 4 << 20)
  }

  /// A writer that keeps at most `spoolLimit` bytes of rows and of sections
  /// in memory before it spills them to temporary files.
  init(header: ReportHeader, limits: Limits, spoolLimit: Int) {
    self.header = header
    self.limits = limits
    palette = Palette(ladder: header.profile.ladder)
    rows = Spool(limit: spoolLimit)
    sections = Spool(limit: spoolLimit)
    quarterSections = Spool(limit: spoolLimit)
  }

  /// One building made into HTML, ready to be added: its rows, its
  /// section and its figures for the charts.
  public struct Rendered: Sendable {
    var rows: String
    var section: String
    /// The section with its detail gzipped in base64 between
    /// ``Pieces/packedStart`` and ``Pieces/packedEnd``, for a large page
    /// (nil when zlib failed: the section goes as it is).
    var packedSection: String?
    var building: BuildingReport
  }

  /// What makes a building's HTML, apart from the report that collects it:
  /// safe to use from any thread, so that buildings can be rendered in
  /// parallel and added in order.
  public struct Renderer: Sendable {
    let header: ReportHeader
    let limits: Limits
    let palette: Palette

    /// The HTML of `building`, the `index`th of the report (0 for the first).
    public func render(_ building: BuildingReport, index: Int) -> Rendered {
      render(building, index: index, passes: nil)
    }

    /// `section` with the detail between its marks gzipped in base64.
    static func packed(_ section: String) -> String? {
      // Searched as bytes: the marks are single bytes, and a search by
      // characters walks the grapheme clusters of the whole section.
      let utf8 = section.utf8
      guard let start = utf8.firstIndex(of: 1), let end = utf8[start...].firstIndex(of: 2),
        let packed = GzipBase64.encode(String(section[utf8.index(after: start)..<end]))
      else { return nil }
      return section[..<start] + Pieces.packedStart + packed + Pieces.packedEnd
        + section[utf8.index(after: end)...]
    }

    /// The HTML of `building`, whose passes and findings not applicable
    /// are `passes` (by flat id, `""` for the building's own) when its
    /// report lists only fails and unknowns: the page shows them as counts,
    /// and a report of every pass is most of the work of making it.
    func render(_ building: BuildingReport, index: Int, passes: [String: PassCount]?) -> Rendered {
      var pieces = Pieces(renderer: self)
      pieces.passes = passes
      var rowText = ""
      for (number, flat) in building.flats.enumerated() {
        rowText += pieces.row(flat, of: building, anchor: anchor(index + 1, number + 1)).render()
        rowText += "\n"
      }
      let section = pieces.section(building, index: index + 1).render() + "\n"
      return Rendered(
        rows: rowText, section: section, packedSection: Self.packed(section), building: building)
    }
  }

  /// The renderer of this report's buildings.
  public var renderer: Renderer { Renderer(header: header, limits: limits, palette: palette) }

  /// Adds one building: its row per flat and its section.
  public func add(_ building: BuildingReport) throws {
    try add(renderer.render(building, index: buildingCount))
  }

  /// Adds a building rendered by ``renderer``; buildings must be added in
  /// the order of their indices.
  public func add(_ rendered: Rendered) throws {
    buildingCount += 1
    tally(rendered.building, index: buildingCount)
    flatCount += rendered.building.flats.count
    try rows.append(rendered.rows)
    // Once the page is large, each building's detail goes gzipped: a page
    // of 1,000 buildings is 16 MB instead of 120. The buildings before
    // that point keep theirs as text; which ones depends only on the input.
    if flatCount > limits.inlineFlats, let packed = rendered.packedSection {
      try sections.append(packed)
    } else {
      try sections.append(rendered.section)
    }
  }

  /// Adds a quarter's view, at the end of the quarter: its section is made
  /// now and kept aside until ``finish(summary:write:)``.
  public func add(quarter view: QuarterView) throws {
    quarterCount += 1
    try quarterSections.append(quarter(view, index: quarterCount).render())
  }

  /// Writes the whole document through `write`, in pieces: the header and
  /// summary, the flats' table, the buildings and the quarters added with
  /// ``add(quarter:)``.
  public func finish(summary: ReportSummary, write: (String) throws -> Void) throws {
    let rowsMark = "<!--rows-->"
    let sectionsMark = "<!--sections-->"
    let quartersMark = "<!--quarters-->"
    let large = flatCount > limits.inlineFlats
    let page = document(summary: summary, large: large, rowsMark, sectionsMark, quartersMark)
      .render()
    // A building's detail between its marks: in the page, or in an inert
    // block the script makes into elements when the building is opened.
    let folded =
      "<details class=\"lazy\"><summary>Show its flats and findings</summary>"
      + "<div class=\"slot\"></div></details>"
    let marks =
      large
      ? [
        "", folded + "<script type=\"text/html\" class=\"detail\">", "</script>",
        folded + "<script type=\"text/plain\" class=\"detail packed\">", "</script>",
      ] : ["", "", "", "", ""]
    let writeSections: (String) throws -> Void = { chunk in
      try write(Self.replacingMarks(chunk, with: marks))
    }
    guard let rowsAt = page.range(of: rowsMark), let sectionsAt = page.range(of: sectionsMark)
    else {
      throw Spool.Failure(description: "the HTML page lost its place holders")
    }
    try write(String(page[..<rowsAt.lowerBound]))
    try rows.drain(write)
    var rest = page[rowsAt.upperBound...]
    if let quartersAt = rest.range(of: quartersMark) {
      try write(String(rest[..<sectionsAt.lowerBound]))
      try sections.drain(writeSections)
      try write(String(rest[sectionsAt.upperBound..<quartersAt.lowerBound]))
      try quarterSections.drain(write)
      rest = rest[quartersAt.upperBound...]
    } else {
      try write(String(rest[..<sectionsAt.lowerBound]))
      try sections.drain(writeSections)
      rest = rest[sectionsAt.upperBound...]
    }
    try write(String(rest) + "\n")
  }

  /// `chunk` with each mark (the bytes 1 to 4: ``Pieces/detailStart``,
  /// ``Pieces/detailEnd``, ``Pieces/packedStart``, ``Pieces/packedEnd``)
  /// replaced by `marks[byte]`, in one pass over its bytes (the standard
  /// library's `replacing` took 41 % of a report's instructions).
  static func replacingMarks(_ chunk: String, with marks: [String]) -> String {
    var chunk = chunk
    return chunk.withUTF8 { bytes in
      var result: [UInt8] = []
      result.reserveCapacity(bytes.count + 4096)
      var start = 0
      for index in bytes.indices where bytes[index] < 5 {
        let byte = Int(bytes[index])
        guard byte >= 1 && byte < marks.count else { continue }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        result.append(contentsOf: marks[byte].utf8)
        start = index + 1
      }
      result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
      return String(decoding: result, as: UTF8.self)
    }
  }

  /// Writes the whole document with `quarters` added last (see
  /// ``add(quarter:)`` for quarters added as they end).
  public func finish(
    quarters: [QuarterView], summary: ReportSummary, write: (String) throws -> Void
  ) throws {
    for view in quarters { try add(quarter: view) }
    try finish(summary: summary, write: write)
  }

  // MARK: Tallies for the charts

  struct RuleTally {
    var fails = 0
    var flats = 0
  }

  struct BuildingTally {
    var index: Int
    var label: String
    /// Flats per class, in ladder order.
    var counts: [Int]
    /// Flats below the top class.
    var work: Int
  }

  private func tally(_ building: BuildingReport, index: Int) {
    for finding in building.findings where finding.status == .fail {
      failsByRule[finding.rule, default: RuleTally()].fails += 1
    }
    var counts = Array(repeating: 0, count: header.profile.ladder.count)
    for flat in building.flats {
      if let rank = header.profile.ladder.firstIndex(of: flat.class) { counts[rank] += 1 }
      var seen: Set<String> = []
      for finding in flat.findings where finding.status == .fail {
        failsByRule[finding.rule, default: RuleTally()].fails += 1
        if seen.insert(finding.rule).inserted { failsByRule[finding.rule]?.flats += 1 }
      }
    }
    let work = building.flats.count - (counts.last ?? 0)
    chartBuildings.append(
      BuildingTally(
        index: index, label: building.name.map { "\(building.id) \($0)" } ?? building.id,
        counts: counts, work: work))
    // Keep the buildings with the most work; input order among equals.
    if chartBuildings.count > limits.chartBuildings {
      chartBuildings.sort { ($0.work, -$0.index) > ($1.work, -$1.index) }
      chartBuildings.removeLast(chartBuildings.count - limits.chartBuildings)
    }
  }

  /// The rules that fail most: by fails, then by id.
  var topRules: [(rule: String, tally: RuleTally)] {
    let entries: [(rule: String, tally: RuleTally)] = failsByRule.map { ($0.key, $0.value) }
    let sorted = entries.sorted { a, b in
      a.tally.fails != b.tally.fails ? a.tally.fails > b.tally.fails : a.rule < b.rule
    }
    return Array(sorted.prefix(limits.chartRules))
  }

  // MARK: The page

  private func document(
    summary: ReportSummary, large: Bool, _ rowsMark: String, _ sectionsMark: String,
    _ quartersMark: String
  ) -> HTML {
    let profile = header.profile
    return HTML(
      .lang(.english),
      .head(
        .meta(.charset(.utf8)),
        .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
        .meta(
          .name("generator"), .content(attribute("\(header.tool.name) \(header.tool.version)"))),
        .element(named: "title", nodes: [text("Accessibility check: \(profile.title)")]),
        // Plot writes a style element's text raw: CSS, not HTML, and ours.
        .style(HTMLAssets.css + palette.css)
      ),
      .body(
        .a(.class("skip"), .href("#flats"), .text("Skip to the table of flats")),
        .raw(palette.definitions),
        .header(
          .h1("Accessibility check"),
          .dl(
            .class("facts"),
            .dt("Profile"),
            .dd(text("\(profile.title) ("), .code(text(profile.id)), text(")")),
            .dt("Standard"),
            .dd(
              text(
                profile.edition.isEmpty
                  ? profile.standard : "\(profile.standard):\(profile.edition)")),
            .dt("Ladder"),
            .dd(text(profile.ladder.joined(separator: " < "))),
            .dt(header.inputs.count == 1 ? "Input" : "Inputs"),
            .dd(
              .forEach(header.inputs.enumerated()) { index, input in
                .group(index > 0 ? text(", ") : .empty, .code(text(input)))
              }),
            .dt("Tool"),
            .dd(text("\(header.tool.name) \(header.tool.version)"))
          )
        ),
        .nav(
          .attribute(named: "aria-label", value: "Contents"),
          .ul(
            .li(.a(.href("#summary"), "Summary")),
            .if(!summary.fixFirst.ranked.isEmpty, .li(.a(.href("#fix-first"), "Fix first"))),
            .li(.a(.href("#flats"), "Flats")),
            .li(.a(.href("#buildings"), "Buildings")),
            .if(quarterCount > 0, .li(.a(.href("#quarters"), "Quarters")))
          )
        ),
        .main(
          summarySection(summary),
          fixFirstSection(summary.fixFirst),
          flatsSection(rowsMark, large: large),
          .section(
            .id("buildings"), .attribute(named: "aria-labelledby", value: "buildings-h"),
            .h2(.id("buildings-h"), "Buildings"),
            .if(
              large,
              .p(
                text(
                  "\(plural(buildingCount, "building")) with \(plural(flatCount, "flat")): each "
                    + "building's flats and findings are shown when it is opened, or when a flat "
                    + "is chosen in the table."))),
            .raw(sectionsMark)
          ),
          .if(quarterCount > 0, quartersSection(quartersMark))
        ),
        .footer(
          .p(
            text(
              "A flat reaches a class only when nothing fails at that class or below. "
                + "\"Possibly …, unverified\" means that nothing fails but measurements are "
                + "missing: unknown is never a pass.")),
          .p(text("Written by \(header.tool.name) \(header.tool.version)."))
        ),
        // The page's own script, written by us (HTMLAssets): raw, since a
        // script's text is not HTML and must not be escaped.
        .script(.raw(HTMLAssets.script))
      )
    )
  }

  // MARK: Summary and charts

  private func summarySection(_ summary: ReportSummary) -> Node<HTML.BodyContext> {
    let ladder = header.profile.ladder
    let classes = Array(ladder.reversed())
    let findings = summary.findings
    return .section(
      .id("summary"), .attribute(named: "aria-labelledby", value: "summary-h"),
      .h2(.id("summary-h"), "Summary"),
      .p(
        text(
          "\(plural(summary.buildings, "building")), \(plural(summary.flats, "flat")). Findings at "
            + "\(header.profile.id): \(findings["fail"] ?? 0) fail, "
            + "\(findings["unknown"] ?? 0) unknown, \(findings["pass"] ?? 0) pass, "
            + "\(findings["notApplicable"] ?? 0) not applicable.")
      ),
      .div(
        .class("charts"),
        classChart(summary, classes: classes),
        buildingChart(classes: classes),
        ruleChart()
      )
    )
  }

  /// Flats per class, top class first.
  private func classChart(_ summary: ReportSummary, classes: [String]) -> Node<HTML.BodyContext> {
    let total = max(summary.flats, 1)
    let bars = classes.map { level in
      Chart.Bar(
        label: level, segments: [(palette.name(level), summary.byClass[level] ?? 0)],
        note: share(summary.byClass[level] ?? 0, of: total)
          + ((summary.unverifiedByClass[level] ?? 0) > 0
            ? ", \(summary.unverifiedByClass[level] ?? 0) unverified" : ""))
    }
    let description = classes.map { "\($0) \(summary.byClass[$0] ?? 0)" }.joined(separator: ", ")
    return Chart(
      id: "chart-classes", title: "Flats per class",
      description: "Flats per class, of \(summary.flats): \(description).", bars: bars,
      labelWidth: 130
    ).figure(
      head:
        .thead(
          .tr(
            .th(scope("col"), "Class"), .th(scope("col"), "Flats"),
            .th(scope("col"), "Of those unverified"))),
      rows: .tbody(
        .forEach(classes) { level in
          .tr(
            .th(scope("row"), text(level)),
            .td(.class("n"), text("\(summary.byClass[level] ?? 0)")),
            .td(.class("n"), text("\(summary.unverifiedByClass[level] ?? 0)")))
        })
    )
  }

  /// Flats per class for each building (or the buildings with the most work).
  private func buildingChart(classes: [String]) -> Node<HTML.BodyContext> {
    let shown = chartBuildings.sorted {
      buildingCount > limits.chartBuildings
        ? ($0.work, -$0.index) > ($1.work, -$1.index) : $0.index < $1.index
    }
    let ladder = header.profile.ladder
    let bars = shown.map { building in
      Chart.Bar(
        label: building.label,
        segments: classes.map { level in
          (palette.name(level), ladder.firstIndex(of: level).map { building.counts[$0] } ?? 0)
        },
        note: "\(building.counts.reduce(0, +))")
    }
    let title =
      buildingCount > limits.chartBuildings
      ? "Flats per class in the \(shown.count) buildings with most flats below \(classes.first ?? "")"
      : "Flats per class and building"
    let description = shown.map { building in
      building.label + ": "
        + classes.compactMap { level -> String? in
          guard let rank = ladder.firstIndex(of: level), building.counts[rank] > 0 else {
            return nil
          }
          return "\(level) \(building.counts[rank])"
        }.joined(separator: ", ")
    }.joined(separator: "; ")
    return Chart(
      id: "chart-buildings", title: title,
      description: description.isEmpty ? "No buildings." : description + ".", bars: bars,
      // Labels above the bars: a building's name would be cut beside them.
      labelWidth: 0, legend: classes.map { ($0, palette.name($0)) }
    ).figure(
      head:
        .thead(
          .tr(
            .th(scope("col"), "Building"),
            .forEach(classes) { .th(scope("col"), text($0)) },
            .th(scope("col"), "Flats"))),
      rows: .tbody(
        .forEach(shown) { building in
          .tr(
            .th(scope("row"), text(building.label)),
            .forEach(classes) { level in
              .td(
                .class("n"),
                text("\(ladder.firstIndex(of: level).map { building.counts[$0] } ?? 0)"))
            },
            .td(.class("n"), text("\(building.counts.reduce(0, +))")))
        })
    )
  }

  /// The rules that fail most.
  private func ruleChart() -> Node<HTML.BodyContext> {
    let top = topRules
    let bars = top.map { entry in
      Chart.Bar(
        label: ruleTitle(entry.rule), segments: [("fail", entry.tally.fails)],
        note: "\(entry.tally.fails) in \(plural(entry.tally.flats, "flat"))")
    }
    let description = top.map { "\(ruleTitle($0.rule)) (\($0.rule)) \($0.tally.fails)" }
      .joined(separator: "; ")
    return Chart(
      id: "chart-rules", title: "The \(top.count) rules that fail most",
      description: top.isEmpty ? "Nothing fails." : "Fails per rule: \(description).",
      bars: bars, labelWidth: 0
    ).figure(
      head:
        .thead(
          .tr(
            .th(scope("col"), "Rule"), .th(scope("col"), "Fails"),
            .th(scope("col"), "Flats with a fail"))),
      rows: .tbody(
        .forEach(top) { entry in
          .tr(
            .th(scope("row"), text(ruleTitle(entry.rule)), .br(), .code(text(entry.rule))),
            .td(.class("n"), text("\(entry.tally.fails)")),
            .td(.class("n"), text("\(entry.tally.flats)")))
        })
    )
  }

  // MARK: Fix first

  /// The flats one and two rules from their next class, and the rules whose
  /// fix alone would lift the most flats, as tables in scroll boxes;
  /// nothing when no flat is blocked.
  private func fixFirstSection(_ view: FixFirst) -> Node<HTML.BodyContext> {
    let ranked = view.ranked
    guard !ranked.isEmpty else { return .empty }
    let limit = TextReport.fixFirstLines
    func group(_ group: FixFirst.Group, _ words: String) -> Node<HTML.BodyContext> {
      .if(
        group.count > 0,
        .div(
          .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
          .table(
            .caption(
              text(
                "\(plural(group.count, "flat")) \(words) from the next class"
                  + (group.count > limit ? ", the first \(limit)" : ""))),
            .thead(
              .tr(
                .th(scope("col"), "Flat"), .th(scope("col"), "Class"),
                .th(scope("col"), "Next class"), .th(scope("col"), "Rules to fix"),
                .if(group.flats.contains { $0.upgrade != nil }, .th(scope("col"), "What it takes")))
            ),
            .tbody(
              .forEach(group.flats.prefix(limit)) { miss in
                .tr(
                  .th(scope("row"), text("\(miss.flat) (\(miss.building))")),
                  .td(
                    text(miss.verified ? miss.class : "possibly \(miss.class), unverified")),
                  .td(text(miss.nextClass)),
                  .td(
                    .forEach(miss.rules.enumerated()) { index, rule in
                      .group(
                        index > 0 ? .br() : .empty, text(ruleTitle(rule) + " "),
                        .code(text(rule)))
                    }),
                  .if(
                    group.flats.contains { $0.upgrade != nil },
                    .td(text(miss.upgrade?.summary ?? ""))))
              })
          )))
    }
    return .section(
      .id("fix-first"), .attribute(named: "aria-labelledby", value: "fix-first-h"),
      .h2(.id("fix-first-h"), "Fix first"),
      group(view.oneRuleAway, "one rule"),
      group(view.twoRulesAway, "two rules"),
      .div(
        .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
        .table(
          .caption(
            text(
              "Rules by the flats their fix alone would lift (flats one rule away whose rule it "
                + "is), then by the flats they block"
                + (ranked.count > limit ? ", the first \(limit) of \(ranked.count)" : ""))),
          .thead(
            .tr(
              .th(scope("col"), "Rule"), .th(scope("col"), "Lifts"),
              .th(scope("col"), "Blocks"))),
          .tbody(
            .forEach(ranked.prefix(limit)) { rank in
              .tr(
                .th(scope("row"), text(ruleTitle(rank.rule)), .br(), .code(text(rank.rule))),
                .td(.class("n"), text("\(rank.lifts)")),
                .td(.class("n"), text("\(rank.blocks)")))
            })
        ))
    )
  }

  // MARK: The table of flats

  private func flatsSection(_ rowsMark: String, large: Bool) -> Node<HTML.BodyContext> {
    // How each column sorts: as text (nil), as a number, or by rank.
    // The counts are of the checked profile's findings, at the top class:
    // the header says so, or a barrier-free flat's "Fails 37" reads as
    // failing its own class.
    let top = header.profile.ladder.last ?? header.profile.id
    let columns: [(String, String?)] = [
      // The flat and its class first: on a phone they are what shows.
      ("Flat", nil), ("Class", "rank"), ("Building", nil), ("Address", nil), ("Number", nil),
      ("Storey", "number"), ("Verified", nil), ("Fails at \(top)", "number"),
      ("Unknowns at \(top)", "number"), ("Blocking rules", nil),
    ]
    return .section(
      .id("flats"), .attribute(named: "aria-labelledby", value: "flats-h"),
      .h2(.id("flats-h"), "Flats"),
      .div(
        .id("flat-controls"), .class("controls"), .hidden(true),
        .attribute(named: "role", value: "search"),
        .label(.text("Find flats "), .input(.type(.search), .id("flat-search"))),
        .label(
          .text("Class "),
          .select(
            .id("flat-class"),
            option(value: "", label: "all"),
            .forEach(header.profile.ladder.reversed()) { option(value: $0, label: $0) })),
        .label(.input(.type(.checkbox), .id("flat-unverified")), .text(" only unverified")),
        .element(
          named: "output",
          nodes: [.id("flat-count"), .attribute(named: "aria-live", value: "polite")])
      ),
      .div(
        .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
        .table(
          .id("flat-table"),
          .caption(
            text(
              "All \(plural(flatCount, "flat")): the class reached, whether it is verified, the "
                + "fails and unknowns at \(header.profile.id), and the rules that block the next class."
            )),
          .thead(
            .tr(
              .forEach(columns) { name, type in
                .th(scope("col"), .unwrap(type) { .data(named: "type", value: $0) }, text(name))
              })),
          .tbody(.raw(large ? "" : rowsMark))
        )),
      .if(
        large,
        .group(
          .div(
            .id("flat-pager"), .class("controls"), .hidden(true),
            .attribute(named: "data-rows", value: "\(limits.pageRows)"),
            .button(.type(.button), .id("flat-previous"), "Previous"),
            .button(.type(.button), .id("flat-next"), "Next"),
            .element(
              named: "output",
              nodes: [.id("flat-page"), .attribute(named: "aria-live", value: "polite")])),
          .element(
            named: "noscript",
            nodes: [
              .p(
                text(
                  "At \(plural(flatCount, "flat")) this page shows its table and the buildings' "
                    + "flats with JavaScript, which is off; the CSV, xlsx and JSON reports have "
                    + "them all."))
            ]),
          .raw("<script type=\"text/html\" id=\"flat-rows\">\(rowsMark)</script>")))
    )
  }

  // MARK: Quarters

  /// The quarters' section, with `mark` where the quarters' own sections go.
  private func quartersSection(_ mark: String) -> Node<HTML.BodyContext> {
    .section(
      .id("quarters"), .attribute(named: "aria-labelledby", value: "quarters-h"),
      .h2(.id("quarters-h"), "Quarters"),
      .raw(mark)
    )
  }

  private func quarter(_ view: QuarterView, index: Int) -> Node<HTML.BodyContext> {
    let classes = Array(view.classes.reversed())
    // The reaches go to the café or meeting place, then the care base: the
    // first kinds of the quarter's presence list.
    let kinds = (view.flats.first?.reaches ?? []).indices.map { index in
      index < view.presence.count ? view.presence[index].what : "facility \(index + 1)"
    }
    return .section(
      .id("q\(index)"), .class("quarter"),
      .attribute(named: "aria-labelledby", value: "q\(index)-h"),
      .h3(.id("q\(index)-h"), text("Quarter \(view.id)" + (view.name.map { ": \($0)" } ?? ""))),
      .div(
        .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
        .table(
          .caption(text("Flats per class and building in quarter \(view.id)")),
          .thead(
            .tr(
              .th(scope("col"), "Building"), .forEach(classes) { .th(scope("col"), text($0)) },
              .th(scope("col"), "Flats"))),
          .tbody(
            .forEach(view.buildings + [""]) { building in
              let counts = classes.map { view.counts[$0]?[building] ?? 0 }
              return .tr(
                .th(scope("row"), text(building.isEmpty ? "all" : building)),
                .forEach(counts) { .td(.class("n"), text("\($0)")) },
                .td(.class("n"), text("\(counts.reduce(0, +))")))
            })
        )),
      .ul(
        .forEach(view.presence) { presence in
          .li(
            .strong(text("\(presence.what): ")),
            text(presence.facilities.isEmpty ? "none" : presence.facilities.joined(separator: ", "))
          )
        }),
      .if(
        !view.pathFindings.isEmpty,
        .group(
          .h4("Outdoor paths"),
          Pieces(renderer: renderer).groupList(
            view.pathFindings.map { FindingReport($0, units: header.units) }, status: .fail,
            remedies: .each))),
      .div(
        .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
        .table(
          .caption(text("Step-free reach from each flat")),
          .thead(
            .tr(
              .th(scope("col"), "Building"), .th(scope("col"), "Flat"), .th(scope("col"), "Class"),
              .forEach(kinds) { .th(scope("col"), text($0)) })),
          .tbody(
            .forEach(view.flats) { flat in
              .tr(
                .td(text(flat.building)), .th(scope("row"), text(flat.flat)),
                .td(text(flat.classification.description)),
                .forEach(flat.reaches) { reach in .td(text(describe(reach))) })
            })
        ))
    )
  }

  private func describe(_ reach: QuarterView.Reach) -> String {
    let units = header.units
    let more = reach.notes.count > 1 ? " and \(reach.notes.count - 1) more" : ""
    let target = reach.facility.isEmpty ? "" : " (\(reach.facility))"
    let note = units.converting(reach.notes.first ?? "")
    switch reach.status {
    case .pass:
      guard let length = reach.length else { return "yes\(target), length not known" }
      return length.millimetres > 0 ? "yes\(target), \(units.distance(length))" : "yes\(target)"
    case .fail: return "no: \(note)\(more)"
    default: return "unverified: \(note)\(more)"
    }
  }

  // MARK: Helpers

}

/// The parts of the page made per building, apart from the report that
/// collects them: value types only, so that buildings render in parallel.
struct Pieces: Sendable {
  let header: ReportHeader
  let limits: HTMLReport.Limits
  let palette: Palette

  init(renderer: HTMLReport.Renderer) {
    header = renderer.header
    limits = renderer.limits
    palette = renderer.palette
  }

  func row(_ flat: FlatReport, of building: BuildingReport, anchor: String)
    -> Node<HTML.TableContext>
  {
    let fails = flat.findings.count { $0.status == .fail }
    let unknowns = flat.findings.count { $0.status == .unknown }
    let rank = header.profile.ladder.firstIndex(of: flat.class) ?? 0
    return .tr(
      .data(named: "class", value: attribute(flat.class)),
      .data(named: "verified", value: flat.verified ? "yes" : "no"),
      .th(scope("row"), .a(.href("#\(anchor)"), text(flat.id))),
      .td(.data(named: "v", value: "\(rank)"), badge(flat)),
      .td(text(building.id)),
      .td(text(building.address ?? "")),
      .td(text(flat.number ?? "")),
      .td(.class("n"), text(flat.storey.map(String.init) ?? "")),
      .td(text(flat.verified ? "yes" : "no")),
      .td(.class("n"), text("\(fails)")),
      .td(.class("n"), text("\(unknowns)")),
      .td(
        .class("rules"),
        .forEach(flat.blockingRules.prefix(2).enumerated()) { index, rule in
          .group(index > 0 ? .br() : .empty, .span(.title(attribute(rule)), text(ruleTitle(rule))))
        },
        .if(
          flat.blockingRules.count > 2,
          .group(.br(), text("and \(flat.blockingRules.count - 2) more"))))
    )
  }

  func badge(_ flat: FlatReport) -> Node<HTML.BodyContext> {
    .span(
      // Unverified apart from verified by more than colour: dashed, italic.
      .class("badge \(palette.name(flat.class))" + (flat.verified ? "" : " unverified")),
      text(flat.verified ? flat.class : "possibly \(flat.class), unverified"))
  }

  // MARK: Buildings and flats

  /// A building's passes and findings not applicable, counted from its
  /// assessment (``HTMLReport/Renderer/render(_:index:passes:)``); nil:
  /// counted from the reports' findings.
  var passes: [String: PassCount]?

  func section(_ building: BuildingReport, index: Int) -> Node<HTML.BodyContext> {
    let id = anchor(index)
    return .section(
      .id(id), .class("building"), .attribute(named: "aria-labelledby", value: "\(id)-h"),
      .h3(
        .id("\(id)-h"), text("Building \(building.id)" + (building.name.map { ": \($0)" } ?? ""))),
      .unwrap(building.address) { .p(.class("address"), text($0)) },
      .p(.class("facts-line"), text(flatCounts(building))),
      .raw(Self.detailStart),
      .if(
        !building.findings.isEmpty
          || passes?[""].map { $0.passes + $0.notApplicable > 0 } ?? false,
        .group(
          .h4("The building's own places and connectors"),
          findingsBlock(building.findings, headingLevel: 5, counted: passes?[""]))),
      .if(building.flats.isEmpty, .p("No flats recorded.")),
      .forEach(building.flats.enumerated()) { number, flat in
        flatArticle(flat, anchor: anchor(index, number + 1))
      },
      .raw(Self.detailEnd)
    )
  }

  /// Where a building's detail (its own findings and its flats) starts and
  /// ends in its section: control characters, which no escaped text holds
  /// (`escapedForOneLine`), replaced when the page is put together.
  static let detailStart = "\u{1}"
  static let detailEnd = "\u{2}"
  /// Where a gzipped detail (base64) starts and ends.
  static let packedStart = "\u{3}"
  static let packedEnd = "\u{4}"

  /// `11 flats: wheelchair 3, barrierFree 7, none 1`, top class first.
  func flatCounts(_ building: BuildingReport) -> String {
    let ladder = header.profile.ladder
    var counts = Array(repeating: 0, count: ladder.count)
    for flat in building.flats {
      if let rank = ladder.firstIndex(of: flat.class) { counts[rank] += 1 }
    }
    let parts = zip(ladder, counts).reversed().filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
    return plural(building.flats.count, "flat")
      + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
  }

  /// A flat's article, written as markup (like ``groupList(_:status:remedies:)``):
  /// a page has one per flat, and Plot's trees for them were most of what
  /// was left of an HTML report's own time.
  func flatArticle(_ flat: FlatReport, anchor: String) -> Node<HTML.BodyContext> {
    func text(_ value: String) -> String { escaped(value, quotes: false) }
    var facts: [String] = []
    if let number = flat.number, number != flat.id { facts.append("no. \(number)") }
    if let level = flat.storey { facts.append("storey \(level)") }
    if let register = flat.register { facts.append("register \(register.words)") }
    let counted = passes?[flat.id]
    let counts = FindingStatus.allCases.map { status in
      switch (status, counted) {
      case (.pass, let counted?): (status, counted.passes)
      case (.notApplicable, let counted?): (status, counted.notApplicable)
      default: (status, flat.findings.count { $0.status == status })
      }
    }
    facts.append(
      counts.map { "\($0.1) \($0.0 == .notApplicable ? "not applicable" : $0.0.rawValue)" }
        .joined(separator: ", "))
    var markup = "<article id=\"\(anchor)\" class=\"flat\" aria-labelledby=\"\(anchor)-h\">"
    markup += "<h4 id=\"\(anchor)-h\">" + text("Flat \(flat.id) ") + badge(flat).render() + "</h4>"
    markup += "<p class=\"facts-line\">" + text(facts.joined(separator: " · ")) + "</p>"
    markup += routeMarkup(flat.route)
    if !flat.blockers.isEmpty {
      markup +=
        "<h5>" + text("To reach \(flat.nextClass ?? "the next class"): fix \(flat.blockers.count)")
        + "</h5>" + groupMarkup(flat.blockers, status: .fail, remedies: .each)
    }
    if let upgrade = flat.upgrade {
      markup +=
        "<p class=\"upgrade\"><strong>What it takes </strong>" + text(upgrade.summary) + "</p>"
    }
    markup += findingsMarkup(
      flat.findings, headingLevel: 5, listed: flat.blockers, counted: counted)
    return .raw(markup + "</article>")
  }

  func routeMarkup(_ route: [String]?) -> String {
    guard let route else { return "" }
    guard !route.isEmpty else {
      return "<p class=\"route\"><strong>Route: </strong>none recorded from a public way.</p>"
    }
    return "<p class=\"route-h\"><strong>Route to the entrance:</strong></p><ol class=\"route\">"
      + route.map { "<li>" + escaped($0, quotes: false) + "</li>" }.joined() + "</ol>"
  }

  /// Fails and unknowns grouped by rule, then the passes as a count per rule.
  /// Fails already `listed` (the same rule, element and message among a
  /// flat's blockers) are not repeated.
  func findingsBlock(
    _ findings: [FindingReport], headingLevel: Int, listed: [FindingReport] = [],
    counted: PassCount? = nil
  ) -> Node<HTML.BodyContext> {
    .raw(findingsMarkup(findings, headingLevel: headingLevel, listed: listed, counted: counted))
  }

  /// ``findingsBlock(_:headingLevel:listed:counted:)`` as markup.
  func findingsMarkup(
    _ findings: [FindingReport], headingLevel: Int, listed: [FindingReport] = [],
    counted: PassCount? = nil
  ) -> String {
    let seen = Set(listed.map { "\($0.rule)\u{1F}\($0.element)\u{1F}\($0.message)" })
    let fails = findings.filter {
      $0.status == .fail && !seen.contains("\($0.rule)\u{1F}\($0.element)\u{1F}\($0.message)")
    }
    let failsTitle = listed.isEmpty ? "Fails" : "Further fails"
    let unknowns = findings.filter { $0.status == .unknown }
    let passes =
      counted ?? PassCount(findings.lazy.filter { $0.status != .fail && $0.status != .unknown })
    func heading(_ title: String) -> String {
      let tag = headingLevel <= 4 ? "h4" : "h5"
      return "<\(tag)>" + escaped(title, quotes: false) + "</\(tag)>"
    }
    var markup = ""
    if !fails.isEmpty {
      markup += heading("\(failsTitle) at \(header.profile.id): \(fails.count)")
      markup += groupMarkup(fails, status: .fail, remedies: listed.isEmpty ? .each : .shared)
    }
    if !unknowns.isEmpty {
      markup += heading("Unknown, to measure: \(unknowns.count)")
      markup += groupMarkup(unknowns, status: .unknown, remedies: .none)
    }
    // The passes as a count: listing them made most of a portfolio's page
    // (the JSON, CSV and xlsx reports list them).
    if passes.passes > 0 || passes.notApplicable > 0 {
      markup +=
        "<p class=\"passes\">"
        + escaped(
          "\(passes.passes) pass in \(plural(passes.rules, "rule"))"
            + (passes.notApplicable > 0 ? ", \(passes.notApplicable) not applicable" : "") + ".",
          quotes: false) + "</p>"
    }
    return markup
  }

  /// One item per rule and citation: the rule's title and citation, its
  /// first elements with what was measured, the rest under "N more", and
  /// the remedy once when it is the same for all.
  /// Which remedies a list shows.
  enum Remedies {
    /// None (unknowns have none).
    case none
    /// One per rule when all its elements share it, else one per element.
    case each
    /// Only the ones a whole rule shares.
    case shared
  }

  func groupList(_ findings: [FindingReport], status: FindingStatus, remedies: Remedies)
    -> Node<HTML.BodyContext>
  {
    .raw(groupMarkup(findings, status: status, remedies: remedies))
  }

  /// ``groupList(_:status:remedies:)`` as markup.
  func groupMarkup(_ findings: [FindingReport], status: FindingStatus, remedies: Remedies)
    -> String
  {
    // Written as markup straight, like ``findingMarkup(_:remedy:)``: a page
    // has one of these per rule that fails or is unknown in each flat.
    func text(_ value: String) -> String { escaped(value, quotes: false) }
    var markup = "<ul class=\"groups \(status.rawValue)\">"
    for group in findings.groupedByRule() {
      let first = group[0]
      // Fold the rest only when it is at least two: "1 more" saves nothing.
      let cut = group.count > limits.elementsPerRule + 1 ? limits.elementsPerRule : group.count
      let shown = group.prefix(cut)
      let rest = group.dropFirst(cut)
      let distinctRemedies = Set(group.compactMap(\.remedy))
      let sharedRemedy = distinctRemedies.count == 1 ? distinctRemedies.first : nil
      let eachRemedy = remedies == .each && sharedRemedy == nil
      markup += "<li><p class=\"rule\"><strong>" + text(ruleTitle(first.rule)) + "</strong>"
      if group.count > 1 { markup += text(" ×\(group.count)") }
      markup += "<span class=\"cite\"> <code>" + text(first.rule) + "</code>"
      markup += text(" · \(first.citationMarked)")
      if let confidence = first.confidence {
        markup +=
          "<span class=\"confidence\" title=\"how sure the threshold is: VV two or more sources, "
          + "V one, K from knowledge of the standard, ? unsure\">"
          + text(" · confidence \(confidence)") + "</span>"
      }
      markup += "</span></p><ul>"
      for finding in shown { markup += findingMarkup(finding, remedy: eachRemedy) }
      markup += "</ul>"
      if !rest.isEmpty {
        markup +=
          "<details class=\"more\"><summary>" + text("\(rest.count) more") + "</summary><ul>"
        for finding in rest { markup += findingMarkup(finding, remedy: eachRemedy) }
        markup += "</ul></details>"
      }
      if remedies != .none, let sharedRemedy {
        markup += "<p class=\"remedy\"><strong>Remedy: </strong>" + text(sharedRemedy) + "</p>"
      }
      markup += "</li>"
    }
    return markup + "</ul>"
  }

  /// A finding's item, as markup written straight: a page has one per
  /// fail and unknown, and Plot's tree of five nodes for each was most of
  /// the time an HTML report took.
  func findingMarkup(_ finding: FindingReport, remedy: Bool) -> String {
    var markup = "<li><span class=\"where\">"
    markup += escaped(place(finding), quotes: false)
    markup += "</span>"
    markup += escaped(": \(finding.message)", quotes: false)
    if remedy, let text = finding.remedy {
      markup += "<br/><span class=\"remedy\">"
      markup += escaped("Remedy: \(text)", quotes: false)
      markup += "</span>"
    }
    return markup + "</li>"
  }

  /// The element's path below the flat (or the building).
  func place(_ finding: FindingReport) -> String {
    finding.place.isEmpty ? "the flat" : finding.place
  }
}

/// The passes of a flat (or a building's own places) as the page shows
/// them: how many, in how many rules (a rule with several citations counts
/// once per citation, as the page groups findings), and how many findings
/// do not apply.
struct PassCount: Sendable, Hashable {
  var passes = 0
  var rules = 0
  var notApplicable = 0

  private struct RuleKey: Hashable {
    var rule: String
    var standard: String
    var clause: String
  }

  init() {}

  /// The counts of the passes and findings not applicable among `findings`.
  init<Findings: Sequence<FindingReport>>(_ findings: Findings) {
    var rules = Set<RuleKey>()
    for finding in findings {
      if finding.status == .pass {
        passes += 1
        rules.insert(
          RuleKey(rule: finding.rule, standard: finding.standard, clause: finding.clause))
      } else if finding.status == .notApplicable {
        notApplicable += 1
      }
    }
    self.rules = rules.count
  }

  /// The counts of the passes and findings not applicable among `findings`.
  init(_ findings: [Finding]) {
    var rules = Set<RuleKey>()
    for finding in findings {
      if finding.status == .pass {
        passes += 1
        rules.insert(
          RuleKey(
            rule: finding.rule, standard: finding.citation.standard,
            clause: finding.citation.clause))
      } else if finding.status == .notApplicable {
        notApplicable += 1
      }
    }
    self.rules = rules.count
  }

  /// Per flat id (`""` for the building's own places), of `building`.
  static func of(_ building: BuildingAssessment) -> [String: PassCount] {
    var counts = ["": PassCount(building.results.last?.findings ?? [])]
    for flat in building.flats { counts[flat.id] = PassCount(flat.findings) }
    return counts
  }
}

// MARK: - Shared helpers

func anchor(_ building: Int, _ flat: Int? = nil) -> String {
  flat.map { "f\(building)-\($0)" } ?? "b\(building)"
}

func ruleTitle(_ id: String) -> String {
  rule(withID: id)?.description.title ?? id
}

func share(_ count: Int, of total: Int) -> String {
  "\(count) (\(Int((Double(count) * 100 / Double(total)).rounded())) %)"
}

func plural(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}

// MARK: - Escaping

// Text and attribute values are escaped here, not by Plot, and text goes
// to Plot as already escaped (`.raw`). Plot's own escaping (Plot 0.14,
// String+Escaping.swift and Attribute.swift) cannot carry survey data:
// - attribute values are written as they are, so a `"` in a flat's class or
//   a rule id would end the attribute and let the data write markup;
// - in text, whatever looks like a character reference (`&amp;`, `&#x202E;`)
//   is kept as it is, so data could bring in the bidirectional overrides
//   that `escapedForOneLine` takes out, and a name written `A&amp;B` would
//   show as `A&B`;
// - it builds a String per character, a cost on every cell of the table.
// Going through Plot would change the page only for such data (text with
// `&name;` or `&#…;`, attribute values with `"`, `<`, `>` or `&`), which is
// exactly the data the hand-written escaping is for.

/// Text, shown as it is.
func text<Context>(_ value: String) -> Node<Context> {
  .raw(escaped(value, quotes: false))
}

/// `value` on one line (`escapedForOneLine`: no controls, no bidirectional
/// overrides that would show text reversed) with `&`, `<`, `>` (and with
/// `quotes`, `"`) as character references.
func escaped(_ value: String, quotes: Bool) -> String {
  let value = value.escapedForOneLine
  let utf8 = value.utf8
  guard
    utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) })
  else { return value }
  var result: [UInt8] = []
  result.reserveCapacity(utf8.count + 16)
  for byte in utf8 {
    switch byte {
    case 0x26: result.append(contentsOf: "&amp;".utf8)
    case 0x3C: result.append(contentsOf: "&lt;".utf8)
    case 0x3E: result.append(contentsOf: "&gt;".utf8)
    case 0x22 where quotes: result.append(contentsOf: "&quot;".utf8)
    default: result.append(byte)
    }
  }
  return String(decoding: result, as: UTF8.self)
}

/// A value for an attribute.
func attribute(_ value: String) -> String {
  escaped(value, quotes: true)
}

/// A `details` element: `summary` shown, `content` folded.
func folded(_ summary: String, _ content: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
  .element(named: "details", nodes: [.element(named: "summary", nodes: [text(summary)])] + content)
}

private func option(value: String, label: String) -> Node<HTML.SelectContext> {
  let nodes: [Node<HTML.BodyContext>] = [
    .attribute(named: "value", value: attribute(value), ignoreIfValueIsEmpty: false), text(label),
  ]
  return .element(named: "option", nodes: nodes)
}

private func scope(_ value: String) -> Node<HTML.BodyContext> {
  .attribute(named: "scope", value: value)
}
