import BarrierFreeGenerator
import BarrierFreeModel
import BarrierFreeXML
import BarrierFreeXMLSupport
import Foundation
import Testing

/// The examples in README.md are real: the XML example is valid and the
/// library example runs.
@Suite("README examples")
struct DocumentationTests {
  private func readme() throws -> String {
    try String(contentsOfFile: repositoryPath("README.md"), encoding: .utf8)
  }

  @Test("The data-format example in README.md is valid and means what it says")
  func xmlExample() throws {
    // The first XML block that is a portfolio (the household file's comes
    // before it).
    let blocks = try readme().split(separator: "```xml\n").dropFirst().map {
      String($0.prefix { $0 != "`" })
    }
    let example = try #require(blocks.first { $0.contains("<portfolio") })
    let (reader, buildings) = readAll(example, name: "README.md")
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
    let flat = try #require(buildings.first?.flats.first)
    #expect(flat.entranceDoor?.clearWidth == .mm(900))
    #expect(flat.doors.last?.clearWidth == .mm(780))
    #expect(flat.area == .m2(54.2))
  }

  @Test("The library example in README.md runs on the quarter sample")
  func libraryExample() throws {
    // The README's loop, with the prints collected.
    var lines: [String] = []
    let reader = try PortfolioReader(path: repositoryPath("Samples/quarter-bielefeld.xml"))
    while let event = reader.next() {
      guard case .building(let building, _) = event else { continue }
      for flat in building.flats {
        let width = flat.entranceDoor?.clearWidth
        lines.append(
          "\(building.id) \(flat.id) \(width.map { "\($0)" } ?? "entrance door width unknown")")
      }
    }
    #expect(!reader.hasErrors)
    #expect(lines.count == 44)
    #expect(lines.first == "b1 b1-f01 950 mm")
  }
}
