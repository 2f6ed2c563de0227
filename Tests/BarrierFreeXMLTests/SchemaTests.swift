import BarrierFreeXML
import Foundation
import Testing

@Suite("The published schema")
struct SchemaTests {
  private func schemaText() throws -> String {
    try String(contentsOfFile: repositoryPath("Schemas/portfolio.xsd"), encoding: .utf8)
  }

  @Test("The reader validates against exactly Schemas/portfolio.xsd (run Scripts/embed-schemas.sh)")
  func embeddedCopyIsCurrent() throws {
    #expect(PortfolioSchema.xsd == (try schemaText()))
  }

  @Test("Every element and attribute declaration carries xs:documentation")
  func everythingDocumented() throws {
    let text = try schemaText()
    var undocumented: [String] = []
    var searchStart = text.startIndex
    let opening = try Regex(#"<xs:(element|attribute) name="([A-Za-z0-9]+)"[^>]*>"#)
    while let match = text[searchStart...].firstMatch(of: opening) {
      searchStart = match.range.upperBound
      let tag = String(text[match.range])
      let name = String(match.output[2].substring ?? "?")
      // A self-closing declaration has no annotation at all.
      let following = text[match.range.upperBound...].drop { $0.isWhitespace }
      if tag.hasSuffix("/>")
        || !following.hasPrefix("<xs:annotation><xs:documentation>")
          && !following.hasPrefix("<xs:annotation>\n")
      {
        undocumented.append(name)
      }
    }
    #expect(undocumented.isEmpty, "undocumented: \(undocumented)")
  }
}
