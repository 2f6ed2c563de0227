import BarrierFreeGenerator
import BarrierFreeModel
import BarrierFreeTestSupport
import BarrierFreeXML
import BarrierFreeXMLSupport
import Foundation
import Testing

/// A model built in code is checked as a file is: by `validate()`, and by the
/// writer, which refuses an invalid one.
@Suite("Validating models built in code, against the reader")
struct ModelValidationTests {
  @Test("The writer refuses the newcomer's model, naming each element and its problem")
  func writerRefuses() {
    let portfolio = Portfolio(members: [.building(Newcomer.building)])
    #expect(throws: WriteError.self) { try PortfolioWriter.document(portfolio) }
    do {
      _ = try PortfolioWriter.document(portfolio)
    } catch {
      #expect(error.message == Newcomer.problems.joined(separator: "\n"))
      #expect(error.problems.count == 3)
    }
    do {
      _ = try PortfolioWriter.building(Newcomer.building, inQuarter: false)
      Issue.record("the building was written")
    } catch {
      #expect(error.message == Newcomer.problems.joined(separator: "\n"))
    }
  }

  @Test("The streaming writer refuses a quarter whose own part is invalid")
  func writerRefusesQuarter() {
    let quarter = Quarter(
      id: "q1", places: [Place(id: "bus", kind: .publicWay)],
      facilities: [
        Facility(id: "cafe", kind: .cafe, location: PlaceReference(place: "tram")),
        // Its building follows later: not checked here.
        Facility(id: "care", kind: .careBase, location: PlaceReference(building: "b1", place: "e")),
      ])
    do {
      _ = try PortfolioWriter.quarterStart(quarter)
      Issue.record("the quarter was written")
    } catch {
      #expect(
        error.message
          == "quarter 'q1' › facility 'cafe' (attribute place): error: facility 'cafe': 'tram' is not a place of this quarter; name a quarter place, or add fromBuilding/toBuilding for a place of a building"
      )
    }
  }

  /// A valid portfolio built in code: a quarter with a shared place, a
  /// facility and an outdoor path, and a building with a lift and a flat.
  static let valid: Portfolio = {
    let building = Building(
      id: "b1", name: "Elpke 61", yearBuilt: 2019, storeys: 2,
      places: [
        Place(id: "b1-entrance", kind: .entrance, storey: 0),
        Place(id: "b1-l0", kind: .landing, storey: 0),
        Place(id: "b1-l1", kind: .landing, storey: 1, width: .mm(1500)),
      ],
      connectors: [
        .door(
          Door(
            id: "b1-d-main", from: "b1-entrance", to: "b1-l0", clearWidth: .mm(1000),
            threshold: .mm(0), movementAreas: [MovementArea(width: .mm(1500), side: .from)])),
        .lift(
          Lift(
            id: "b1-lift", cabinWidth: .mm(1100), cabinDepth: .mm(1400),
            stops: [LiftStop(place: "b1-l0"), LiftStop(place: "b1-l1")])),
      ],
      flats: [
        Flat(
          id: "b1-f1", storey: 1, area: .m2(54.5), entrance: "b1-l1",
          rooms: [
            Room(id: "b1-f1-hall", kind: .hallway, width: .mm(1200)),
            Room(
              id: "b1-f1-bath", kind: .bathroom, area: .m2(5.2),
              fixtures: [.wc(WC(common: FixtureCommon(id: "b1-f1-wc"), seatHeight: .mm(480)))]),
          ],
          connectors: [
            .door(Door(id: "b1-f1-entry", from: "b1-l1", to: "b1-f1-hall", clearWidth: .mm(900))),
            .door(Door(from: "b1-f1-hall", to: "b1-f1-bath", clearWidth: .mm(800))),
          ])
      ])
    let quarter = Quarter(
      id: "q1", places: [Place(id: "bus", kind: .publicWay)],
      facilities: [
        Facility(
          id: "cafe", kind: .cafe, location: PlaceReference(building: "b1", place: "b1-l0"))
      ],
      outdoorPaths: [
        OutdoorPath(
          from: PlaceReference(place: "bus"),
          to: PlaceReference(building: "b1", place: "b1-entrance"),
          geometry: PathGeometry(width: .mm(1800), length: .m(120), slope: .percent(2)))
      ],
      buildings: [building])
    return Portfolio(name: "Built in code", members: [.quarter(quarter)])
  }()

  @Test("A valid model built in code passes, and round-trips through the writer and the reader")
  func validRoundTrip() throws {
    #expect(Self.valid.validate().isEmpty)
    let text = try PortfolioWriter.document(Self.valid)
    let reader = PortfolioReader(text: text, fileName: "built.xml")
    #expect(try reader.readAll() == Self.valid)
    #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
  }

  // MARK: - The reader and the validation agree

  /// Every event of a reader as one portfolio, errors or not.
  private static func readEverything(_ reader: PortfolioReader) -> Portfolio {
    var portfolio = Portfolio()
    var quarter: Quarter?
    while let event = reader.next() {
      switch event {
      case .portfolio(let name): portfolio.name = name
      case .quarter(let header): quarter = header
      case .building(let building, let quarterID):
        if quarterID != nil, quarter != nil {
          quarter?.buildings.append(building)
        } else {
          portfolio.members.append(.building(building))
        }
      case .endQuarter:
        if let quarter { portfolio.members.append(.quarter(quarter)) }
        quarter = nil
      }
    }
    return portfolio
  }

  /// Where the first of two duplicates is: a line for the reader, a path or
  /// a number for the validation. Taken out before the two are compared.
  private static func withoutPosition(_ message: String) -> String {
    let position =
      /on line \d+|at (?:quarter|building) '[^']*'(?: › [A-Za-z]+ '[^']*')*|(?:building|quarter|place|facility) \d+ of the (?:portfolio|quarter)/
    return message.replacing(position, with: "⟨position⟩")
  }

  /// The reader's problems of meaning and the validation's, each as
  /// `severity: message`, sorted; nil when the reader found a problem of
  /// another kind (the file is not about meaning).
  private static func bothSides(_ reader: PortfolioReader) -> (
    reader: [String], model: [String]
  )? {
    let portfolio = readEverything(reader)
    guard reader.diagnostics.allSatisfy({ $0.kind == .meaning }) else { return nil }
    let fromReader = reader.diagnostics.map {
      "\($0.severity.rawValue): \(withoutPosition($0.message))"
    }
    let fromModel = portfolio.validate().map {
      "\($0.severity.rawValue): \(withoutPosition($0.message))"
    }
    return (fromReader.sorted(), fromModel.sorted())
  }

  @Test("The reader and the validation find the same problems in the invalid samples of meaning")
  func invalidSamples() throws {
    let directory = repositoryPath("Samples/invalid")
    var compared: [String] = []
    for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    where file.hasSuffix(".xml") {
      let reader = try PortfolioReader(path: "\(directory)/\(file)")
      guard let sides = Self.bothSides(reader) else { continue }
      #expect(!sides.reader.isEmpty, "\(file)")
      #expect(sides.model == sides.reader, "\(file)")
      compared.append(file)
    }
    #expect(
      compared == ["dangling-reference.xml", "duplicate-ids.xml", "implausible-values.xml"])
  }

  @Test("The reader and the validation agree on the samples and on a generated portfolio")
  func validFiles() throws {
    for sample in ["Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml"] {
      let sides = try #require(Self.bothSides(try PortfolioReader(path: repositoryPath(sample))))
      #expect(sides.model == sides.reader, "\(sample)")
    }
    var generator = try PortfolioGenerator(
      options: .init(buildings: 60, seed: 3, incomplete: 0.3, quarters: 0.3))
    var text = ""
    try generator.write { text += $0 }
    let sides = try #require(
      Self.bothSides(PortfolioReader(text: text, fileName: "generated.xml")))
    #expect(sides.model == sides.reader)
  }

  @Test("The reader and the validation agree on every kind of problem of meaning")
  func everyKindOfProblem() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1">
        <quarter id="q1">
          <place id="bus" kind="publicWay"/>
          <place id="bus" kind="publicWay" width="200000"/>
          <facility id="cafe" kind="cafe" building="b1" place="b1-lobi"/>
          <facility id="cafe" kind="cafe" building="b9" place="x"/>
          <outdoorPath from="tram" to="b1-entrance" toBuilding="b1" slope="150"/>
          <building id="b1">
            <place id="b1-entrance" kind="entrance"/>
            <place id="b1-lobby" kind="lobby" length="2000000"/>
            <place id="b1-lobby" kind="landing"/>
            <door id="b1-d" from="b1-entrance" to="b1-lobby" clearWidth="9000">
              <movementArea width="1500"/>
            </door>
            <steps from="b1-lobby" to="b1-lobby" riserHeight="5"/>
            <lift id="b1-lift" cabinWidth="100">
              <stop place="b1-f1-hall"/>
              <stop place="b1-f1-hall"/>
            </lift>
            <ramp id="b1-r" from="b1-entrance" to="b1-f1" slope="300"/>
            <flat id="b1-f1" entrance="b1-f1-hall" area="3">
              <room id="b1-f1-hall" kind="hallway" area="0.1">
                <movementArea width="200000"/>
                <wc seatHeight="100"/>
              </room>
              <door from="b1-lobby" to="b1-entrance"/>
              <door id="b1-f1-d" from="b1-f1-hall" to="b1-f1-bahh"/>
            </flat>
            <flat id="b1-f2" entrance="b1-lobby"/>
          </building>
          <building id="b2"/>
        </quarter>
        <building id="b2"/>
        <quarter id="q1"/>
      </portfolio>
      """
    let sides = try #require(Self.bothSides(PortfolioReader(text: text, fileName: "all.xml")))
    #expect(sides.reader.count >= 25)
    #expect(sides.model == sides.reader)
  }
}
