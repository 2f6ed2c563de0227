import BarrierFree
import Testing

/// The numbers a report prints decide as the rule decided: 812.7 mm against
/// 32 in (812.8 mm) is not "32 in; ≥ 32 in required" on a fail.
@Suite("Shown values agree with the verdict")
struct ShownDigitsTests {
  /// The ICC Type B entrance-door finding for a door `width` wide.
  func entranceDoor(_ width: Double) throws -> Finding {
    let assessor = try Assessor(profile: "icc-a117.1-type-b")
    let flat = Flat(
      id: "U1", entrance: "corridor", rooms: [Room(id: "hall", kind: .hallway)],
      connectors: [.door(Door(from: "corridor", to: "hall", clearWidth: .mm(width)))])
    return try #require(
      assessor.assess(flat).findings.first { $0.rule == "door.clear-width" })
  }

  @Test("Inches: just below, at and just above 32 in print as they decide")
  func inchesAtTheBoundary() throws {
    let cases: [(Double, FindingStatus, String, Double)] = [
      (812.7, .fail, "clear width 31.996 in; ≥ 32 in required", 31.996),
      (812.79, .fail, "clear width 31.9996 in; ≥ 32 in required", 31.9996),
      (812.8, .pass, "clear width 32 in; ≥ 32 in required", 32),
      (812.81, .pass, "clear width 32.0004 in; ≥ 32 in required", 32.0004),
      (812.9, .pass, "clear width 32.004 in; ≥ 32 in required", 32.004),
      (800, .fail, "clear width 31.5 in; ≥ 32 in required", 31.5),
    ]
    for (width, status, message, value) in cases {
      let finding = try entranceDoor(width)
      #expect(finding.status == status, "\(width) mm")
      let report = FindingReport(finding, units: .imperial)
      #expect(report.message == message)
      #expect(report.measured?.value == value)
      #expect(report.required?.minimum == 32)
      #expect(report.required?.text == "≥ 32 in")
    }
  }

  @Test("Millimetres: a bound given in inches prints its exact millimetres")
  func millimetresAtTheBoundary() throws {
    for (width, status, message) in [
      (812.7, FindingStatus.fail, "clear width 812.7 mm; ≥ 812.8 mm required"),
      (812.8, .pass, "clear width 812.8 mm; ≥ 812.8 mm required"),
    ] {
      let finding = try entranceDoor(width)
      #expect(finding.status == status)
      #expect(FindingReport(finding, units: .metric).message == message)
    }
  }

  @Test("Ranges and areas keep the order of each side against its bound")
  func rangesAndAreas() {
    let units = UnitSystem.imperial
    let range = Requirement.between(.inches(17), .inches(19))
    let low = units.shown(Quantity(431.7, .millimetre), against: range)
    #expect(low.measured == Quantity(16.996, .inch))
    #expect(low.required?.minimum == 17)
    #expect(low.required?.maximum == 19)
    #expect(units.shown(1523.9, against: 1524) == (59.996, 60))
    #expect(units.shown(1524, against: 1524) == (60, 60))
    #expect(UnitSystem.metric.shown(1523.9, against: 1524) == (1523.9, 1524))
    let area = Check.area(
      "turning space", [MovementArea(width: .mm(1523.9), depth: .mm(1524))],
      minimumWidth: .inches(60), minimumDepth: .inches(60), remedy: "")
    #expect(area.status == .fail)
    #expect(area.message(in: .imperial) == "turning space 59.996 × 60 in; 60 × 60 in required")
  }
}
