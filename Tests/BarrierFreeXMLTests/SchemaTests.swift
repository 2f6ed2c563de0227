import Foundation
import Testing

@testable import BarrierFreeXML

@Suite("The published schema")
struct SchemaTests {
  private func schemaText() throws -> String {
    try String(contentsOfFile: repositoryPath("Schemas/portfolio.xsd"), encoding: .utf8)
  }

  @Test("The reader validates against Schemas/portfolio.xsd (run Scripts/embed-schemas.sh)")
  func embeddedCopyIsCurrent() throws {
    // The embedded copy leaves out the Identifier pattern and the bound 0 of
    // Millimetres, Percent and SquareMetres, which the reader checks itself;
    // everything else is the same, line for line.
    let published = try schemaText().split(separator: "\n", omittingEmptySubsequences: false)
    let pattern = #"<xs:pattern value="[\p{L}\p{N}_][\p{L}\p{N}_.\-]*"/>"#
    let bound = #"<xs:minInclusive value="0"/>"#
    let expected = published.filter { !$0.contains(pattern) && !$0.contains(bound) }
    #expect(published.count == expected.count + 4)
    #expect(
      PortfolioSchema.xsd.split(separator: "\n", omittingEmptySubsequences: false) == expected)
  }

  @Test("The reader checks the bound 0 of exactly the attributes the schema gives it")
  func nonNegativeAttributes() throws {
    let schema = try schemaText()
    let typed = schema.matches(
      of: #/<xs:attribute name="(\w+)" type="(?:bf:)?(Millimetres|Percent|SquareMetres)"/#
    ).map { String($0.output.1) }
    let bounded = try #require(
      schema.firstRange(of: #"<xs:simpleType name="Millimetres">"#).map {
        schema[$0.lowerBound...].prefix(400).contains(#"<xs:minInclusive value="0"/>"#)
      })
    #expect(bounded)
    #expect(Set(typed).count == 40)
    let checked = AttributeName.allCases.filter(\.isNonNegativeDecimal).map(\.text)
    #expect(Set(checked) == Set(typed))
    // No such name has another type elsewhere.
    let other = schema.matches(of: #/<xs:attribute name="(\w+)" type="([^"]+)"/#)
      .filter { Set(typed).contains(String($0.output.1)) }
      .map { String($0.output.2) }
      .filter {
        !["Millimetres", "Percent", "SquareMetres"].contains($0.replacing("bf:", with: ""))
      }
    #expect(other.isEmpty)
  }

  @Test(
    "Identifiers follow the schema's pattern, checked by the reader",
    arguments: [
      ("b1", true), ("b1-f0.1_bath", true), ("_x", true), ("1a", true), ("Küche-2", true),
      ("Straße", true), ("٣", true), ("-a", false), (".a", false), ("a b", false),
      ("a/b", false), ("a:b", false), ("", false), ("ä€", false),
    ])
  func identifiers(id: String, valid: Bool) {
    let text = """
      <portfolio xmlns="urn:barrierfree:portfolio:1"><building id="\(id)"/></portfolio>
      """
    let (reader, _) = readAll(text)
    #expect(reader.hasErrors == !valid, "\(reader.diagnostics)")
    if !valid {
      #expect(reader.diagnostics.contains { $0.message.contains("is not a valid identifier") })
    }
  }

  @Test(
    "Every element and attribute declaration carries xs:documentation",
    arguments: ["Schemas/portfolio.xsd", "Schemas/profile.xsd"])
  func everythingDocumented(schema: String) throws {
    let text = try String(contentsOfFile: repositoryPath(schema), encoding: .utf8)
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
