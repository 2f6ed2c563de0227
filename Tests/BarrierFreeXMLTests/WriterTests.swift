import BarrierFreeGenerator
import BarrierFreeModel
import BarrierFreeXML
import BarrierFreeXMLSupport
import Testing

@Suite("Writing the format")
struct WriterTests {
  private func roundTrip(_ portfolio: Portfolio) throws -> Portfolio {
    let text = try PortfolioWriter.document(portfolio)
    let reader = PortfolioReader(text: text, fileName: "written.xml")
    let result = try reader.readAll()
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
    return result
  }

  @Test("Markup characters, quotes, tabs and line breaks in names survive a round trip")
  func escaping() throws {
    let name = "Kai & Söhne <GmbH> \"Nord\"\tHaus 'A'\nZeile 2\r\n"
    let portfolio = Portfolio(
      name: name, members: [.building(Building(id: "b1", name: name))])
    let back = try roundTrip(portfolio)
    #expect(back.name == name)
    #expect(back.allBuildings.first?.name == name)
  }

  @Test("A control character cannot be written and says where it is")
  func controlCharacter() {
    let portfolio = Portfolio(members: [.building(Building(id: "b1", name: "a\u{1}b"))])
    #expect(throws: WriteError.self) { try PortfolioWriter.document(portfolio) }
    do {
      _ = try PortfolioWriter.document(portfolio)
    } catch {
      #expect(error.message == "<building> name: the character U+1 cannot be written in XML 1.0")
    }
  }

  @Test(
    "Numbers are written in their shortest exact form and read back equal",
    arguments: [900, 902.5, 0.1 + 0.2, 1e-7, 123_456.789_012_345, 0])
  func numbers(millimetres: Double) throws {
    // A path's length may be anything from 0 to 10 km: no plausibility
    // limit gets in the way of the number itself.
    let path = Path(
      from: "a", to: "b", geometry: PathGeometry(length: Length(millimetres: millimetres)))
    let building = Building(
      id: "b1", places: [Place(id: "a", kind: .outdoor), Place(id: "b", kind: .entrance)],
      connectors: [.path(path)])
    let back = try roundTrip(Portfolio(members: [.building(building)]))
    guard case .path(let read) = back.allBuildings.first?.connectors.first else {
      Issue.record("no path")
      return
    }
    #expect(read.geometry.length?.millimetres == millimetres)
  }

  @Test("The year is written with four digits")
  func year() throws {
    let building = Building(id: "b1", yearBuilt: 812)
    let text = try PortfolioWriter.building(building, inQuarter: false)
    #expect(text.contains(#"yearBuilt="0812""#))
    #expect(
      try roundTrip(Portfolio(members: [.building(building)])).allBuildings.first?.yearBuilt == 812)
  }

  @Test("Streaming pieces make the same document as the whole")
  func streamingPieces() throws {
    let quarter = Quarter(
      id: "q", name: "Sieker", places: [Place(id: "street", kind: .publicWay)],
      facilities: [
        Facility(
          id: "cafe", kind: .cafe, location: PlaceReference(building: "b1", place: "e"),
          open24h: false)
      ],
      buildings: [Building(id: "b1", places: [Place(id: "e", kind: .entrance)])])
    let portfolio = Portfolio(
      name: "P", members: [.quarter(quarter), .building(Building(id: "b2"))])
    let pieces =
      try PortfolioWriter.header(name: "P") + PortfolioWriter.quarterStart(quarter.header)
      + PortfolioWriter.building(quarter.buildings[0], inQuarter: true)
      + PortfolioWriter.quarterEnd()
      + PortfolioWriter.building(Building(id: "b2"), inQuarter: false) + PortfolioWriter.footer()
    #expect(try PortfolioWriter.document(portfolio) == pieces)
    #expect(try roundTrip(portfolio) == portfolio)
  }
}

@Suite("Round trip of generated models")
struct GeneratedRoundTripTests {
  @Test(
    "Generated buildings read back equal to the models that were written", arguments: [1, 2, 3])
  func generatedRoundTrip(seed: UInt64) throws {
    var generator = try PortfolioGenerator(
      options: .init(buildings: 30, seed: seed, incomplete: 0.3))
    let buildings = try (0..<30).map { try generator.makeBuilding($0) }
    let portfolio = Portfolio(name: "seed \(seed)", members: buildings.map { .building($0) })
    let text = try PortfolioWriter.document(portfolio)
    let reader = PortfolioReader(text: text, fileName: "generated.xml")
    let back = try reader.readAll()
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics.prefix(3))")
    #expect(back == portfolio)
  }
}

@Suite("The writer refuses what the schema refuses")
struct WriterConstraintTests {
  private func writeError(_ building: Building) -> String? {
    do {
      _ = try PortfolioWriter.building(building, inQuarter: false)
      return nil
    } catch {
      return error.message
    }
  }

  private func withLength(_ millimetres: Double) -> Building {
    Building(id: "b1", places: [Place(id: "p", kind: .corridor, width: .mm(millimetres))])
  }

  @Test(
    "Lengths that cannot be written",
    arguments: [
      (-5.0, "not a finite number"), (Double.nan, "not a finite number"),
      (Double.infinity, "not a finite number"), (1e300, "more than 24 digits"),
      (Double.leastNonzeroMagnitude, "more than 24 digits"),
    ])
  func badLengths(millimetres: Double, problem: String) {
    let message = writeError(withLength(millimetres))
    #expect(message?.hasPrefix("<place> width") == true, "\(message ?? "no error")")
    #expect(message?.contains(problem) == true, "\(message ?? "no error")")
  }

  @Test("Values outside the schema's ranges cannot be written")
  func outOfRange() {
    #expect(writeError(Building(id: "b1", storeys: 0))?.contains("storeys must be 1") == true)
    #expect(writeError(Building(id: "b1", yearBuilt: 0))?.contains("no year 0") == true)
    #expect(
      writeError(Building(id: "b1", places: [Place(id: "p", kind: .landing, storey: 500)]))?
        .contains("from -10 to 200") == true)
    #expect(
      writeError(Building(id: "b1", name: String(repeating: "x", count: 201)))?
        .contains("longer than 200") == true)
    #expect(writeError(Building(id: "a b"))?.contains("not an identifier") == true)
    #expect(
      writeError(Building(id: String(repeating: "x", count: 65)))?.contains("longer than 64")
        == true)
  }

  @Test("Values at the edges of the ranges are written and read back")
  func edges() throws {
    let building = Building(
      id: "b1", name: String(repeating: "ä", count: 200), yearBuilt: 1, storeys: 1,
      address: Address(country: " DE "),
      places: [
        Place(id: "p", kind: .landing, storey: -10),
        Place(id: String(repeating: "x", count: 64), kind: .landing, storey: 200),
      ])
    let text = try PortfolioWriter.document(Portfolio(members: [.building(building)]))
    let reader = PortfolioReader(text: text, fileName: "edges.xml")
    #expect(try reader.readAll().allBuildings.first == building)
  }
}

@Suite("Estimated clear widths in the format")
struct EstimatedClearWidthFormatTests {
  @Test("clearWidthEstimated is read, written only when true, and read back")
  func roundTrip() throws {
    let (reader, buildings) = readAll(
      document(
        building: """
              <place id="a" kind="landing"/>
              <place id="b" kind="lobby"/>
              <door id="d1" from="a" to="b" clearWidth="745" clearWidthEstimated="true"/>
              <door id="d2" from="a" to="b" clearWidth="900"/>
          """))
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
    let building = try #require(buildings.first)
    let doors = building.connectors.compactMap { connector -> Door? in
      if case .door(let door) = connector { return door }
      return nil
    }
    #expect(doors.map(\.clearWidthEstimated) == [true, false])
    let text = try PortfolioWriter.building(building, inQuarter: false)
    #expect(text.contains(#"clearWidth="745" clearWidthEstimated="true""#))
    #expect(!text.contains(#"clearWidth="900" clearWidthEstimated"#))
  }
}
