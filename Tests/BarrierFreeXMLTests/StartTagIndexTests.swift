import BarrierFree
import Foundation
import Testing

@testable import BarrierFreeXML

/// The start-tag index gives profile messages their columns.
@Suite("Start tag index")
struct StartTagIndexTests {
  static func index(_ text: String) -> [StartTagIndex.Tag] {
    Array(text.utf8).withUnsafeBufferPointer { StartTagIndex($0).tags }
  }

  @Test(
    "Columns count characters from the line's start, for many tags on one line and after line ends")
  func columns() {
    let tags = Self.index("<a><b/>äö<c x='>'/><!-- <d> -->\r\n  <e/>\r<f/><g/>\n\n<h/>")
    #expect(tags.map(\.line) == [1, 1, 1, 2, 3, 3, 5])
    #expect(tags.map(\.column) == [1, 4, 10, 3, 1, 5, 1])
  }

  @Test("A profile of one 1 MiB line with 200,000 tags is read at once", .timeLimit(.minutes(1)))
  func oneLongLine() throws {
    let profile = try String(
      contentsOfFile: repositoryPath("Profiles/din18040-2.xml"), encoding: .utf8
    )
    .replacingOccurrences(of: #"id="din18040-2""#, with: #"id="one-line""#)
    .replacingOccurrences(of: "\n", with: " ")
    guard let end = profile.range(of: "</profile>", options: .backwards) else {
      Issue.record("no end tag")
      return
    }
    // Tags the schema refuses: the index must place every one of them
    // (once took quadratic time: 67 s for a 1 MiB line).
    let text = profile[..<end.lowerBound] + String(repeating: "<x/>", count: 200_000) + "</profile>"
    #expect(text.utf8.count < 1 << 20)
    let tags = Self.index(String(text))
    #expect(tags.count > 200_000)
    #expect(tags.last?.line == 1)
    #expect(tags.last?.column == text.count - "<x/></profile>".count + 1)
    #expect(throws: ImportError.self) {
      _ = try ProfileReader.read(bytes: Array(text.utf8), fileName: "one-line.xml")
    }
  }
}
