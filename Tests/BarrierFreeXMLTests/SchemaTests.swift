import Foundation
import Testing

@testable import BarrierFreeXML

@Suite("The published schema")
struct SchemaTests {
  private func schemaText() throws -> String {
    try String(contentsOfFile: repositoryPath("Schemas/portfolio.xsd"), encoding: .utf8)
  }

  @Test("The library embeds Schemas/portfolio.xsd (run Scripts/embed-schemas.sh)")
  func embeddedCopyIsCurrent() throws {
    // The embedded copy leaves out the Identifier pattern, the bound 0 of
    // Millimetres, Percent and SquareMetres and the maximum lengths of
    // Identifier and Name, which the reader checks itself; everything else
    // is the same, line for line.
    let published = try schemaText().split(separator: "\n", omittingEmptySubsequences: false)
    let left = [
      #"<xs:pattern value="[\p{L}\p{N}_][\p{L}\p{N}_.\-]*"/>"#, #"<xs:minInclusive value="0"/>"#,
      #"<xs:maxLength value="64"/>"#, #"<xs:maxLength value="200"/>"#,
      #"<xs:enumeration value="#,
    ]
    let expected = published.filter { line in !left.contains { line.contains($0) } }
    // Each enumeration value stands alone on its line (an annotated one
    // would leave its end tag behind).
    let values = published.filter { $0.contains("<xs:enumeration value=") }
    #expect(values.allSatisfy { $0.contains(#/^\s*<xs:enumeration value="[^"]*"/>$/#) })
    #expect(published.count == expected.count + 6 + values.count)
    #expect(
      PortfolioSchema.readerXSD.split(separator: "\n", omittingEmptySubsequences: false)
        == expected)
    // The public text is the published schema, whole.
    #expect(
      PortfolioSchema.xsd.split(separator: "\n", omittingEmptySubsequences: false) == published)
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

  @Test("The reader checks the maximum length of exactly the attributes the schema gives one")
  func lengthLimitedAttributes() throws {
    let schema = try schemaText()
    for (type, limit) in [("Identifier", 64), ("Name", 200)] {
      let declared = try #require(schema.firstRange(of: "<xs:simpleType name=\"\(type)\">"))
      #expect(
        schema[declared.lowerBound...].prefix(600).contains("<xs:maxLength value=\"\(limit)\"/>"))
      let typed = Set(
        schema.matches(of: try Regex(#"<xs:attribute name="(\w+)" type="(?:bf:)?"# + type + "\""))
          .compactMap { $0.output[1].substring.map(String.init) })
      let checked = Set(
        AttributeName.allCases.filter { $0.maximumCharacters == limit }.map(\.text))
      #expect(checked == typed, "\(type)")
    }
  }

  @Test(
    "Identifiers and names up to their maximum length are read, longer ones refused",
    arguments: [
      (String(repeating: "a", count: 64), false),
      (String(repeating: "ä", count: 64), false),
      (" " + String(repeating: "b", count: 64) + " ", false),
      (String(repeating: "a", count: 65), true),
      (String(repeating: "ä", count: 65), true),
    ])
  func identifierLength(id: String, refused: Bool) {
    let text = """
      <portfolio xmlns="urn:barrierfree:portfolio:1"><building id="\(id)"/></portfolio>
      """
    let schemaErrors = readAll(text).reader.diagnostics.filter { $0.kind == .schema }
    let refusal = "building '\(id)': id is too long (65 characters; at most 64)"
    #expect(schemaErrors.map(\.message) == (refused ? [refusal] : []))
  }

  @Test("A name of 200 characters is read, one of 201 refused at its attribute")
  func nameLength() {
    for (count, refused) in [(199, false), (200, false), (201, true)] {
      let text = """
        <portfolio xmlns="urn:barrierfree:portfolio:1">
          <building id="b1" name="\(String(repeating: "é", count: count))"/>
        </portfolio>
        """
      let errors = readAll(text).reader.diagnostics.filter { $0.kind == .schema }
      #expect(
        errors.map(\.message)
          == (refused ? ["building 'b1': name is too long (201 characters; at most 200)"] : []))
      #expect(errors.map(\.location.column) == (refused ? [21] : []))
    }
  }

  /// The schema's enumerations: type name to values, in order.
  private func enumerations(_ schema: String) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for match in schema.matches(of: #/<xs:simpleType name="(\w+)">(?s)(.*?)</xs:simpleType>/#) {
      let values = match.output.2.matches(of: #/<xs:enumeration value="([^"]*)"/>/#)
        .map { String($0.output.1) }
      if !values.isEmpty { result[String(match.output.1)] = values }
    }
    return result
  }

  @Test("The reader checks every enumerated attribute against the schema's values, in order")
  func enumeratedAttributes() throws {
    let schema = try schemaText()
    let types = enumerations(schema)
    #expect(types.count == 11)
    var checked = 0
    for match in schema.matches(of: #/<xs:attribute name="(\w+)" type="(?:bf:)?(\w+)"/#) {
      let (attributeText, type) = (String(match.output.1), String(match.output.2))
      guard let values = types[type] else { continue }
      let attribute = try #require(AttributeName.allCases.first { $0.text == attributeText })
      guard attribute == .kind else {
        // The same type wherever the attribute stands.
        for element in ElementName.allCases {
          #expect(attribute.allowedValues(on: element)?.texts == values, "\(attributeText)")
        }
        checked += 1
        continue
      }
      // The element(s) of the complex type `kind` is declared in.
      let before = schema[..<match.range.lowerBound]
      let owner = try #require(before.matches(of: #/<xs:complexType name="(\w+)"/#).last?.output.1)
      let elements = schema.matches(
        of: try Regex(#"<xs:element name="(\w+)" type="(?:bf:)?"# + owner + "\"")
      )
      .compactMap { $0.output[1].substring.map(String.init) }
      #expect(!elements.isEmpty, "\(owner)")
      for elementText in elements {
        let element = try #require(ElementName.allCases.first { $0.text == elementText })
        #expect(
          attribute.allowedValues(on: element)?.texts == values, "\(elementText) \(attributeText)")
        checked += 1
      }
    }
    #expect(checked >= 14)
  }

  @Test(
    "A value outside an enumeration is refused with the allowed values, one inside is read",
    arguments: [
      (#"<place id="p" kind="VALUE"/>"#, "place 'p': kind", "publicWay"),
      (
        #"<place id="p" kind="landing"><movementArea width="1500" depth="1500" side="VALUE"/></place>"#,
        "movementArea: side", "from"
      ),
    ])
  func enumeratedValue(element: String, subject: String, valid: String) throws {
    let schema = try schemaText()
    for (value, refused) in [
      (valid, false), (" \(valid) ", false), ("nonsense", true), (valid.uppercased(), true),
    ] {
      let text = document(building: element.replacing("VALUE", with: value))
      let errors = readAll(text).reader.diagnostics.filter { $0.kind == .schema }
      #expect(errors.count == (refused ? 1 : 0), "\(value): \(errors)")
      guard refused, let message = errors.first?.message else { continue }
      let type = subject.hasSuffix("side") ? "Side" : "PlaceKind"
      let allowed = try #require(enumerations(schema)[type]).joined(separator: ", ")
      // A value in the wrong case gets the right one suggested.
      let hint = value == valid.uppercased() ? "; did you mean '\(valid)'?" : ""
      #expect(
        message == "\(subject) '\(value)' is not one of the allowed values: \(allowed)\(hint)")
    }
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
