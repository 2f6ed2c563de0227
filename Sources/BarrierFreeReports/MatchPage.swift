import BarrierFreeMatching
import BarrierFreeModel
import BarrierFreeRules
import Plot

/// The match as one HTML page: a table of the households with their
/// counts, each household's groups as tables in a disclosure, and the
/// flats with their categories and households. Built with Plot, which
/// escapes every text.
enum MatchPage {
  /// Flats listed in the page's flat table; a larger portfolio's flats are
  /// in the CSV (`--csv-rows flat`).
  static let flatRows = 2000

  static func render(_ result: MatchResult) -> String {
    let title = "Needs matching under \(result.profile)"
    let page = HTML(
      .lang(.english),
      HTMLAssets.head(title),
      .body(
        .header(
          .h1(text(title)),
          .dl(
            .class("facts"),
            .dt("Register scheme"), .dd(text("\(result.scheme.title) (\(result.scheme.id))")),
            .dt("Flats"), .dd(text("\(result.flats.count)")),
            .dt("Households"), .dd(text("\(result.households.count)")),
            .dt("Listed per group"), .dd(text(result.limit == 0 ? "all" : "\(result.limit)"))
          )
        ),
        .main(
          summary(result),
          .forEach(result.households) { household(result, $0) },
          flats(result)
        ),
        .footer(
          .p(
            text(
              "A flat suits now only when every need is shown met by the survey: what is not "
                + "measured is not known, never a pass. Costs are ranges from the catalogue's "
                + "sources at their price years.")))
      )
    )
    return page.render() + "\n"
  }

  private static func summary(_ result: MatchResult) -> Node<HTML.BodyContext> {
    .section(
      .h2("Households"),
      .div(
        .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
        .table(
          .caption("Each household's flats in the four groups"),
          .thead(
            .tr(
              .th("Household"), .th("Needs"),
              .forEach(MatchStatus.allCases) {
                .th(.attribute(named: "scope", value: "col"), text($0.title))
              })),
          .tbody(
            .forEach(result.households) { found in
              .tr(
                .td(
                  .a(
                    .href("#household-\(found.household.id)"),
                    text(MatchReport.householdTitle(found.household)))),
                .td(text(MatchReport.needsWords(found.household.needs, mapping: result.mapping))),
                .forEach(MatchStatus.allCases) { status in
                  .td(.class("number"), text("\(found.counts[status, default: 0])"))
                })
            })
        ))
    )
  }

  private static func household(_ result: MatchResult, _ found: HouseholdMatches)
    -> Node<HTML.BodyContext>
  {
    .section(
      .id("household-\(found.household.id)"),
      .h2(text(MatchReport.householdTitle(found.household))),
      .p(text("Needs: " + MatchReport.needsWords(found.household.needs, mapping: result.mapping))),
      .forEach(MatchStatus.allCases) { status in
        let group = found.groups[status] ?? []
        return .details(
          .if(status == .suits || status == .afterUpgrade, .attribute(named: "open", value: "")),
          .summary(text("\(status.title) (\(found.counts[status, default: 0]))")),
          .if(
            !group.isEmpty,
            .div(
              .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
              .table(
                .caption(
                  text(
                    "\(found.household.id): \(status.title), the first \(group.count) of "
                      + "\(found.counts[status, default: 0])")),
                .thead(.tr(.th("#"), .th("Flat"), .th("Class"), .th("Category"), .th("Why"))),
                .tbody(
                  .forEach(Array(group.enumerated())) { rank, match in
                    let flat = result.flats[match.flat]
                    return .tr(
                      .td(.class("number"), text("\(rank + 1)")),
                      .td(text(MatchReport.label(flat))),
                      .td(text(MatchReport.classWords(flat.classification))),
                      .td(text(MatchReport.category(result, match.flat))),
                      .td(text(MatchReport.why(match))))
                  })))))
      }
    )
  }

  private static func flats(_ result: MatchResult) -> Node<HTML.BodyContext> {
    let shown = Array(result.flats.indices.prefix(flatRows))
    return .section(
      .h2("Flats"),
      .if(
        result.flats.count > flatRows,
        .p(
          text(
            "The first \(flatRows) of \(result.flats.count) flats; all are in the CSV "
              + "(--format csv --csv-rows flat)."))),
      .div(
        .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
        .table(
          .caption("Each flat's register category and the households it suits"),
          .thead(
            .tr(
              .th("Flat"), .th("Class"), .th("Category (\(result.scheme.id))"), .th("Suits now"),
              .th("After an upgrade"))),
          .tbody(
            .forEach(shown) { index in
              let flat = result.flats[index]
              let households = result.flats[index].households
              return .tr(
                .td(text(MatchReport.label(flat))),
                .td(text(MatchReport.classWords(flat.classification))),
                .td(text(MatchReport.category(result, index))),
                .td(text(MatchReport.names(households.suitsNow, households.suitsNowCount))),
                .td(
                  text(MatchReport.names(households.afterUpgrade, households.afterUpgradeCount))))
            })
        ))
    )
  }
}
