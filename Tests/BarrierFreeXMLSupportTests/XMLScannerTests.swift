import BarrierFreeTestSupport
import BarrierFreeXMLSupport
import Testing

@Suite("XML scanner")
struct XMLScannerTests {
  /// The events of `text` in one piece, which must be the same for every
  /// cut into two and into single bytes.
  private func events(
    _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> [String] {
    let bytes = Array(text.utf8)
    let whole = ScanLog.scan(bytes, ends: [])
    for cut in 0...bytes.count {
      #expect(
        ScanLog.scan(bytes, ends: [cut]) == whole, "cut at \(cut)", sourceLocation: sourceLocation)
    }
    #expect(
      ScanLog.scan(bytes, ends: Array(0...bytes.count)) == whole, "single bytes",
      sourceLocation: sourceLocation)
    return whole
  }

  @Test("A comment ends at -->, not at -- >; tags in it are text")
  func comment() {
    #expect(
      events("<!-- <a x='1'> -- > --><b/>") == [
        "< 0 1:1", "begin comment 0", "end comment 22", "< 23 1:24", "begin startTag 23",
        "end startTag 26", "at 1:28",
      ])
    // "<!-->" is no comment's end.
    #expect(events("<!-->-->").suffix(2) == ["end comment 7", "at 1:9"])
  }

  @Test("CDATA ends at ]]>, not at ]] >; '<' and '>' in it are text")
  func cdata() {
    #expect(
      events("<a><![CDATA[ <b> ]] > ]]]></a>") == [
        "< 0 1:1", "begin startTag 0", "end startTag 2", "< 3 1:4", "begin cdata 3",
        "end cdata 25", "< 26 1:27", "begin endTag 26", "end endTag 29", "at 1:31",
      ])
  }

  @Test("A processing instruction ends at ?>")
  func instruction() {
    #expect(
      events("<?pi a > b ? ?><?x?>") == [
        "< 0 1:1", "begin instruction 0", "end instruction 14", "< 15 1:16",
        "begin instruction 15", "end instruction 19", "at 1:21",
      ])
  }

  @Test("Quotes hold '>', '<' and '=' of a value; '=' outside them counts")
  func quotes() {
    #expect(
      events("<a x=\"<>=\" y='\">' z=\"'\">") == [
        "< 0 1:1", "begin startTag 0", "= 4", "= 12", "= 19", "end startTag 23", "at 1:25",
      ])
    // "<>" is a start tag that ends at once.
    #expect(
      events("<><b>").prefix(4) == ["< 0 1:1", "begin startTag 0", "end startTag 1", "< 2 1:3"])
  }

  @Test("A DOCTYPE is a declaration to its '>'")
  func doctype() {
    #expect(
      events("<!DOCTYPE a><a/><!>") == [
        "< 0 1:1", "begin declaration 0", "end declaration 11", "< 12 1:13",
        "begin startTag 12", "end startTag 15", "< 16 1:17", "begin declaration 16",
        "end declaration 18", "at 1:20",
      ])
  }

  @Test("Lines end at LF, CR and CR LF once, also split across chunks")
  func lineEnds() {
    #expect(
      events("<a>\r\n<b/>\r<c/>\n\r\n\r<d/>").filter { $0.hasPrefix("<") } == [
        "< 0 1:1", "< 5 2:1", "< 10 3:1", "< 18 6:1",
      ])
    #expect(events("\r\n\r\r\n\n").last == "at 5:1")
    #expect(events("<a\r\n b='\r'\r/>").last == "at 4:3")
  }

  @Test("Columns count characters; a byte-order mark is none")
  func columns() {
    #expect(events("<a x='äö€😀'><b/>")[4] == "< 19 1:13")
    #expect(events("\u{FEFF}<a/>").first == "< 3 1:1")
    #expect(events("\u{FEFF}").last == "at 1:1")
    // Not a byte-order mark: EF is a character, BB a continuation byte.
    #expect(ScanLog.scan([0xEF, 0xBB, 0x3C], ends: [1]).first == "< 2 1:2")
    #expect(ScanLog.scan([0xEF, 0x3C], ends: [1]).first == "< 1 1:2")
  }

  @Test("Jumping over short tags reports the same '<' places, lines and end")
  func jumps() {
    let text =
      "<a>\r\n <b x='1'/>\r<!-- <c> --><d\n y='é'>ü</d><![CDATA[<e>]]>\n<?p <f> ?><g/></a>\r"
    let bytes = Array(text.utf8)
    let opened = ScanLog.scan(bytes, ends: []).filter { $0.hasPrefix("<") || $0.hasPrefix("at") }
    for cut in 0...bytes.count {
      let jumped = ScanLog.scan(bytes, ends: [cut], skipLimit: 1024)
      #expect(jumped.filter { $0.hasPrefix("<") || $0.hasPrefix("at") } == opened, "cut at \(cut)")
    }
  }

  @Test("A handler stops the scan at the byte whose event it refuses")
  func stop() {
    struct Two: XMLScanHandler {
      var equals = 0
      mutating func attributeEquals(at offset: Int) -> Bool {
        equals += 1
        return equals < 2
      }
    }
    var scanner = XMLScanner()
    var handler = Two()
    let stopped = Array("<a b='1' c='2' d='3'/>".utf8).withUnsafeBytes {
      scanner.scan($0, &handler)
    }
    #expect(stopped == 11)
    #expect(scanner.offset == 11)
  }

  @Test("Position after bytes: the scanner's rules for a held position")
  func position() {
    let text = Array("ab\r\ncä\rd\n\ré".utf8)
    let place = text.withUnsafeBytes {
      XMLScanner.position(after: $0, line: 3, column: 7, afterCarriageReturn: false)
    }
    #expect(place.line == 7 && place.column == 2)
    let joined = Array("\nx".utf8).withUnsafeBytes {
      XMLScanner.position(after: $0, line: 2, column: 1, afterCarriageReturn: true)
    }
    #expect(joined.line == 2 && joined.column == 2)
  }
}
