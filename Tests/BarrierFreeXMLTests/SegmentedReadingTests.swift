import BarrierFreeXMLSupport
import Foundation
import Testing

@testable import BarrierFreeXML

/// What a reading gave: the events (without the root's, which each segment
/// repeats) and the diagnostics, as text.
private struct Reading: Equatable, CustomStringConvertible {
  var events: [String] = []
  var diagnostics: [String] = []

  var description: String {
    (events + diagnostics).joined(separator: "\n")
  }

  static func summary(_ event: PortfolioEvent) -> String? {
    switch event {
    case .portfolio: nil
    case .quarter(let quarter): "quarter \(quarter.id)"
    case .building(let building, let quarter):
      "building \(building.id) in \(quarter ?? "-"): \(building.flats.count) flats, "
        + "\(building.connectors.count) connectors"
    case .endQuarter(let id): "end of quarter \(id)"
    }
  }
}

@Suite("Reading a file with several parsers at once")
struct SegmentedReadingTests {
  /// The new-build sample's building `copies` times, each with its own id.
  static func manyBuildings(_ copies: Int) throws -> String {
    let text = try String(
      contentsOfFile: repositoryPath("Samples/design-new-build.xml"), encoding: .utf8)
    let lines = text.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.contains("<building ") })
    let end = try #require(lines.lastIndex { $0.contains("</building>") })
    let building = lines[start...end].joined(separator: "\n")
    var result = lines[..<start].joined(separator: "\n") + "\n"
    for copy in 1...copies {
      result +=
        building.replacingOccurrences(of: #"<building id="d1""#, with: #"<building id="d\#(copy)""#)
        + "\n"
    }
    return result + lines[(end + 1)...].joined(separator: "\n")
  }

  private static func sequential(_ text: String, maxErrors: Int) -> Reading {
    let reader = PortfolioReader(
      text: text, fileName: "p.xml", options: ReaderOptions(maxErrors: maxErrors))
    var reading = Reading()
    while let event = reader.next() {
      if let line = Reading.summary(event) { reading.events.append(line) }
    }
    reading.diagnostics = reader.diagnostics.map(\.description)
    return reading
  }

  private static func segmented(_ text: String, maxErrors: Int, segmentSize: Int) async throws
    -> (Reading, SegmentedReading.Outcome)
  {
    var reading = Reading()
    let outcome = try await SegmentedReading.read(
      source: MemorySource(bytes: Array(text.utf8)), fileName: "p.xml",
      options: ReaderOptions(maxErrors: maxErrors, segmentSize: segmentSize), jobs: 2,
      process: { reader, emit in
        while let event = reader.next() {
          if let line = Reading.summary(event) { try emit(line) }
        }
      },
      consume: { reading.events.append($0) })
    reading.diagnostics = outcome.diagnostics.map(\.description)
    return (reading, outcome)
  }

  /// Reads `text`, seven valid buildings, with one reader and in segments of
  /// one building; expects the same events and no diagnostics.
  private static func readsAsOneReader(
    sevenValidBuildings text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) async throws -> SegmentedReading.Outcome {
    let expected = sequential(text, maxErrors: 100)
    #expect(expected.events.count == 7, sourceLocation: sourceLocation)
    #expect(expected.diagnostics.isEmpty, sourceLocation: sourceLocation)
    let (reading, outcome) = try await segmented(text, maxErrors: 100, segmentSize: 1)
    #expect(reading == expected, sourceLocation: sourceLocation)
    return outcome
  }

  @Test("A valid file: cut between every building, read in parallel, the same as one reader")
  func validFile() async throws {
    let text = try Self.manyBuildings(7)
    let outcome = try await Self.readsAsOneReader(sevenValidBuildings: text)
    // Six segments in parallel; the last, with the root's end tag, is the
    // rest read by one reader.
    #expect(outcome.segments == 6)
    #expect(outcome.sequentialFrom == 6)
    #expect(outcome.statistics.buildings == 7)
    #expect(outcome.statistics.bytes == text.utf8.count)
  }

  @Test(
    "Windows, old Mac and mixed line ends: cut like any file, read the same as one reader",
    arguments: ["\r\n", "\r", "mixed"])
  func lineEnds(lineEnd: String) async throws {
    var text = try Self.manyBuildings(7)
    if lineEnd == "mixed" {
      var index = 0
      text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        index += 1
        return line + (index % 3 == 0 ? "\r\n" : index % 5 == 0 ? "\r" : "\n")
      }.joined()
    } else {
      text = text.replacingOccurrences(of: "\n", with: lineEnd)
    }
    let outcome = try await Self.readsAsOneReader(sevenValidBuildings: text)
    // Before, a carriage return stopped the cutting: one reader read all.
    #expect(outcome.segments == 6)
    // And a problem in a later segment at the same place as one reader's.
    let damaged = text.replacingOccurrences(
      of: "<building id=\"d5\"", with: "<building id=\"d5\" wrong=\"1\"")
    let damagedExpected = Self.sequential(damaged, maxErrors: 100)
    #expect(damagedExpected.diagnostics.count == 1)
    let (damagedReading, _) = try await Self.segmented(damaged, maxErrors: 100, segmentSize: 1)
    #expect(damagedReading == damagedExpected)
  }

  @Test("Comments, processing instructions and a '>' in a value between the buildings")
  func markupBetween() async throws {
    var text = try Self.manyBuildings(4)
    text = text.replacingOccurrences(
      of: "  <building id=\"d3\"",
      with: "  <!-- <building id=\"x\"> -->\n  <?note a > b?>\n  <building id=\"d3\"")
    text = text.replacingOccurrences(
      of: #"<building id="d2" name=""#, with: #"<building id="d2" name="a > b "#)
    let expected = Self.sequential(text, maxErrors: 100)
    #expect(expected.diagnostics.isEmpty)
    let (reading, outcome) = try await Self.segmented(text, maxErrors: 100, segmentSize: 1)
    #expect(reading == expected)
    #expect(outcome.segments == 3)
  }

  @Test("A quarter stays whole: the quarter sample in segments")
  func quarter() async throws {
    let text = try String(
      contentsOfFile: repositoryPath("Samples/quarter-bielefeld.xml"), encoding: .utf8)
    let expected = Self.sequential(text, maxErrors: 100)
    let (reading, _) = try await Self.segmented(text, maxErrors: 100, segmentSize: 1)
    #expect(reading == expected)
    #expect(reading.events.first == "quarter q-sieker")
  }

  /// Invalid files: the same problems at the same lines and columns, and the
  /// same buildings handed out, as one reader of the whole file.
  @Test(
    "Problems in later segments, at the same places as one reader finds them",
    arguments: [
      ("a schema error in the fourth building", 100),
      ("a building id that an earlier segment has", 100),
      ("a syntax error in the third building", 100),
      ("errors past the limit", 3),
      ("the file ends in the fifth building", 100),
      ("a DOCTYPE", 100),
      ("text beside the buildings", 100),
      ("Windows line ends", 100),
      ("an encoding other than UTF-8", 100),
      ("an end tag that does not match, in the fourth building", 100),
      ("a lone carriage return in a value, an error after it", 100),
      ("a lone carriage return inside a tag, in the first bytes read, an error after it", 100),
      ("too many attributes in the fifth building", 100),
      ("a quarter id that an earlier segment has", 100),
      ("a byte-order mark and an error in a later segment", 100),
    ])
  func invalid(change: String, maxErrors: Int) async throws {
    let valid = try Self.manyBuildings(6)
    var text = valid
    func replaceIn(building: Int, _ old: String, _ new: String) throws {
      let start = try #require(text.range(of: "<building id=\"d\(building)\""))
      let found = try #require(text.range(of: old, range: start.upperBound..<text.endIndex))
      text.replaceSubrange(found, with: new)
    }
    switch change {
    case "a schema error in the fourth building":
      try replaceIn(building: 4, "clearWidth=\"", "clearWidth=\"wide")
    case "a building id that an earlier segment has":
      text = text.replacingOccurrences(of: #"<building id="d5""#, with: #"<building id="d2""#)
    case "a syntax error in the third building":
      try replaceIn(building: 3, "/>", "/")
    case "errors past the limit":
      for building in 2...6 {
        try replaceIn(building: building, "clearWidth=\"", "clearWidth=\"wide")
      }
    case "the file ends in the fifth building":
      let start = try #require(text.range(of: "<building id=\"d5\""))
      text = String(text[..<text.index(start.upperBound, offsetBy: 2000)])
    case "a DOCTYPE":
      text = text.replacingOccurrences(of: "<portfolio ", with: "<!DOCTYPE portfolio>\n<portfolio ")
    case "text beside the buildings":
      text = text.replacingOccurrences(
        of: "  <building id=\"d4\"", with: "stray\n  <building id=\"d4\"")
    case "Windows line ends":
      text = text.replacingOccurrences(of: "\n", with: "\r\n")
      try replaceIn(building: 5, "clearWidth=\"", "clearWidth=\"wide")
    case "an encoding other than UTF-8":
      text = text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
      try replaceIn(building: 5, "clearWidth=\"", "clearWidth=\"wide")
    case "an end tag that does not match, in the fourth building":
      try replaceIn(building: 4, "</room>", "</rooms>")
    case "a lone carriage return inside a tag, in the first bytes read, an error after it":
      // Found by BF_DAMAGE_SEED=5eed5eed: the cutting went on within the
      // bytes already read, and later lines came one short.
      try replaceIn(building: 1, "clearWidth=", "clearWidth\r=")
      try replaceIn(building: 5, "clearWidth=\"", "clearWidth=\"wide")
    case "a lone carriage return in a value, an error after it":
      try replaceIn(building: 2, "name=\"", "name=\"a\rb ")
      try replaceIn(building: 5, "clearWidth=\"", "clearWidth=\"wide")
    case "too many attributes in the fifth building":
      let many = (1...300).map { " a\($0)=\"1\"" }.joined()
      try replaceIn(building: 5, "<room ", "<room\(many) ")
    case "a quarter id that an earlier segment has":
      for building in [2, 5] {
        let start = try #require(text.range(of: "  <building id=\"d\(building)\""))
        text.insert(contentsOf: "  <quarter id=\"q1\" name=\"Q\">\n", at: start.lowerBound)
        let end = try #require(
          text.range(of: "</building>\n", range: start.upperBound..<text.endIndex))
        text.insert(contentsOf: "  </quarter>\n", at: end.upperBound)
      }
    default:
      text = "\u{FEFF}" + text
      try replaceIn(building: 5, "clearWidth=\"", "clearWidth=\"wide")
    }
    #expect(text != valid)
    let expected = Self.sequential(text, maxErrors: maxErrors)
    #expect(!expected.diagnostics.isEmpty)
    let (reading, _) = try await Self.segmented(text, maxErrors: maxErrors, segmentSize: 1)
    if change.hasPrefix("too many attributes") {
      // Refused before libxml2 sees the tag: one reader scans each 256 KB
      // it reads ahead and hands out none of the buildings in it, so the
      // buildings before a refusal depend on the read-ahead; the problem
      // and its place do not.
      #expect(reading.diagnostics == expected.diagnostics)
    } else {
      #expect(reading == expected)
    }
  }

  /// Reads `bytes` with one reader, in chunks of `chunkSize` bytes.
  private static func sequential(bytes: [UInt8], chunkSize: Int = 256 * 1024) -> Reading {
    let reader = PortfolioReader(
      source: MemorySource(bytes: bytes), fileName: "p.xml",
      options: ReaderOptions(chunkSize: chunkSize))
    var reading = Reading()
    while let event = reader.next() {
      if let line = Reading.summary(event) { reading.events.append(line) }
    }
    reading.diagnostics = reader.diagnostics.map(\.description)
    return reading
  }

  private static func segmented(bytes: [UInt8], chunkSize: Int = 256 * 1024) async throws
    -> Reading
  {
    var reading = Reading()
    let outcome = try await SegmentedReading.read(
      source: MemorySource(bytes: bytes), fileName: "p.xml",
      options: ReaderOptions(chunkSize: chunkSize, segmentSize: 1), jobs: 2,
      process: { reader, emit in
        while let event = reader.next() {
          if let line = Reading.summary(event) { try emit(line) }
        }
      },
      consume: { reading.events.append($0) })
    reading.diagnostics = outcome.diagnostics.map(\.description)
    return reading
  }

  /// A well-formedness error in the fifth of seven buildings, with each
  /// line-end convention: the segments after the first must report it, at
  /// the place one reader reports it. With lone CRs libxml2 2.9 counted no
  /// lines, the cutting did, and the error fell before the segment's lines
  /// and was dropped: "4 buildings, 0 errors".
  @Test(
    "A well-formedness error in a later segment, with LF, CR LF and CR line ends",
    arguments: ["\n", "\r\n", "\r"],
    ["a bad end tag", "a bare &", "a bare <", "a NUL", "bad UTF-8", "truncation"])
  func wellFormednessError(lineEnd: String, error: String) async throws {
    var text = try Self.manyBuildings(7).replacingOccurrences(of: "\n", with: lineEnd)
    let start = try #require(text.range(of: "<building id=\"d5\""))
    let room = try #require(text.range(of: "</room>", range: start.upperBound..<text.endIndex))
    var bytes: [UInt8]
    switch error {
    case "a bad end tag": text.replaceSubrange(room, with: "</rooms>")
    case "a bare &": text.replaceSubrange(room, with: "</room> & ")
    case "a bare <": text.replaceSubrange(room, with: "</room> < ")
    case "truncation": text = String(text[..<room.upperBound])
    default: break
    }
    bytes = Array(text.utf8)
    let offset = text.utf8.distance(from: text.startIndex, to: room.upperBound)
    if error == "a NUL" { bytes.insert(0, at: offset) }
    if error == "bad UTF-8" { bytes.insert(contentsOf: [0xC3, 0x28], at: offset) }
    // A chunk size that puts line ends at chunk boundaries too.
    for chunkSize in [256 * 1024, 97] {
      let expected = Self.sequential(bytes: bytes, chunkSize: chunkSize)
      #expect(expected.events.count == 4)
      #expect(expected.diagnostics.count == 1)
      if lineEnd == "\r" {
        // A lone CR ends a line in XML: the error is on a later line.
        #expect(expected.diagnostics.first?.hasPrefix("p.xml:1:") == false)
      }
      let reading = try await Self.segmented(bytes: bytes, chunkSize: chunkSize)
      #expect(reading == expected, "\(chunkSize)")
    }
  }

  /// Every chunk size from 4 to 64 bytes puts a CR at the end of some
  /// chunk, alone or before its LF: the reader carries it to the next
  /// chunk, and reports what it reports reading the file in one chunk.
  @Test(
    "A CR at the end of a chunk: every small chunk size reads as one chunk",
    arguments: ["\r", "\r\n"])
  func carriageReturnAtChunkEnd(lineEnd: String) throws {
    var text = try Self.manyBuildings(2).replacingOccurrences(of: "\n", with: lineEnd)
    let start = try #require(text.range(of: "<building id=\"d2\""))
    let room = try #require(text.range(of: "</room>", range: start.upperBound..<text.endIndex))
    text.replaceSubrange(room, with: "</rooms>")
    let bytes = Array(text.utf8)
    let whole = Self.sequential(bytes: bytes, chunkSize: bytes.count + 1)
    #expect(whole.diagnostics.count == 1)
    #expect(whole.diagnostics.first?.hasPrefix("p.xml:1:") == false)
    for chunkSize in 4...64 {
      #expect(Self.sequential(bytes: bytes, chunkSize: chunkSize) == whole, "\(chunkSize)")
    }
  }

  /// A source that fails after some bytes, as a truncated gzip file does.
  final class FailingAfter: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
      if offset == bytes.count { throw ByteSourceError(message: "unexpected end of gzip data") }
      let count = min(buffer.count, bytes.count - offset, 4096)
      bytes.withUnsafeBytes {
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count]))
      }
      offset += count
      return count
    }
  }

  @Test("A read error part way: the buildings before it, then the error, as one reader")
  func readError() async throws {
    let text = try Self.manyBuildings(6)
    let start = try #require(text.range(of: "<building id=\"d5\""))
    let bytes = Array(text[..<start.upperBound].utf8)
    let reader = PortfolioReader(source: FailingAfter(bytes), fileName: "p.xml", options: .init())
    var expected = Reading()
    while let event = reader.next() {
      if let line = Reading.summary(event) { expected.events.append(line) }
    }
    expected.diagnostics = reader.diagnostics.map(\.description)
    #expect(expected.events.count == 4)
    #expect(expected.diagnostics.contains { $0.contains("unexpected end of gzip data") })
    var reading = Reading()
    let outcome = try await SegmentedReading.read(
      source: FailingAfter(bytes), fileName: "p.xml", options: ReaderOptions(segmentSize: 1),
      jobs: 2,
      process: { reader, emit in
        while let event = reader.next() {
          if let line = Reading.summary(event) { try emit(line) }
        }
      },
      consume: { reading.events.append($0) })
    reading.diagnostics = outcome.diagnostics.map(\.description)
    #expect(reading == expected)
  }
}

/// Damaged documents, made at random but the same every run: read in
/// segments of one building each, they must give what one reader gives.
@Suite("Reading damaged files in segments")
struct SegmentedReadingFuzzTests {
  /// xorshift64*: a small generator with a seed, so that a failure repeats.
  struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state ^= state >> 12
      state ^= state << 25
      state ^= state >> 27
      return state &* 2_685_821_657_736_338_717
    }
  }

  static func building(_ number: Int) -> String {
    """
      <building id="b\(number)" name="Haus \(number)">
        <place id="b\(number)-way" kind="publicWay" name="Weg" level="0"/>
        <place id="b\(number)-front" kind="entrance" name="Eingang" level="0">
          <movementArea width="1500" depth="1500"/>
        </place>
        <path id="b\(number)-p" from="b\(number)-way" to="b\(number)-front" width="1200" length="5000" slope="2" crossSlope="1"/>
      </building>

    """
  }

  static let valid =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<portfolio xmlns=\"urn:barrierfree:portfolio:1\">\n"
    + (1...8).map(building).joined() + "</portfolio>\n"

  static let pieces = [
    "<", ">", "\"", "'", "<!--", "-->", "<![CDATA[", "]]>", "\r", "&amp;", "</building>",
    "<building id=\"x\">", "\n", " ", "é", "<?pi?>", "/>", "<!DOCTYPE p>", "=", "\u{FEFF}",
  ]

  @Test("200 damaged files: the same events and problems as one reader")
  func damaged() async throws {
    // BF_DAMAGE_SEED runs another 200 (a seed in hex); the default keeps CI repeatable.
    let seed = ProcessInfo.processInfo.environment["BF_DAMAGE_SEED"].flatMap {
      UInt64($0, radix: 16)
    }
    var random = Seeded(state: seed ?? 0x9E37_79B9_7F4A_7C15)
    var differences: [String] = []
    for round in 0..<200 {
      var bytes = Array(Self.valid.utf8)
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
          bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...20, using: &random)))
        case 1:
          let piece = Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &random)]
          bytes.insert(contentsOf: Array(piece.utf8), at: at)
        default:
          let end = min(bytes.count, at + Int.random(in: 1...400, using: &random))
          bytes.insert(contentsOf: bytes[at..<end], at: end)
        }
      }
      let text = String(decoding: bytes, as: UTF8.self)
      let reader = PortfolioReader(bytes: bytes, fileName: "p.xml", options: ReaderOptions())
      var expected: [String] = []
      while let event = reader.next() {
        if case .building(let building, let quarter) = event {
          expected.append("\(building.id) \(quarter ?? "-") \(building.connectors.count)")
        }
      }
      expected += reader.diagnostics.map(\.description)
      var found: [String] = []
      let outcome = try await SegmentedReading.read(
        source: MemorySource(bytes: bytes), fileName: "p.xml",
        options: ReaderOptions(segmentSize: 1), jobs: 2,
        process: { reader, emit in
          while let event = reader.next() {
            if case .building(let building, let quarter) = event {
              try emit("\(building.id) \(quarter ?? "-") \(building.connectors.count)")
            }
          }
        },
        consume: { found.append($0) })
      found += outcome.diagnostics.map(\.description)
      if found != expected {
        differences.append(
          "round \(round):\n\(text)\none reader:\n\(expected)\nsegments:\n\(found)")
      }
    }
    #expect(differences.isEmpty, "\(differences.first ?? "")")
  }
}
