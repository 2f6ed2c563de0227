import BarrierFreeXMLSupport
import Testing

@Suite("Positions of start tags in a profile")
struct StartTagIndexTests {
  private func index(_ text: String) -> StartTagIndex {
    Array(text.utf8).withUnsafeBufferPointer { StartTagIndex($0) }
  }

  @Test("Columns count characters from the line's start, also past other tags on the line")
  func columns() {
    let found = index("<a x=\"ä\"><b/><!-- <c> --><ü/>\r<d/>\r\n  <e/>\n<f/><g/>")
    #expect(found.tags.map(\.line) == [1, 1, 1, 2, 3, 4, 4])
    #expect(found.tags.map(\.column) == [1, 10, 26, 1, 3, 1, 5])
  }

  /// A profile written on one line: counting each tag's column from the
  /// line's start looked at every byte before it again (a 1 MiB line took
  /// 67 s to read).
  @Test("One line of 64 KiB with 16,000 tags: columns in one pass over the bytes")
  func oneLongLine() {
    let text = String(repeating: "<a/>", count: 16 * 1024)
    let found = index(text)
    #expect(found.tags.count == 16 * 1024)
    #expect(found.tags.last?.column == text.utf8.count - 3)
    #expect(found.columnSteps <= text.utf8.count)
  }
}
