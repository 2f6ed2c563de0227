import BarrierFreeModel
import Plot

/// A horizontal bar chart drawn as inline SVG, with its title and a
/// description that says in words what the bars show, and the figures as a
/// table for those who cannot see the chart.
struct Chart {
  /// One bar: a label, its segments (a CSS class and a count each) and a
  /// note after the bar.
  struct Bar {
    var label: String
    var segments: [(style: String, count: Int)]
    var note: String
  }

  var id: String
  var title: String
  var description: String
  var bars: [Bar]
  /// The width of the labels left of the bars; 0 puts each label above its
  /// bar (for long labels).
  var labelWidth: Int
  /// Names and CSS classes of the segments, shown above the chart.
  var legend: [(name: String, style: String)] = []

  private let width = 640
  /// Room right of the longest bar for its note, at about 8 px a
  /// character of the 14 px text: a note must not run off the chart.
  private var noteWidth: Int {
    max(60, (bars.map(\.note.count).max() ?? 0) * 8 + 12)
  }

  /// The chart, its legend, and `rows` (the figures) as a table under
  /// "The figures as a table".
  func figure(head: Node<HTML.TableContext>, rows: Node<HTML.TableContext>)
    -> Node<HTML.BodyContext>
  {
    .element(
      named: "figure",
      nodes: [
        .class("chart"), .attribute(named: "aria-labelledby", value: "\(id)-c"),
        .element(named: "figcaption", nodes: [.id("\(id)-c"), text(title)]),
        .if(
          !legend.isEmpty,
          .ul(
            .class("legend"),
            .forEach(legend) { entry in
              .li(
                .span(
                  .class("key \(entry.style)"), .attribute(named: "aria-hidden", value: "true")),
                text(entry.name))
            })),
        // A scroll box on narrow screens: the chart keeps its size, so
        // its text stays readable instead of shrinking with the page.
        .div(.class("chart-scroll"), .attribute(named: "tabindex", value: "0"), svg()),
        folded(
          "The figures as a table",
          .div(
            .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
            .table(.caption(text(title)), head, rows))),
      ])
  }

  private func svg() -> Node<HTML.BodyContext> {
    let rowHeight = labelWidth > 0 ? 26 : 40
    let height = max(bars.count, 1) * rowHeight + 4
    let barSpace = width - labelWidth - noteWidth
    let largest = max(bars.map { $0.segments.map(\.count).reduce(0, +) }.max() ?? 0, 1)
    var nodes: [Node<HTML.BodyContext>] = [
      .attribute(named: "role", value: "img"),
      .attribute(named: "aria-labelledby", value: "\(id)-t"),
      .attribute(named: "aria-describedby", value: "\(id)-d"),
      .attribute(named: "viewBox", value: "0 0 \(width) \(height)"),
      .attribute(named: "width", value: "\(width)"),
      .attribute(named: "height", value: "\(height)"),
      .element(named: "title", nodes: [.id("\(id)-t"), text(title)]),
      .element(named: "desc", nodes: [.id("\(id)-d"), text(description)]),
    ]
    if bars.isEmpty {
      nodes.append(svgText("nothing to show", x: 0, y: 18, anchor: nil))
    }
    for (row, bar) in bars.enumerated() {
      let top = row * rowHeight
      let barY = labelWidth > 0 ? top + 5 : top + 20
      let barHeight = labelWidth > 0 ? 16 : 14
      if labelWidth > 0 {
        nodes.append(
          svgText(
            clipped(bar.label, to: labelWidth / 9), x: 0, y: Double(top + 18), anchor: nil))
      } else {
        nodes.append(svgText(clipped(bar.label, to: 86), x: 0, y: Double(top + 14), anchor: nil))
      }
      var x = Double(labelWidth)
      for segment in bar.segments where segment.count > 0 {
        let length = Double(segment.count) * Double(barSpace) / Double(largest)
        nodes.append(
          .element(
            named: "rect",
            nodes: [
              .class(segment.style), .attribute(named: "x", value: number(x)),
              .attribute(named: "y", value: "\(barY)"),
              .attribute(named: "width", value: number(length)),
              .attribute(named: "height", value: "\(barHeight)"),
            ]))
        x += length
      }
      nodes.append(
        svgText(bar.note, x: x + 6, y: Double(barY + barHeight - 3), anchor: nil))
    }
    return .element(named: "svg", nodes: nodes)
  }

  private func svgText(_ value: String, x: Double, y: Double, anchor: String?)
    -> Node<HTML.BodyContext>
  {
    .element(
      named: "text",
      nodes: [
        .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
        .attribute(named: "text-anchor", value: anchor), text(value),
      ])
  }

  /// A label cut to `limit` characters, with an ellipsis when cut.
  private func clipped(_ label: String, to limit: Int) -> String {
    label.count <= limit ? label : String(label.prefix(max(limit - 1, 1))) + "…"
  }

  /// A coordinate with at most one decimal, written the same way every time.
  private func number(_ value: Double) -> String {
    formatDecimal((value * 10).rounded() / 10)
  }
}

/// The colours of a ladder's classes (``ClassPalette``) for the page: a
/// badge is the colour with its text colour; a bar is also patterned
/// (stripes for the lowest class, dots and back stripes between, solid for
/// the top), so that no two classes differ by colour alone, and the legend
/// shows the same patterns.
struct Palette {
  let ladder: [String]

  /// The CSS class of `level`: `k0` for the lowest.
  func name(_ level: String) -> String {
    ladder.firstIndex(of: level).map { "k\($0)" } ?? "fail"
  }

  private var colours: ClassPalette { ClassPalette(ladder: ladder) }

  /// The pattern of the class at `rank`.
  private func pattern(_ rank: Int) -> Pattern {
    if rank == ladder.count - 1 && rank > 0 { return .solid }
    if rank == 0 { return .stripes }
    return [Pattern.dots, .backStripes][(rank - 1) % 2]
  }

  enum Pattern { case solid, stripes, backStripes, dots }

  var css: String {
    ladder.indices.map { index in
      let swatch = colours.swatch(rank: index)
      let background = ClassPalette.Swatch.hex(swatch.background)
      let text = ClassPalette.Swatch.hex(swatch.text)
      var rules = ".k\(index){background:\(background);color:\(text)}\n"
      rules += "rect.k\(index){fill:url(#pat-k\(index))}\n"
      let overlay = swatch.text == 0xFFFFFF ? "rgba(255,255,255,.55)" : "rgba(26,26,26,.55)"
      switch pattern(index) {
      case .solid: break
      case .stripes:
        rules +=
          ".key.k\(index){background-image:repeating-linear-gradient(45deg,\(overlay) 0 2px,transparent 2px 6px)}\n"
      case .backStripes:
        rules +=
          ".key.k\(index){background-image:repeating-linear-gradient(-45deg,\(overlay) 0 2px,transparent 2px 6px)}\n"
      case .dots:
        rules +=
          ".key.k\(index){background-image:radial-gradient(\(overlay) 1.2px,transparent 1.6px);background-size:6px 6px}\n"
      }
      return rules
    }.joined()
  }

  /// The bars' patterns, as SVG definitions the charts' rectangles fill
  /// with (one hidden SVG at the top of the page).
  var definitions: String {
    var text =
      "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs>"
    for index in ladder.indices {
      let swatch = colours.swatch(rank: index)
      let background = ClassPalette.Swatch.hex(swatch.background)
      let overlay = swatch.text == 0xFFFFFF ? "#ffffff" : "#1a1a1a"
      let id = "pat-k\(index)"
      let base = "<rect width=\"6\" height=\"6\" fill=\"\(background)\"/>"
      switch pattern(index) {
      case .solid:
        text +=
          "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">\(base)</pattern>"
      case .stripes, .backStripes:
        let angle = pattern(index) == .stripes ? 45 : -45
        text +=
          "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
          + "patternTransform=\"rotate(\(angle))\">\(base)<rect width=\"2\" height=\"6\" "
          + "fill=\"\(overlay)\" fill-opacity=\".55\"/></pattern>"
      case .dots:
        text +=
          "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">"
          + "\(base)<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"\(overlay)\" fill-opacity=\".55\"/></pattern>"
      }
    }
    return text + "</defs></svg>"
  }
}
