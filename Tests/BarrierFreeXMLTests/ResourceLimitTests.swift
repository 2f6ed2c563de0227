import BarrierFreeModel
import BarrierFreeXMLSupport
import Foundation
import Testing

@testable import BarrierFreeXML

/// Bounds on what one hostile file can cost: elements per building and
/// bytes between two tags.
@Suite("Resource limits")
struct ResourceLimitTests {
  /// A building `b1` with `places` places (so `places + 1` elements) and a
  /// second building `b2` after it.
  static func building(places: Int) -> String {
    let list = (0..<places).map { #"    <place id="p\#($0)" kind="landing"/>"# }
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1">
        <building id="b1">
      \(list.joined(separator: "\n"))
        </building>
        <building id="b2"/>
      </portfolio>
      """
  }

  @Test("The default limits: 100,000 elements per building, 10 MiB without a tag")
  func defaults() {
    #expect(ReaderOptions().maxElementsPerBuilding == 100_000)
    #expect(ReaderOptions().maxBytesWithoutMarkup == 10 << 20)
    // Exact counting needs a limit no smaller than a chunk.
    #expect(ReaderOptions().maxBytesWithoutMarkup >= ReaderOptions().chunkSize)
  }

  @Test(
    "A building at the element limit is read; one element more is a located error, and the read stops",
    arguments: [8, 9, 10, 11])
  func elementsPerBuilding(limit: Int) {
    // b1 and its nine places: ten elements.
    let (reader, buildings) = readAll(
      Self.building(places: 9), options: ReaderOptions(maxElementsPerBuilding: limit))
    if limit < 10 {
      #expect(buildings.isEmpty)
      #expect(
        reader.diagnostics.map(\.description) == [
          "test.xml:\(3 + limit):5: error: building 'b1' has more than \(limit) elements, the limit for one building; the rest of the file is not read (a real building has a few thousand; raise the limit with --max-building-elements if this one is real)"
        ])
    } else {
      #expect(buildings.map(\.id) == ["b1", "b2"])
      #expect(reader.diagnostics.isEmpty)
    }
  }

  @Test("A quarter's own places and paths count against the limit too")
  func quarterElements() {
    let places = (0..<5).map { #"<place id="q\#($0)" kind="outdoor"/>"# }.joined()
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1"><quarter id="q">\(places)<building id="b1"/></quarter></portfolio>
      """
    let (reader, _) = readAll(text, options: ReaderOptions(maxElementsPerBuilding: 5))
    #expect(
      reader.diagnostics.first?.message.hasPrefix("quarter 'q' has more than 5 elements") == true)
    let (fits, buildings) = readAll(text, options: ReaderOptions(maxElementsPerBuilding: 6))
    #expect(fits.diagnostics.isEmpty)
    #expect(buildings.map(\.id) == ["b1"])
  }

  @Test("Read in segments, an oversized building gives the error one reader gives")
  func elementsPerBuildingSegmented() async throws {
    let valid = (2...6).map {
      #"  <building id="v\#($0)"><place id="x" kind="landing"/></building>"#
    }
    let text = Self.building(places: 30).replacingOccurrences(
      of: "  <building id=\"b2\"/>", with: valid.joined(separator: "\n"))
    let options = ReaderOptions(segmentSize: 1, maxElementsPerBuilding: 20)
    let (one, _) = readAll(text, name: "p.xml", options: options)
    let outcome = try await SegmentedReading.read(
      source: MemorySource(bytes: Array(text.utf8)), fileName: "p.xml", options: options,
      jobs: 2, process: { reader, emit in while let event = reader.next() { try emit(event) } },
      consume: { _ in })
    #expect(one.diagnostics.count == 1)
    #expect(outcome.diagnostics.map(\.description) == one.diagnostics.map(\.description))
  }

  /// `<building id="b1">`, then spaces so that `gap` bytes stand between
  /// its '<' and the next.
  static func gap(_ gap: Int) -> String {
    let start = #"<building id="b1">"#
    let spaces = String(repeating: " ", count: gap - (start.utf8.count - 1))
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1">\(start)\(spaces)</building></portfolio>
      """
  }

  @Test(
    "Bytes between two tags: at the limit read, one more a located error, in any chunk size",
    arguments: [999, 1000, 1001], [64, 100, 1000])
  func bytesWithoutMarkup(gap: Int, chunkSize: Int) {
    let options = ReaderOptions(chunkSize: chunkSize, maxBytesWithoutMarkup: 1000)
    let (reader, buildings) = readAll(Self.gap(gap), options: options)
    if gap <= 1000 {
      #expect(reader.diagnostics.isEmpty)
      #expect(buildings.map(\.id) == ["b1"])
    } else {
      #expect(buildings.isEmpty)
      #expect(reader.diagnostics.count == 1)
      let error = reader.diagnostics.first
      #expect(error?.location.line == 2)
      #expect(error?.kind == .security)
      #expect(
        error?.message
          == "more than 1000 bytes without a tag; a portfolio holds no text between its tags, so the file is damaged (or a decompression bomb) and is not read further"
      )
    }
  }

  @Test(
    "The error is placed at the byte past the limit, the same in any chunk size and read in segments",
    arguments: [64, 100, 1000])
  func bytesWithoutMarkupPlace(chunkSize: Int) async throws {
    let text = Self.gap(1001)
    let options = ReaderOptions(
      chunkSize: chunkSize, segmentSize: 1, maxBytesWithoutMarkup: 1000)
    let (reader, _) = readAll(text, name: "p.xml", options: options)
    // Line 2: `<portfolio …>` is 47 bytes, `<building` starts in column 48,
    // and the 1001st byte after its '<' is the first past the limit.
    #expect(reader.diagnostics.map(\.location.description) == ["p.xml:2:\(48 + 1001)"])
    let outcome = try await SegmentedReading.read(
      source: MemorySource(bytes: Array(text.utf8)), fileName: "p.xml", options: options,
      jobs: 2, process: { reader, _ in while reader.next() != nil {} }, consume: { (_: Int) in })
    #expect(outcome.diagnostics.map(\.description) == reader.diagnostics.map(\.description))
  }

  /// A gzip file in `scratch` of a root whose content `filler` (a shell
  /// pipeline) writes to its standard output.
  static func gzippedRoot(_ filler: String, in scratch: ScratchDirectory) throws -> String {
    let path = scratch.url.appendingPathComponent("bomb.xml.gz").path
    try run(
      "/bin/sh",
      [
        "-c",
        "{ printf '<portfolio xmlns=\"urn:barrierfree:portfolio:1\">'; \(filler); printf '</portfolio>'; } | gzip -c > '\(path)'",
      ])
    return path
  }

  @Test("A gzip bomb of spaces stops after the limit, not after unpacking all of it")
  func gzipBomb() throws {
    let scratch = try ScratchDirectory()
    // 64 MiB of spaces inside the root, about 64 KB compressed.
    let path = try Self.gzippedRoot("head -c 67108864 /dev/zero | tr '\\0' ' '", in: scratch)
    let reader = try PortfolioReader(path: path)
    while reader.next() != nil {}
    #expect(
      reader.diagnostics.first?.message.hasPrefix("more than 10485760 bytes without a tag") == true)
    // Read no further than the limit and a chunk or two.
    #expect(reader.statistics.bytes <= (10 << 20) + 2 * ReaderOptions().chunkSize)
  }

  @Test("A gzip bomb of empty comments stops once it unpacks to 200 times its size, in any reading")
  func commentBomb() async throws {
    let scratch = try ScratchDirectory()
    // 80 MiB of "<!---->": markup, so no bound on text between tags sees it;
    // about 80 KB compressed.
    let path = try Self.gzippedRoot(
      "yes '<!---->' | tr -d '\\n' | head -c 83886080", in: scratch)
    let reader = try PortfolioReader(path: path)
    while reader.next() != nil {}
    let message = try #require(reader.diagnostics.first?.message)
    #expect(message.hasPrefix("the compressed file unpacks to more than 200 times its size"))
    #expect(reader.statistics.bytes <= (64 << 20) + 2 * ReaderOptions().chunkSize)
    let outcome = try await SegmentedReading.read(
      path: path, jobs: 2, process: { reader, _ in while reader.next() != nil {} },
      consume: { (_: Int) in })
    #expect(outcome.diagnostics.map(\.description) == reader.diagnostics.map(\.description))
  }
}
