import BarrierFreeXML
import BarrierFreeXMLSupport
import Testing

/// The reader refuses what could read local files, reach the network or
/// expand without bound, and says where.
@Suite("Secure by default")
struct SecurityTests {
  private func refused(_ text: String) -> [Diagnostic] {
    let (reader, buildings) = readAll(text)
    #expect(buildings.isEmpty)
    #expect(reader.hasErrors)
    return reader.diagnostics
  }

  @Test("An external entity naming a local file is refused and never read")
  func externalFileEntity() {
    let diagnostics = refused(
      """
      <?xml version="1.0"?>
      <!DOCTYPE portfolio [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]>
      <portfolio xmlns="urn:barrierfree:portfolio:1" name="&e;"/>
      """)
    #expect(diagnostics.first?.kind == .security)
    #expect(diagnostics.first?.location.line == 2)
    #expect(diagnostics.allSatisfy { !$0.message.contains("root:") })
  }

  @Test("An external entity naming a web address is refused")
  func externalHTTPEntity() {
    let diagnostics = refused(
      """
      <!DOCTYPE portfolio [ <!ENTITY e SYSTEM "http://127.0.0.1:9/x"> ]>
      <portfolio xmlns="urn:barrierfree:portfolio:1"><building id="b" name="&e;"/></portfolio>
      """)
    #expect(diagnostics.first?.message.contains("external entity 'e'") == true)
  }

  @Test("A parameter entity is refused")
  func parameterEntity() {
    let diagnostics = refused(
      """
      <!DOCTYPE portfolio [ <!ENTITY % p SYSTEM "file:///etc/hostname"> %p; ]>
      <portfolio xmlns="urn:barrierfree:portfolio:1"/>
      """)
    #expect(diagnostics.first?.kind == .security)
  }

  @Test("An external DTD is refused, not loaded")
  func externalDTD() {
    let diagnostics = refused(
      """
      <!DOCTYPE portfolio SYSTEM "file:///etc/passwd">
      <portfolio xmlns="urn:barrierfree:portfolio:1"/>
      """)
    #expect(diagnostics.first?.message.contains("external DTD") == true)
  }

  @Test("Billion laughs is refused at its first declaration, before any expansion")
  func billionLaughs() {
    var text = "<!DOCTYPE portfolio [\n<!ENTITY lol0 \"lol\">\n"
    for level in 1...9 {
      let previous = String(repeating: "&lol\(level - 1);", count: 10)
      text += "<!ENTITY lol\(level) \"\(previous)\">\n"
    }
    text += "]>\n<portfolio xmlns=\"urn:barrierfree:portfolio:1\" name=\"&lol9;\"/>\n"
    let diagnostics = refused(text)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.line == 2)
    #expect(diagnostics.first?.message.contains("entity 'lol0'") == true)
  }

  @Test("Quadratic blow-up (one large entity used many times) is refused")
  func quadraticBlowUp() {
    let big = String(repeating: "x", count: 100_000)
    let uses = String(repeating: "&a;", count: 10_000)
    let diagnostics = refused(
      """
      <!DOCTYPE portfolio [ <!ENTITY a "\(big)"> ]>
      <portfolio xmlns="urn:barrierfree:portfolio:1" name="\(uses)"/>
      """)
    #expect(diagnostics.first?.kind == .security)
  }

  @Test("An undeclared entity is an error, not empty text")
  func undeclaredEntity() {
    let diagnostics = refused(
      """
      <portfolio xmlns="urn:barrierfree:portfolio:1"><building id="b" name="&nope;"/></portfolio>
      """)
    #expect(diagnostics.first?.kind == .syntax)
    #expect(diagnostics.first?.message.contains("nope") == true)
  }

  @Test(
    "Encodings where a character's bytes may look like markup are refused, before parsing",
    arguments: [
      ("UTF-32", [0xFF, 0xFE, 0x00, 0x00] as [UInt8], 4),
      ("UTF-32", [], 4),
      ("ISO-2022-JP", [], 1),
      ("UTF-7", [], 1),
    ])
  func unsafeEncoding(encoding: String, prefix: [UInt8], width: Int) {
    let text = """
      <?xml version="1.0" encoding="\(encoding)"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1"><building id="b1"/></portfolio>
      """
    // UTF-32 little-endian: each character in four bytes.
    let bytes =
      width == 4
      ? prefix
        + text.unicodeScalars.flatMap { scalar in
          (0..<4).map { UInt8(truncatingIfNeeded: scalar.value >> (8 * $0)) }
        }
      : Array(text.utf8)
    let reader = PortfolioReader(bytes: bytes, fileName: "encoded.xml")
    var buildings = 0
    while let event = reader.next() {
      if case .building = event { buildings += 1 }
    }
    #expect(buildings == 0)
    #expect(reader.diagnostics.count == 1, "\(reader.diagnostics)")
    #expect(reader.diagnostics.first?.kind == .security)
    #expect(reader.diagnostics.first?.message.contains("encoded in \(encoding)") == true)
    #expect(reader.diagnostics.first?.location.line == 1)
  }

  @Test(
    "Bytes the declared encoding lacks are placed wherever the chunks of the file are cut",
    arguments: [
      // 0x81 is no character of windows-1252.
      ("windows-1252", [UInt8]([0x81]), "\n"),
      ("windows-1252", [0x81], "\r\n"),
      // A Shift_JIS lead byte with a trail byte that no character has: cut
      // after the lead byte, libxml2 keeps it and converts it with the next
      // chunk, naming bytes that begin in the chunk before.
      ("Shift_JIS", [0x81, 0x7F], "\n"),
      ("Shift_JIS", [0x81, 0x7F], "\r\n"),
    ])
  func undecodableBytesAcrossChunks(encoding: String, bad: [UInt8], lineEnd: String) {
    let head = Array(
      ("<?xml version=\"1.0\" encoding=\"\(encoding)\"?>\(lineEnd)"
        + "<portfolio xmlns=\"urn:barrierfree:portfolio:1\" name=\"").utf8)
    let lineStart = head.count - (head.lastIndex(of: 0x0A).map { head.count - 1 - $0 } ?? 0)
    var misplaced: [String] = []
    for chunkSize in [5, 8, 13] {
      // Every offset of the bad bytes against the cuts between chunks.
      for offset in 0..<(chunkSize + 2) {
        var bytes = head + [UInt8](repeating: UInt8(ascii: "x"), count: 20 + offset)
        let column = bytes.count - lineStart + 1
        bytes += bad + Array("xx\"/>\(lineEnd)".utf8)
        let reader = PortfolioReader(
          bytes: bytes, fileName: "cut.xml", options: ReaderOptions(chunkSize: chunkSize))
        while reader.next() != nil {}
        let first = reader.diagnostics.first
        let place = first.map { "\($0.location.line):\($0.location.column)" } ?? "none"
        if place != "2:\(column)"
          || first?.message.contains("its declared encoding does not have") != true
        {
          misplaced.append("chunks of \(chunkSize), column \(column): \(place)")
        }
      }
    }
    #expect(misplaced == [])
  }

  @Test(
    "Encodings where bytes below 0x80 are always ASCII are read",
    arguments: ["windows-1252", "ISO-8859-15", "Shift_JIS", "US-ASCII", "UTF-8"])
  func safeEncoding(encoding: String) {
    let text = """
      <?xml version="1.0" encoding="\(encoding)"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1"><building id="b1"/></portfolio>
      """
    let (reader, buildings) = readAll(text)
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
    #expect(buildings.count == 1)
  }

  @Test("A name longer than the schema allows says how long it is and may be")
  func tooLongName() {
    let text = """
      <portfolio xmlns="urn:barrierfree:portfolio:1" name="\(String(repeating: "x", count: 250))"/>
      """
    let (reader, _) = readAll(text)
    #expect(
      reader.diagnostics.first?.message
        == "portfolio: name is too long (250 characters; at most 200)")
  }

  @Test("A 50 MB attribute value ends in a located error, read from a file in chunks")
  func hugeAttribute() throws {
    let scratch = try ScratchDirectory()
    let bytes =
      Array(
        "<?xml version=\"1.0\"?>\n<portfolio xmlns=\"urn:barrierfree:portfolio:1\" name=\"".utf8)
      + [UInt8](repeating: UInt8(ascii: "x"), count: 50_000_000) + Array("\"/>\n".utf8)
    let path = try scratch.write("huge-attribute.xml", bytes)
    let reader = try PortfolioReader(path: path)
    while reader.next() != nil {}
    let first = try #require(reader.diagnostics.first)
    #expect(first.severity == .error)
    #expect(first.location.file == path)
    #expect(first.location.line == 2)
    #expect(first.message.contains("longer than the parser's limit"), "\(first.message)")
  }

  @Test("Deep nesting ends in a located error")
  func deepNesting() {
    let depth = 10_000
    let text =
      "<portfolio xmlns=\"urn:barrierfree:portfolio:1\">"
      + String(repeating: "<building>", count: depth)
      + String(repeating: "</building>", count: depth)
      + "</portfolio>"
    let (reader, _) = readAll(text, options: ReaderOptions(maxErrors: 100_000))
    #expect(reader.hasErrors)
    let depthError = reader.diagnostics.first { $0.message.contains("nested more than 64 deep") }
    #expect(depthError?.location.line == 1)
    // The 65th element starts after the root and 63 <building> tags.
    #expect(depthError?.location.column == 48 + 63 * 10)
  }
}

@Suite("Guards against slow input")
struct SlowInputTests {
  @Test("An element with too many attributes is refused before libxml2 parses it")
  func manyAttributes() {
    let attributes = (0..<300).map { " a\($0)=\"x\"" }.joined()
    let text = """
      <?xml version="1.0"?>
      <!-- a comment with = signs: a="1" b="2" -->
      <?pi x="1"?>
        <portfolio xmlns="urn:barrierfree:portfolio:1"\(attributes)/>
      """
    let (reader, _) = readAll(text)
    let error = reader.diagnostics.first
    #expect(reader.diagnostics.count == 1)
    #expect(error?.kind == .security)
    #expect(error?.location.line == 4)
    #expect(error?.location.column == 3)
    #expect(error?.message.contains("more than 256 attributes") == true)
  }

  @Test("A CDATA section with '>' and \"<!--\" in it does not hide a later tag from the count")
  func manyAttributesAfterCDATA() {
    let attributes = (0..<300).map { " a\($0)=\"x\"" }.joined()
    let text = """
      <?xml version="1.0"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1">
        <building id="b1"><![CDATA[ a > <!-- b ]] ]]></building>
        <building id="b2"\(attributes)/>
      </portfolio>
      """
    let (reader, _) = readAll(text, options: ReaderOptions(maxErrors: 100_000))
    let error = reader.diagnostics.first { $0.kind == .security }
    #expect(error?.location.line == 4)
    #expect(error?.location.column == 3)
    #expect(error?.message.contains("more than 256 attributes") == true)
  }

  @Test("Equals signs in comments, instructions and quoted values are not counted")
  func equalsSignsElsewhere() {
    let many = String(repeating: "a=b ", count: 400)
    let text = """
      <?xml version="1.0"?>
      <!-- \(many) -->
      <?note \(many)?>
      <portfolio xmlns="urn:barrierfree:portfolio:1" name="\(many.prefix(180))"><building id="b1"/></portfolio>
      """
    let (reader, buildings) = readAll(text)
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
    #expect(buildings.count == 1)
  }
}

@Suite("DOCTYPEs")
struct DoctypeTests {
  @Test("Attribute defaults from a DOCTYPE never become measurements")
  func attributeDefaults() {
    let (reader, buildings) = readAll(
      """
      <?xml version="1.0"?>
      <!DOCTYPE portfolio [<!ATTLIST door clearWidth CDATA "1000" threshold CDATA "0">]>
      <portfolio xmlns="urn:barrierfree:portfolio:1"><building id="b1">
        <place id="a" kind="landing"/><place id="b" kind="lobby"/>
        <door id="d1" from="a" to="b"/>
      </building></portfolio>
      """)
    #expect(buildings.isEmpty)
    #expect(reader.diagnostics.count == 1)
    #expect(reader.diagnostics.first?.kind == .security)
    #expect(reader.diagnostics.first?.message.contains("ATTLIST") == true)
  }

  @Test("A DOCTYPE that declares nothing is refused too")
  func emptyDoctype() {
    let (reader, buildings) = readAll(
      """
      <!DOCTYPE portfolio>
      <portfolio xmlns="urn:barrierfree:portfolio:1"><building id="b1"/></portfolio>
      """)
    #expect(buildings.isEmpty)
    #expect(
      reader.diagnostics.map(\.message) == [
        "the document has a DOCTYPE; a BarrierFree portfolio has none: remove the DOCTYPE"
      ])
  }
}

@Suite("Many problems in one file")
struct ManyProblemsTests {
  @Test("Thousands of unresolved references stop at the error limit (and quickly)")
  func manyDanglingReferences() {
    let count = 3000
    var body = ""
    for index in 0..<count { body += "    <place id=\"p\(index)\" kind=\"landing\"/>\n" }
    for index in 0..<count { body += "    <door from=\"q\(index)\" to=\"p\(index)\"/>\n" }
    let (reader, _) = readAll(document(building: body))
    #expect(reader.diagnostics.count == 101)
    #expect(reader.diagnostics.first?.message.contains("did you mean 'p0'?") == true)
    #expect(reader.diagnostics.last?.kind == .limit)
  }

  @Test("A namespace error does not hide a later truncation")
  func namespaceErrorThenTruncation() {
    let (reader, _) = readAll(
      """
      <portfolio xmlns="urn:barrierfree:portfolio:1">
      <building id="b1" x:foo="1">
      </building>
      <building id="b2">
      """)
    #expect(reader.diagnostics.contains { $0.message.contains("Namespace prefix x") })
    #expect(
      reader.diagnostics.contains {
        $0.message.hasPrefix("the file ends before <building> is closed; is it truncated?")
      })
  }

  @Test("Two buildings without ids get one error each, not a duplicate-id error")
  func missingIds() {
    let (reader, _) = readAll(
      "<portfolio xmlns=\"urn:barrierfree:portfolio:1\"><building/><building/></portfolio>")
    #expect(reader.diagnostics.count == 2)
    #expect(reader.diagnostics.allSatisfy { $0.message.contains("required but missing") })
  }
}
