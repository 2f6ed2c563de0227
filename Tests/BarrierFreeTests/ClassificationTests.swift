import BarrierFree
import Foundation
import Testing

/// Every building of a bundled sample.
func sampleBuildings(_ name: String) throws -> [Building] {
  let path = repositoryRoot.appendingPathComponent("Samples/\(name)").path
  return try PortfolioReader.readPortfolio(path: path).allBuildings
}

/// The flat `id` of a bundled sample, with its building.
func sampleFlat(_ id: String, in name: String = "quarter-bielefeld.xml") throws -> Flat {
  let flats = try sampleBuildings(name).flatMap(\.flats)
  return try #require(flats.first { $0.id == id })
}

/// The German ladder: barrier-free below wheelchair.
func german() throws -> Assessor {
  try Assessor(profile: "din18040-2-r")
}

@Suite("Classification")
struct ClassificationTests {
  @Test("The quarter sample: four wheelchair flats, sixteen barrier-free, one barrier-reduced")
  func quarterCounts() throws {
    var summary = AssessmentSummary()
    for building in try sampleBuildings("quarter-bielefeld.xml") {
      summary.add(try german().assess(building))
    }
    #expect(summary.buildings == 8)
    #expect(summary.flats == 44)
    // b1-f13's shower is too small for DIN 18040-2 but not for KfW.
    #expect(
      summary.byClass == ["wheelchair": 4, "barrierFree": 16, "barrierReduced": 1, "none": 23])
    #expect(summary.unverifiedByClass == ["wheelchair": 1, "barrierFree": 3])
    // All four outcomes occur.
    for status in FindingStatus.allCases {
      #expect(summary.findings[status, default: 0] > 0, "\(status)")
    }
  }

  @Test(
    "A near miss names exactly what to fix",
    arguments: [
      ("b1-f13", "barrierFree", ["shower.size"]),
      ("b1-f21", "wheelchair", ["door.clear-width"]),
      ("b1-f31", "wheelchair", ["wc.transfer-area"]),
      ("b8-f12", "barrierReduced", ["hallway.width"]),
    ])
  func nearMisses(flat id: String, next: String, rules: [String]) throws {
    let assessment = try german().assess(try sampleFlat(id))
    #expect(assessment.classification.nextClass == next)
    #expect(assessment.blockers.map(\.rule) == rules)
    #expect(assessment.blockers.allSatisfy { $0.evaluation.remedy != nil })
  }

  @Test("The bathroom door of flat 2.01 is 850 mm: measured and required in mm, with the clause")
  func measuredAndRequired() throws {
    let blocker = try #require(try german().assess(try sampleFlat("b1-f21")).blockers.first)
    #expect(blocker.evaluation.measured == Quantity(850, .millimetre))
    #expect(blocker.evaluation.required == Requirement(minimum: 900, unit: .millimetre))
    #expect(blocker.citation.description == "DIN 18040-2:2011-09, 4.3.3.2, 5.3.1")
    #expect(blocker.path.description == "flat b1-f21 › door b1-f21-d-bath")
    #expect(blocker.evaluation.remedy == "widen the door to a clear width of at least 900 mm")
  }

  @Test("A wheelchair flat with one measurement removed is possibly wheelchair, unverified")
  func oneMissingMeasurement() throws {
    let complete = try sampleFlat("b1-f01")
    #expect(try german().assess(complete).classification.description == "wheelchair")
    var variants: [(String, Flat)] = []
    for (index, connector) in complete.connectors.enumerated() {
      guard case .door(var door) = connector else { continue }
      door.clearWidth = nil
      var flat = complete
      flat.connectors[index] = .door(door)
      variants.append(("clear width of door \(door.id ?? "?")", flat))
    }
    for (index, room) in complete.rooms.enumerated() where !room.movementAreas.isEmpty {
      var flat = complete
      flat.rooms[index].movementAreas = []
      variants.append(("movement area of \(room.id)", flat))
    }
    for (roomIndex, room) in complete.rooms.enumerated() {
      for (index, fixture) in room.fixtures.enumerated() {
        guard case .wc(var wc) = fixture else { continue }
        wc.seatHeight = nil
        var flat = complete
        flat.rooms[roomIndex].fixtures[index] = .wc(wc)
        variants.append(("WC seat height in \(room.id)", flat))
      }
    }
    #expect(variants.count >= 10)
    for (removed, flat) in variants {
      let classification = try german().assess(flat).classification
      #expect(!classification.verified, "\(removed)")
      #expect(
        classification.description.hasPrefix("possibly "), "\(removed): \(classification)")
    }
  }

  @Test("A barrier-free flat missing a base-level measurement is not verified at any level")
  func unknownAtTheBase() throws {
    var flat = try sampleFlat("b1-f22")
    #expect(try german().assess(flat).classification.description == "barrierFree")
    let hall = try #require(flat.rooms.firstIndex { $0.kind == .hallway })
    flat.rooms[hall].width = nil
    let classification = try german().assess(flat).classification
    #expect(classification.class == "barrierFree")
    #expect(!classification.verified)
    #expect(classification.verifiedClass == Ladder.none)
    #expect(classification.description == "possibly barrierFree, unverified")
    #expect(try german().assess(flat).openQuestions.map(\.rule) == ["hallway.width"])
  }

  @Test("A fail at the base level makes a flat none, whatever passes above")
  func failAtTheBase() throws {
    var flat = try sampleFlat("b1-f01")
    let bath = try #require(flat.rooms.firstIndex { $0.kind == .bathroom })
    flat.rooms[bath].fixtures = flat.rooms[bath].fixtures.map { fixture in
      guard case .shower(var shower) = fixture else { return fixture }
      shower.step = .mm(21)
      return .shower(shower)
    }
    let assessment = try german().assess(flat)
    #expect(assessment.classification.class == Ladder.none)
    #expect(assessment.classification.nextClass == "barrierReduced")
    #expect(assessment.blockers.map(\.rule) == ["shower.step"])
  }

  @Test("A flat whose doors and fixtures were never recorded is not verified at any level")
  func nothingRecorded() throws {
    let big = [MovementArea(width: .mm(2000), depth: .mm(2000))]
    let rooms = [RoomKind.hallway, .living, .bedroom, .kitchen, .bathroom].map { kind in
      Room(id: kind.rawValue, kind: kind, width: .mm(2000), movementAreas: big)
    }
    let flat = Flat(id: "W1", entrance: "landing", rooms: rooms)
    let assessment = try german().assess(flat)
    #expect(assessment.classification.class == "wheelchair")
    #expect(!assessment.classification.verified)
    #expect(assessment.classification.verifiedClass == Ladder.none)
    let questions = Set(assessment.openQuestions.map(\.rule))
    for rule in [
      "flat.entrance-door", "room.fixtures-recorded",
      "flat.shower", "bed.clearance", "window.sill-height",
      "flat.wheelchair-space",
    ] {
      #expect(questions.contains(rule), "\(rule)")
    }
  }

  @Test("Steps between two rooms make a wheelchair flat none, unless a platform lift serves them")
  func stepsInside() throws {
    var flat = try sampleFlat("b1-f01")
    let hall = try #require(flat.rooms.first { $0.kind == .hallway })
    let living = try #require(flat.rooms.first { $0.kind == .living })
    flat.connectors.append(.steps(Steps(from: hall.id, to: living.id, count: 2)))
    let stepped = try german().assess(flat)
    #expect(stepped.classification.class == Ladder.none)
    #expect(stepped.blockers.map(\.rule) == ["flat.steps"])
    flat.connectors.append(
      .stairLift(StairLift(from: living.id, to: hall.id, kind: .platform)))
    #expect(try german().assess(flat).classification.class == "wheelchair")
  }

  @Test("One window of a room that meets the rules is enough")
  func oneGoodWindow() throws {
    var flat = try sampleFlat("b1-f01")
    let living = try #require(flat.rooms.firstIndex { $0.kind == .living })
    flat.rooms[living].fixtures.append(
      .window(Window(sillHeight: .mm(900), handleHeight: .mm(1600), powered: false)))
    #expect(try german().assess(flat).classification.description == "wheelchair")
  }

  @Test("Widening a door never lowers a flat's class")
  func improvingNeverLowers() throws {
    let order = [Ladder.none, "barrierFree", "wheelchair"]
    for building in try sampleBuildings("quarter-bielefeld.xml") {
      for flat in building.flats {
        let before = try german().assess(flat).classification
        var wider = flat
        wider.connectors = flat.connectors.map { connector in
          guard case .door(var door) = connector, let width = door.clearWidth else {
            return connector
          }
          door.clearWidth = width + .mm(100)
          return .door(door)
        }
        let after = try german().assess(wider).classification
        let rankBefore = order.firstIndex(of: before.class) ?? 0
        let rankAfter = order.firstIndex(of: after.class) ?? 0
        #expect(rankAfter >= rankBefore, "\(flat.id): \(before) → \(after)")
      }
    }
  }

  @Test("The design sample: W01 and W02 wheelchair, the other seven barrier-free, all verified")
  func designSample() throws {
    let assessments = try sampleBuildings("design-new-build.xml").flatMap {
      try german().assess($0).flats
    }
    let classes = assessments.map { "\($0.number ?? $0.id) \($0.classification)" }
    #expect(
      classes == [
        "W01 wheelchair", "W02 wheelchair", "W03 barrierFree", "W11 barrierFree",
        "W12 barrierFree", "W13 barrierFree", "W21 barrierFree", "W22 barrierFree",
        "W23 barrierFree",
      ])
  }

  @Test("Assessing is deterministic: the same building gives the same findings")
  func deterministic() throws {
    let buildings = try sampleBuildings("quarter-bielefeld.xml")
    let assessor = try german()
    let first = buildings.map { assessor.assess($0) }
    let second = buildings.reversed().map { assessor.assess($0) }.reversed()
    #expect(first == Array(second))
  }
}
