import BarrierFreeModel
import BarrierFreeXML
import BarrierFreeXMLSupport
import Foundation
import Testing

/// Odd, broken and hostile input: each case ends in a valid model or in a
/// located error, never in a crash or a silently wrong value.
@Suite("Reading input")
struct InputTests {
  private func firstError(_ text: String) -> Diagnostic? {
    readAll(text).reader.diagnostics.first { $0.severity == .error }
  }

  /// A building with places `a` and `b` and one connector between them.
  private func betweenTwoPlaces(_ connector: String) -> String {
    document(
      building: """
            <place id="a" kind="landing"/>
            <place id="b" kind="lobby"/>
            \(connector)
        """)
  }

  private func door(_ attributes: String) -> String {
    betweenTwoPlaces(#"<door id="d" from="a" to="b" "# + attributes + "/>")
  }

  @Test("A gzip-compressed file reads like the plain one")
  func gzip() throws {
    let scratch = try ScratchDirectory()
    let plain = repositoryPath("Samples/design-new-build.xml")
    let compressed = scratch.url.appendingPathComponent("design.xml.gz").path
    try run("/bin/sh", ["-c", "gzip -c '\(plain)' > '\(compressed)'"])
    let fromPlain = try PortfolioReader.readPortfolio(path: plain)
    let fromGzip = try PortfolioReader.readPortfolio(path: compressed)
    #expect(fromGzip == fromPlain)
  }

  @Test("A truncated gzip file is an error that says so")
  func truncatedGzip() throws {
    let scratch = try ScratchDirectory()
    let plain = repositoryPath("Samples/quarter-bielefeld.xml")
    let compressed = scratch.url.appendingPathComponent("q.xml.gz").path
    try run("/bin/sh", ["-c", "gzip -c '\(plain)' | head -c 8000 > '\(compressed)'"])
    let reader = try PortfolioReader(path: compressed)
    while reader.next() != nil {}
    #expect(reader.hasErrors)
    #expect(reader.diagnostics.contains { $0.kind == .io && $0.message.contains("truncated") })
  }

  @Test("A file cut off in the middle keeps the buildings before the cut and says where")
  func truncatedXML() throws {
    let text = try String(
      contentsOfFile: repositoryPath("Samples/quarter-bielefeld.xml"), encoding: .utf8)
    let cut = String(text.utf8.prefix(text.utf8.count * 2 / 3)) ?? ""
    let (reader, buildings) = readAll(cut)
    #expect(!buildings.isEmpty)
    #expect(buildings.count < 8)
    let error = reader.diagnostics.first { $0.severity == .error }
    #expect(error?.kind == .syntax)
    #expect(error?.message.contains("truncated") == true)
    #expect((error?.location.line ?? 0) > 1)
  }

  @Test(
    "A file cut inside a start tag: one error, that the file ends, none about the cut tag",
    arguments: [
      ("    <room ", "4:11", "<building>"),
      ("    <room id=\"b1-r\" kind=\"bed", "4:30", "<building>"),
      ("    <room id=\"b1-r\"/", "4:20", "<building>"),
      ("    <ro", "4:8", "<building>"),
    ])
  func cutInsideTag(tail: String, place: String, open: String) {
    // libxml2 hands over the cut tag as an element; the validator then
    // found a room without its id and kind, before the error that says why.
    let text =
      "<?xml version=\"1.0\"?>\n<portfolio xmlns=\"urn:barrierfree:portfolio:1\">\n"
      + "  <building id=\"b1\">\n" + tail
    for chunkSize in [7, 1 << 18] {
      let (reader, _) = readAll(text, options: ReaderOptions(chunkSize: chunkSize))
      #expect(reader.diagnostics.count == 1, "\(reader.diagnostics)")
      let error = reader.diagnostics.first
      #expect(error.map { "\($0.location.line):\($0.location.column)" } == place)
      #expect(
        error?.message.hasPrefix("the file ends before \(open) is closed; is it truncated?")
          == true, "\(error?.message ?? "")")
    }
  }

  @Test(
    "A bare '&' mid-file: advice to write &amp;, not 'is the file truncated?'",
    arguments: [
      ("  <building id=\"b1\" name=\"A & B\">\n  </building>\n", "3:30", "</portfolio>\n"),
      ("  <building id=\"b1\">\n  </building>\n  text & more\n", "5:9", "</portfolio>\n"),
      // On the line before the last, which has no line end.
      ("  <building id=\"b1\">\n  </building>\n  text & more\n", "5:9", "</portfolio>"),
    ])
  func bareAmpersand(body: String, place: String, end: String) {
    // libxml2 reports the '&' of the last chunk only when the input has
    // ended, and the reader took that for a truncated file.
    let text =
      "<?xml version=\"1.0\"?>\n<portfolio xmlns=\"urn:barrierfree:portfolio:1\">\n" + body + end
    for chunkSize in [7, 1 << 18] {
      let (reader, _) = readAll(text, options: ReaderOptions(chunkSize: chunkSize))
      let error = reader.diagnostics.first
      #expect(error.map { "\($0.location.line):\($0.location.column)" } == place)
      #expect(error?.message.hasPrefix("an '&' that starts no entity reference") == true)
      #expect(error?.message.contains("write '&amp;'") == true)
      #expect(error?.message.contains("truncated") == false, "\(error?.message ?? "")")
    }
  }

  @Test(
    "A file with no element: one error that says so, not 'more after the end of </portfolio>'",
    arguments: ["\n\n  \n", "<?xml version=\"1.0\"?>\n", "<!-- a comment -->\n", "<portf"])
  func noElement(text: String) {
    let (reader, buildings) = readAll(text)
    #expect(buildings.isEmpty)
    #expect(reader.diagnostics.count == 1, "\(reader.diagnostics)")
    #expect(
      reader.diagnostics.first?.message.hasPrefix(
        "the file ends before a <portfolio> element begins; expected a <portfolio> document in namespace urn:barrierfree:portfolio:1"
      ) == true, "\(reader.diagnostics.first?.message ?? "")")
  }

  @Test("An empty file is an error at 1:1")
  func emptyFile() {
    let error = firstError("")
    #expect(error?.location.line == 1)
    #expect(error?.location.column == 1)
    #expect(error?.message.contains("empty") == true)
  }

  @Test("Binary garbage is an error, not a crash")
  func garbage() {
    var random = SystemRandomNumberGenerator()
    let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
    let reader = PortfolioReader(bytes: bytes, fileName: "garbage.bin")
    while reader.next() != nil {}
    #expect(reader.hasErrors)
  }

  @Test("UTF-16 with a byte-order mark is read")
  func utf16() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-16"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1" name="Grüße aus Sieker">\
      <building id="b1" name="Meisenstraße 12"/></portfolio>
      """
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let portfolio = try PortfolioReader(bytes: bytes, fileName: "utf16.xml").readAll()
    #expect(portfolio.name == "Grüße aus Sieker")
    #expect(portfolio.allBuildings.first?.name == "Meisenstraße 12")
  }

  @Test("Invalid UTF-8 is a located error")
  func invalidUTF8() {
    var bytes = Array("<portfolio xmlns=\"urn:barrierfree:portfolio:1\" name=\"a".utf8)
    bytes += [0xFF, 0xFE]
    bytes += Array("\"/>".utf8)
    let reader = PortfolioReader(bytes: bytes, fileName: "bad.xml")
    while reader.next() != nil {}
    let error = reader.diagnostics.first
    #expect(error?.kind == .syntax)
    #expect(error?.message.contains("UTF-8") == true)
    #expect(error?.location.line == 1)
  }

  @Test("Escaped characters in text come back as written")
  func escapes() throws {
    let text = document(building: "", attributes: #" name="Kai &amp; Söhne &lt;3 &#228;&#x2014;""#)
    let (reader, buildings) = readAll(text)
    #expect(reader.diagnostics.isEmpty)
    #expect(buildings.first?.name == "Kai & Söhne <3 ä—")
  }

  @Test("White space around ids, kinds and numbers is collapsed as the schema does")
  func whitespace() throws {
    let (reader, buildings) = readAll(
      document(
        building: """
              <place id=" a " kind=" landing " level=" 2 "/>
              <place id="b" kind="lobby"/>
              <door from="a" to="b" clearWidth=" 900 "/>
          """))
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
    let place = buildings.first?.places.first
    #expect(place?.id == "a")
    #expect(place?.kind == .landing)
    #expect(place?.storey == 2)
    guard case .door(let door) = buildings.first?.connectors.first else {
      Issue.record("no door")
      return
    }
    #expect(door.clearWidth == .mm(900))
  }

  @Test("An error in an attribute on a later line of a tag points at that attribute")
  func multiLineTagLocation() {
    let error = firstError(
      document(
        building: """
              <place id="a" kind="landing"/>
              <place id="b" kind="lobby"/>
              <door id="d" from="a"
                    to="b"
                      clearWidth="wide"/>
          """))
    // Line 1 is the XML declaration; the door's clearWidth is on line 8.
    #expect(error?.location.line == 8)
    #expect(error?.location.column == 13)
    #expect(error?.message.contains("clearWidth 'wide' is not a number of millimetres") == true)
  }

  @Test(
    "Columns stay exact for multi-line tags whose line began in an earlier chunk",
    arguments: [257, 1000, 4096])
  func columnsAcrossChunks(chunkSize: Int) {
    // 300 places with the same id, each tag over two lines, indented by 100
    // spaces: every duplicate is reported at column 108 (the id attribute).
    let indent = String(repeating: " ", count: 100)
    let places = (0..<300).map { "\(indent)<place id=\"p\" kind=\"other\"\n   width=\"\($0)\"/>" }
    let text = document(building: places.joined(separator: "\n"))
    let (reader, _) = readAll(text, options: ReaderOptions(maxErrors: 1000, chunkSize: chunkSize))
    #expect(reader.diagnostics.count == 299)
    #expect(
      reader.diagnostics.allSatisfy { $0.location.column == 108 }, "\(reader.diagnostics.prefix(3))"
    )
    // Line 4 holds the first place; each place takes two lines.
    #expect(reader.diagnostics.first?.location.line == 6)
    #expect(reader.diagnostics.last?.location.line == 4 + 2 * 299)
  }

  @Test("A byte-order mark does not shift the columns of the first line")
  func byteOrderMarkColumn() {
    let bytes: [UInt8] =
      [0xEF, 0xBB, 0xBF]
      + Array(#"<portfolio xmlns="urn:barrierfree:portfolio:1" bogus="1"/>"#.utf8)
    let reader = PortfolioReader(bytes: bytes, fileName: "bom.xml")
    while reader.next() != nil {}
    #expect(reader.diagnostics.first?.location.column == 48)
  }

  @Test(
    "A number the format does not allow says which number was meant",
    arguments: [
      ("12,5", "decimal comma: write 12.5"),
      ("1e400", "without an exponent"),
      ("NaN", "leave the attribute out"),
      ("0x10", "not hexadecimal"),
      ("900mm", "without a unit"),
      ("", "leave the attribute out"),
    ])
  func badNumbers(value: String, advice: String) {
    let error = firstError(door("threshold=\"\(value)\""))
    #expect(error?.kind == .schema)
    #expect(error?.message.contains("threshold '\(value)'") == true, "\(error?.message ?? "")")
    #expect(error?.message.contains(advice) == true, "\(error?.message ?? "")")
  }

  @Test("A negative length is refused with the reason")
  func negativeLength() {
    let error = firstError(door(#"clearWidth="-900""#))
    #expect(error?.message.contains("clearWidth is -900") == true, "\(error?.message ?? "")")
    #expect(error?.message.contains("cannot be negative") == true)
  }

  @Test(
    "Lengths, slopes and areas below 0 are refused where they stand, 0 is not",
    arguments: [
      (#"<door id="d" from="a" to="b" threshold="VALUE"/>"#, "threshold"),
      (#"<ramp id="r" from="a" to="b" slope="VALUE"/>"#, "slope"),
      (#"<path id="p" from="a" to="b" crossSlope="VALUE"/>"#, "crossSlope"),
    ])
  func belowZero(connector: String, attribute: String) {
    for (value, refused) in [
      ("-0.001", true), ("-1", true), (" -2 ", true), ("0", false), ("0.001", false),
    ] {
      let text = betweenTwoPlaces(connector.replacing("VALUE", with: value))
      let (reader, _) = readAll(text)
      let errors = reader.diagnostics.filter { $0.severity == .error }
      #expect(errors.count == (refused ? 1 : 0), "\(value): \(reader.diagnostics)")
      guard refused, let error = errors.first else { continue }
      #expect(error.kind == .schema)
      let shown = value.trimmingCharacters(in: .whitespaces)
      #expect(
        error.message.hasSuffix(
          "\(attribute) is \(shown), below the smallest allowed value 0; measurements cannot be negative"
        ),
        "\(error.message)")
      // The column is the attribute's.
      let line = text.split(separator: "\n", omittingEmptySubsequences: false)[
        error.location.line - 1]
      #expect(
        line.dropFirst(error.location.column - 1).hasPrefix(attribute + "="), "\(error.location)")
    }
  }

  @Test(
    "A value the schema reports already is not reported again by the reader's own checks",
    arguments: [
      // Not declared on the element: the schema says so, once.
      (#"<door id="d" from="a" to="b" side="up"/>"#, "side"),
      (#"<path id="p" from="a" to="b" operation="pushing"/>"#, "operation"),
      (#"<door id="d" from="a" to="b" height="-3"/>"#, "height"),
      // More than 24 digits: no decimal for the schema, and no other problem.
      (#"<door id="d" from="a" to="b" threshold="-0.0000000000000000000000001"/>"#, "threshold"),
    ])
  func reportedOnce(connector: String, attribute: String) {
    let (reader, _) = readAll(betweenTwoPlaces(connector))
    let errors = reader.diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors.map(\.message))")
    #expect(errors.first?.kind == .schema)
    #expect(errors.first?.message.contains(attribute) == true, "\(errors.map(\.message))")
  }

  @Test("An area below 0 is refused")
  func negativeArea() {
    let text = document(building: #"<flat id="f" number="1" level="0" area="-3.5" entrance="x"/>"#)
    let errors = readAll(text).reader.diagnostics.filter { $0.kind == .schema }
    #expect(
      errors.map(\.message) == [
        "flat 'f': area is -3.5, below the smallest allowed value 0; measurements cannot be negative"
      ])
  }

  @Test("-0 is zero, not negative zero")
  func negativeZero() {
    let (reader, buildings) = readAll(door(#"threshold="-0""#))
    #expect(reader.diagnostics.isEmpty)
    guard case .door(let door) = buildings.first?.connectors.first else {
      Issue.record("no door")
      return
    }
    #expect(door.threshold?.millimetres == 0)
    #expect(door.threshold?.millimetres.sign == .plus)
  }

  @Test("A huge number is implausible, not silently rounded into a pass")
  func hugeNumber() {
    let error = firstError(door(#"clearWidth="99999999999999999999""#))
    #expect(error?.kind == .meaning)
    #expect(error?.message.contains("not plausible for a door") == true)
  }

  @Test("A count too large for the tool is an error even though the schema allows it")
  func hugeCount() {
    let error = firstError(
      betweenTwoPlaces(#"<steps from="a" to="b" count="99999999999999999999"/>"#))
    #expect(error?.kind == .meaning)
    #expect(error?.message.contains("count '99999999999999999999'") == true)
  }

  @Test("A duplicate attribute is a syntax error")
  func duplicateAttribute() {
    let error = firstError(door(#"clearWidth="900" clearWidth="800""#))
    #expect(error?.kind == .syntax)
    #expect(error?.message.contains("only once") == true)
  }

  @Test("Text inside an element is refused: the format keeps data in attributes")
  func textContent() {
    let error = firstError(document(building: "    <place id=\"a\" kind=\"landing\">wide</place>"))
    #expect(error?.kind == .schema)
    #expect(error?.message.contains("contains text") == true)
  }

  @Test("Errors stop at the limit, with a last line that says so")
  func errorLimit() {
    let doors = (0..<150).map { "    <door from=\"a\" to=\"b\" clearWidth=\"x\($0)\"/>" }
      .joined(separator: "\n")
    let text = document(
      building: "    <place id=\"a\" kind=\"landing\"/>\n    <place id=\"b\" kind=\"lobby\"/>\n"
        + doors)
    let (reader, _) = readAll(text, options: ReaderOptions(maxErrors: 20))
    #expect(reader.diagnostics.count == 21)
    #expect(reader.diagnostics.last?.kind == .limit)
    #expect(reader.diagnostics.last?.message.contains("stopped after 20") == true)
  }

  @Test("A file that cannot be opened throws a located error")
  func unreadableFile() {
    #expect(throws: ImportError.self) { try PortfolioReader(path: "/nonexistent/p.xml") }
    do {
      _ = try PortfolioReader(path: "/tmp")
      Issue.record("a directory was opened")
    } catch {
      #expect(error.diagnostics.first?.message.contains("is a directory") == true)
    }
  }
}
