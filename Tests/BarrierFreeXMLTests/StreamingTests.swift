import BarrierFreeGenerator
import BarrierFreeModel
import BarrierFreeXML
import BarrierFreeXMLSupport
import Foundation
import Testing

/// Memory does not grow with the file: the reader holds at most the buildings
/// of one chunk, however many buildings the file has.
@Suite("Streaming")
struct StreamingTests {
  private func generate(buildings: Int, to path: String) throws {
    var generator = try PortfolioGenerator(options: .init(buildings: buildings, seed: 42))
    guard let output = OutputStream(toFileAtPath: path, append: false) else {
      throw CocoaError(.fileWriteUnknown)
    }
    output.open()
    defer { output.close() }
    try generator.write { text in
      let bytes = Array(text.utf8)
      guard output.write(bytes, maxLength: bytes.count) == bytes.count else {
        throw CocoaError(.fileWriteUnknown)
      }
    }
  }

  @Test("Buffered buildings stay bounded whether the file has 50 or 400 buildings")
  func boundedBuffering() throws {
    let scratch = try ScratchDirectory()
    var maxima: [Int] = []
    for count in [50, 400] {
      let path = scratch.url.appendingPathComponent("p\(count).xml").path
      try generate(buildings: count, to: path)
      let reader = try PortfolioReader(path: path, options: ReaderOptions(chunkSize: 64 * 1024))
      var flats = 0
      while let event = reader.next() {
        if case .building(let building, _) = event { flats += building.flats.count }
      }
      #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics.prefix(3))")
      #expect(reader.statistics.buildings == count)
      #expect(reader.statistics.flats == flats)
      maxima.append(reader.statistics.maxBufferedBuildings)
    }
    // A generated building is at least 4 KB, so a 64 KiB chunk holds at most
    // 16 of them; the bound must not move with the file's size.
    #expect(maxima.allSatisfy { $0 >= 1 && $0 <= 16 }, "\(maxima)")
  }

  @Test(
    "Generated portfolios are valid at every share of missing data",
    arguments: [0.0, 0.3, 1.0])
  func generatedIsValid(incomplete: Double) throws {
    var generator = try PortfolioGenerator(
      options: .init(buildings: 20, seed: 3, incomplete: incomplete))
    var text = ""
    try generator.write { text += $0 }
    let (reader, buildings) = readAll(text)
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics.prefix(3))")
    #expect(buildings.count == 20)
    // With everything left out, no door has a width; with nothing left out,
    // the doors have theirs as in the quarter sample, where 25 of 317 doors
    // were not measured.
    let doors = buildings.flatMap { $0.flats.flatMap(\.doors) }
    let measured = doors.filter { $0.clearWidth != nil }.count
    let share = Double(measured) / Double(max(1, doors.count))
    if incomplete == 0 { #expect(share > 0.85, "\(measured) of \(doors.count)") }
    if incomplete == 0.3 { #expect(share > 0.55 && share < 0.75, "\(measured) of \(doors.count)") }
    if incomplete == 1 { #expect(measured == 0) }
    // Movement areas at doors keep their side: the reader needs it.
    #expect(
      buildings.allSatisfy { building in
        building.flats.allSatisfy { flat in
          flat.doors.allSatisfy { door in door.movementAreas.allSatisfy { $0.side != nil } }
        }
      })
  }

  @Test("The generator is deterministic and seeds differ")
  func deterministic() throws {
    func text(seed: UInt64) throws -> String {
      var generator = try PortfolioGenerator(options: .init(buildings: 5, seed: seed))
      var text = ""
      try generator.write { text += $0 }
      return text
    }
    #expect(try text(seed: 1) == text(seed: 1))
    #expect(try text(seed: 1) != text(seed: 2))
  }

  @Test(
    "Another share of gaps: the same buildings and values, every gap of a smaller share and more")
  func nestedGaps() throws {
    /// Each line's attributes, as `key="value"`.
    func lines(_ incomplete: Double) throws -> [Set<String>] {
      var generator = try PortfolioGenerator(
        options: .init(buildings: 20, seed: 3, incomplete: incomplete))
      var text = ""
      try generator.write { text += $0 }
      return text.split(separator: "\n").map { line in
        Set(line.matches(of: /\ [A-Za-z]+="[^"]*"/).map { String($0.output) })
      }
    }
    let complete = try lines(0)
    let some = try lines(0.1)
    let many = try lines(0.4)
    // The same elements, line by line: before, the gaps drew from the
    // stream that chose the buildings, and seed 3 gave 225, 242 and 210
    // flats for shares of 0, 0.02 and 0.3.
    #expect(complete.count == some.count && some.count == many.count)
    var notNested: [Int] = []
    for index in complete.indices
    where !(many[index].isSubset(of: some[index]) && some[index].isSubset(of: complete[index])) {
      notNested.append(index + 1)
    }
    #expect(notNested == [], "lines whose values are not a subset of a smaller share's")
    let count = { (lines: [Set<String>]) in lines.reduce(0) { $0 + $1.count } }
    #expect(count(many) < count(some) && count(some) < count(complete))
  }

  @Test("A generated building's name carries its own house number")
  func houseNumberInName() throws {
    var generator = try PortfolioGenerator(options: .init(buildings: 16, seed: 3))
    var text = ""
    try generator.write { text += $0 }
    let names = text.matches(of: /<building id="[^"]*" name="([^"]*)"/).map { String($0.output.1) }
    let addresses = text.matches(of: /street="([^"]*)" houseNumber="([^"]*)"/).map {
      "\($0.output.1) \($0.output.2)"
    }
    #expect(names.count == 16)
    #expect(addresses.count == 16)
    // Before, "Meierfeld 10" stood beside houseNumber="7".
    let unmatched = zip(names, addresses).filter { !$0.0.hasPrefix($0.1) }
    #expect(unmatched.isEmpty, "\(unmatched)")
  }
}

@Suite("Chunk boundaries")
struct ChunkBoundaryTests {
  /// Everything the reader says, as text, for comparison.
  private func transcript(_ path: String, chunkSize: Int) throws -> [String] {
    let reader = try PortfolioReader(path: path, options: ReaderOptions(chunkSize: chunkSize))
    var lines: [String] = []
    while let event = reader.next() { lines.append("\(event)") }
    return lines + reader.diagnostics.map(\.description)
  }

  @Test(
    "The model and every diagnostic are the same whatever the chunk size",
    arguments: [
      "Samples/quarter-bielefeld.xml", "Samples/invalid/schema-violation.xml",
      "Samples/invalid/dangling-reference.xml", "Samples/invalid/malformed.xml",
      "Samples/invalid/decimal-comma.xml",
    ])
  func sameForEveryChunkSize(sample: String) throws {
    let path = repositoryPath(sample)
    let reference = try transcript(path, chunkSize: 1 << 20)
    #expect(!reference.isEmpty)
    for chunkSize in [4, 5, 7, 13, 64, 333, 4096] {
      #expect(try transcript(path, chunkSize: chunkSize) == reference, "chunk size \(chunkSize)")
    }
  }
}
