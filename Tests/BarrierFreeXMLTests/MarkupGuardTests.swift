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
