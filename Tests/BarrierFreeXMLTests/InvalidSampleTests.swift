import BarrierFreeXML
import BarrierFreeXMLSupport
import Testing

/// What each file in Samples/invalid/ must say, and where. README.md lists
/// the same messages for people.
struct ExpectedError: CustomTestStringConvertible, Sendable {
  var file: String
  var line: Int
  var column: Int
  var kind: Diagnostic.Kind
  var fragment: String

  var testDescription: String { "\(file):\(line):\(column)" }
}

@Suite("Invalid samples")
struct InvalidSampleTests {
  static let expectations: [ExpectedError] = [
    ExpectedError(
      file: "billion-laughs.xml", line: 6, column: 21, kind: .security,
      fragment: "the DOCTYPE declares the entity 'lol'"),
    ExpectedError(
      file: "dangling-reference.xml", line: 13, column: 13, kind: .meaning,
      fragment: "lift 'b1-lift': stop 'b1-l2' is not a place of building 'b1'"),
    ExpectedError(
      file: "dangling-reference.xml", line: 21, column: 51, kind: .meaning,
      fragment: "'b1-f11-bad' is not a place or room of building 'b1'; did you mean 'b1-f11-bath'?"),
    ExpectedError(
      file: "decimal-comma.xml", line: 12, column: 93, kind: .schema,
      fragment:
        "threshold '12,5' is not a number of millimetres; it has a decimal comma: write 12.5"),
    ExpectedError(
      file: "duplicate-ids.xml", line: 17, column: 13, kind: .meaning,
      fragment: "id 'b1-f01-bath' is used twice in this building: the room on line 15"),
    ExpectedError(
      file: "duplicate-ids.xml", line: 24, column: 13, kind: .meaning,
      fragment: "building id 'b1' is used twice; the first building with it is on line 8"),
    ExpectedError(
      file: "entities.xml", line: 7, column: 41, kind: .security,
      fragment: "the DOCTYPE declares the external entity 'e'"),
    ExpectedError(
      file: "implausible-values.xml", line: 11, column: 55, kind: .meaning,
      fragment: "ramp 'b1-ramp': slope 300 % is not plausible for a ramp (expected 0–100 %)"),
    ExpectedError(
      file: "implausible-values.xml", line: 16, column: 66, kind: .meaning,
      fragment: "clearWidth 9000 mm is not plausible for a door (expected 300–3000 mm)"),
    ExpectedError(
      file: "malformed.xml", line: 13, column: 12, kind: .syntax,
      fragment: "the end tag </flat> does not match <room>, opened on line 10"),
    ExpectedError(
      file: "schema-violation.xml", line: 11, column: 59, kind: .schema,
      fragment: "door 'b1-d-main': clearWidth '8O' is not a number of millimetres"),
    ExpectedError(
      file: "schema-violation.xml", line: 12, column: 5, kind: .schema,
      fragment: "<lifft> is not expected here"),
    ExpectedError(
      file: "wrong-namespace.xml", line: 5, column: 1, kind: .schema,
      fragment: "the root element <portfolio> is in namespace 'urn:barrierfree:portfolio:2'"),
  ]

  @Test("Each invalid sample gives its error at its place", arguments: expectations)
  func expectedError(expected: ExpectedError) throws {
    let path = repositoryPath("Samples/invalid/\(expected.file)")
    let reader = try PortfolioReader(path: path)
    while reader.next() != nil {}
    #expect(reader.hasErrors)
    let match = reader.diagnostics.first {
      $0.location.line == expected.line && $0.location.column == expected.column
    }
    #expect(
      match != nil, "no diagnostic at \(expected.line):\(expected.column): \(reader.diagnostics)")
    #expect(match?.kind == expected.kind)
    #expect(match?.message.contains(expected.fragment) == true, "\(match?.message ?? "")")
    #expect(match?.location.file == path)
  }

  @Test("No invalid sample gives an error without a line and column")
  func everyErrorIsLocated() throws {
    for file in Set(Self.expectations.map(\.file)) {
      let reader = try PortfolioReader(path: repositoryPath("Samples/invalid/\(file)"))
      while reader.next() != nil {}
      for diagnostic in reader.diagnostics {
        #expect(diagnostic.location.line > 0 && diagnostic.location.column > 0, "\(diagnostic)")
      }
    }
  }
}
