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
  private let noteWidth = 130

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
        svg(),
        folded("The figures as a table", .table(.caption(text(title)), head, rows)),
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

/// The colours of a ladder's classes: the lowest red, the top green, those
/// between blue, amber and violet. Each has a contrast of at least 7:1 to
/// white, so that white text on it is readable, and every use also names
/// the class in text, so colour is never the only signal.
struct Palette {
  let ladder: [String]
  private static let low = "#a4161a"
  private static let top = "#0b5d1e"
  private static let between = ["#135e78", "#7a4d00", "#5b3f8c"]

  /// The CSS class of `level`: `k0` for the lowest.
  func name(_ level: String) -> String {
    ladder.firstIndex(of: level).map { "k\($0)" } ?? "fail"
  }

  var css: String {
    ladder.indices.map { index in
      let colour =
        index == 0
        ? Self.low
        : index == ladder.count - 1
          ? Self.top : Self.between[(index - 1) % Self.between.count]
      return ".k\(index){background:\(colour);fill:\(colour);color:#fff}"
    }.joined(separator: "\n") + "\n"
  }
}
