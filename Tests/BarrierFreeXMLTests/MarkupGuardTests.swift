import BarrierFreeXMLSupport
import Foundation
import Testing

@testable import BarrierFreeXML

/// The markup guard jumps from '<' to '<' where it can: it must record the
/// same places and refuse the same tags as reading every byte, however the
/// input is cut into chunks.
@Suite("Markup guard")
struct MarkupGuardTests {
  /// Runs a guard over `bytes` in chunks of `size`; returns the refusal and
  /// the line and column recorded for every '<' of the input.
  private func run(_ bytes: [UInt8], chunk size: Int, byteWise: Bool) -> (
    refused: [Int], places: [[Int]], lines: Int
  ) {
    var markupGuard = MarkupGuard()
    markupGuard.byteWise = byteWise
    var refused: [Int] = []
    var start = 0
    while start < bytes.count && refused.isEmpty {
      let end = min(bytes.count, start + size)
      let result = bytes[start..<end].withUnsafeBytes { markupGuard.scan($0) }
      if let result { refused = [result.line, result.column] }
      start = end
    }
    let places = bytes.indices.filter { bytes[$0] == UInt8(ascii: "<") }.map { offset in
      markupGuard.position(ofTagAt: offset).map { [offset, $0.line, $0.column] } ?? [offset]
    }
    return (refused, places, markupGuard.line)
  }

  private func expectSameAsByteWise(
    _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let bytes = Array(text.utf8)
    for size in [1, 2, 3, 5, 64, 1000, bytes.count + 1] {
      let expected = run(bytes, chunk: size, byteWise: true)
      let fast = run(bytes, chunk: size, byteWise: false)
      #expect(fast.refused == expected.refused, "chunks of \(size)", sourceLocation: sourceLocation)
      #expect(fast.places == expected.places, "chunks of \(size)", sourceLocation: sourceLocation)
      #expect(fast.lines == expected.lines, "chunks of \(size)", sourceLocation: sourceLocation)
    }
  }

  @Test("Jumping records the same places as reading every byte")
  func samePlaces() throws {
    let attributes = (0..<300).map { " a\($0)=\"\($0)\"" }.joined()
    let texts = [
      "<a>\n  <b c=\"1\" d='x > y'/>\n</a>\n",
      "\u{FEFF}<?xml version=\"1.0\"?>\n<a>\n <b/>\n</a>",
      "<a>\n  <!-- a < b, c=d -->\n  <b x=\"ä\"/><c/>\n  <![CDATA[ <d> ]]><e/>\n  <?pi a < b ?>\n</a>",
      "<a>\r\n  <b/>\r<c/>\n</a>",
      "<a>\n  <b name=\"Gäste-WC ü\"\n     other=\"é\"/>\n  <ü/>\n</a>",
      "<a>\n<b\(attributes)/>\n</a>",
      "<a>\n<b\(String(repeating: " ", count: 1500)) c=\"1\"/>\n<d/></a>",
      "<a>" + String(repeating: "text ", count: 400) + "<b/></a>",
    ]
    for text in texts { expectSameAsByteWise(text) }
    let quarter = try String(
      contentsOfFile: repositoryPath("Samples/quarter-bielefeld.xml"), encoding: .utf8)
    expectSameAsByteWise(quarter)
  }

  @Test("Jumping counts Windows, old Mac and mixed line ends as reading every byte does")
  func lineEnds() throws {
    let texts = [
      "<a>\r\n  <b c=\"1\"/>\r\n</a>\r\n",
      "<a>\r  <b\r c=\"ü\"/>\r<c/>\r</a>",
      "<a>\r\r\n<b/>\n\r<c/>\n\n\r\r<d x=\"é\"\r\n y=\"2\"/>\r</a>\r",
      "\r\n\r\n<a>\r\n\r\n<b/></a>",
      "\u{FEFF}<?xml version=\"1.0\"?>\r\n<a>\r\n <b/>\r\n</a>",
    ]
    for text in texts { expectSameAsByteWise(text) }
    let quarter = try String(
      contentsOfFile: repositoryPath("Samples/quarter-bielefeld.xml"), encoding: .utf8)
    expectSameAsByteWise(quarter.replacingOccurrences(of: "\n", with: "\r\n"))
    expectSameAsByteWise(quarter.replacingOccurrences(of: "\n", with: "\r"))
    // Every third line end Windows, every fifth a lone CR: CRs at every
    // place relative to the chunks.
    var mixed = ""
    for (index, line) in quarter.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      mixed += line + (index % 3 == 0 ? "\r\n" : index % 5 == 0 ? "\r" : "\n")
    }
    expectSameAsByteWise(mixed)
  }

  /// A UTF-16 document whose <building> has `count` attributes, each value
  /// one `character`.
  private func utf16(attributes count: Int, character: String, bigEndian: Bool) -> [UInt8] {
    let attributes = (0..<count).map { " a\($0)=\"\(character)\"" }.joined()
    let text =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<portfolio xmlns=\"urn:barrierfree:portfolio:1\">\n"
      + "  <building id=\"b1\"\(attributes)/>\n</portfolio>\n"
    return (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE])
      + text.utf16.flatMap { unit in
        let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
        return bigEndian ? [high, low] : [low, high]
      }
  }

  @Test(
    "UTF-16: a character with a byte '<' or '\"' in it hides no attribute from the count",
    arguments: ["\u{013C}", "\u{0122}", "x"], [false, true])
  func utf16(character: String, bigEndian: Bool) {
    let bytes = utf16(attributes: 300, character: character, bigEndian: bigEndian)
    for size in [4, 5, 7, 4096] {
      for byteWise in [false, true] {
        var markupGuard = MarkupGuard()
        markupGuard.byteWise = byteWise
        var refused: (line: Int, column: Int)?
        var start = 0
        while start < bytes.count && refused == nil {
          let end = min(bytes.count, start + size)
          refused = bytes[start..<end].withUnsafeBytes { markupGuard.scan($0) }
          start = end
        }
        #expect(refused?.line == 3, "chunks of \(size), byte-wise \(byteWise)")
        #expect(refused?.column == 3, "chunks of \(size), byte-wise \(byteWise)")
      }
    }
    let reader = PortfolioReader(bytes: bytes, fileName: "utf16.xml")
    while reader.next() != nil {}
    #expect(reader.diagnostics.first?.kind == .security, "\(reader.diagnostics.prefix(2))")
    #expect(reader.diagnostics.first?.location.line == 3)
  }

  @Test("A tag with too many attributes is refused where it begins")
  func refusal() {
    let attributes = (0..<300).map { " a\($0)=\"\($0)\"" }.joined()
    let bytes = Array("<a>\n  <b/>\n  <b\(attributes)/>\n</a>".utf8)
    for size in [7, 4096] {
      let result = run(bytes, chunk: size, byteWise: false)
      #expect(result.refused == [3, 3], "chunks of \(size)")
    }
  }
}

/// An attribute's line and column in its tag, counted eight bytes at a time
/// on the attribute's line, match counting character by character.
@Suite("Raw tag places")
struct RawTagTests {
  @Test("Attribute places across lines and non-ASCII text")
  func places() {
    let tags = [
      #"<door id="d1" from="a" to="b" clearWidth="900"/>"#,
      "<room id=\"k\" name=\"Küche mit Eßplatz ü ö ä\" area=\"8.1\"\n      width=\"2400\"/>",
      "<place\n  id=\"Straße-Nr.-7\"\r\n  name=\"€ 😀 Grünfläche\"   kind=\"outdoor\"/>",
    ]
    for text in tags {
      let bytes = Array(text.utf8)
      bytes.withUnsafeBufferPointer { buffer in
        let tag = RawTag(bytes: buffer, line: 7, column: 5)
        for name in ["id", "name", "area", "width", "kind", "clearWidth"] {
          guard let offset = tag.offset(ofAttribute: name) else { continue }
          // Characters of the attribute's line before it, one by one (a
          // line ends at LF; a CR before it is a character of the line).
          let lines = bytes[..<offset].split(separator: 0x0A, omittingEmptySubsequences: false)
          let last = String(decoding: lines.last ?? [], as: UTF8.self).unicodeScalars.count
          let expectedLine = 7 + lines.count - 1
          let expectedColumn = lines.count == 1 ? 5 + last : 1 + last
          let position = tag.position(ofAttribute: name)
          #expect(position?.line == expectedLine, "\(name) in \(text)")
          #expect(position?.column == expectedColumn, "\(name) in \(text)")
          // Found back from its value, as libxml2 hands it over: the same.
          let valueStart = offset + name.utf8.count + 2
          let valueEnd = bytes[valueStart...].firstIndex(of: bytes[valueStart - 1]) ?? valueStart
          let value = UnsafeBufferPointer(rebasing: buffer[valueStart..<valueEnd])
          #expect(tag.offset(ofAttribute: name, value: value) == offset, "\(name) in \(text)")
          let found = tag.position(ofAttribute: name, value: value)
          #expect(found?.line == position?.line && found?.column == position?.column)
        }
      }
    }
  }
}
