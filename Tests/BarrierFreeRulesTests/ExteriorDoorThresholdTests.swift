import BarrierFree
import Testing

/// ICC A117.1 allows 3/4 in at exterior sliding doors only (1003.5 and
/// 1004.5 exceptions); a hinged balcony door meets the 1/2 in of 404.2.5.
@Suite("ICC exterior door thresholds")
struct ExteriorDoorThresholdTests {
  func evaluate(_ profile: String, _ operation: DoorOperation?, inches: Double?) throws
    -> Evaluation
  {
    let binding = try #require(
      builtInProfiles[profile]?.bindings(of: "din18040-2.door.threshold").first {
        $0.covers("outdoor")
      })
    var door = Door(from: "living", to: "balcony")
    door.operation = operation
    door.threshold = inches.map(Length.inches)
    return try #require(
      DoorThresholdRule.evaluate(.door(door, role: .outdoor), binding.thresholds))
  }

  @Test("A hinged balcony door fails at 3/4 in; a sliding one passes; each cites its clause")
  func hingedAgainstSliding() throws {
    for profile in ["icc-a117.1-type-b", "icc-a117.1-type-a"] {
      #expect(try evaluate(profile, .hinged, inches: 0.75).status == .fail)
      #expect(try evaluate(profile, .hinged, inches: 0.5).status == .pass)
      #expect(try evaluate(profile, .sliding, inches: 0.75).status == .pass)
      #expect(try evaluate(profile, .sliding, inches: 0.76).status == .fail)
      #expect(try evaluate(profile, nil, inches: 0.6).status == .unknown)
      #expect(try evaluate(profile, nil, inches: 0.5).status == .pass)
      #expect(try evaluate(profile, nil, inches: 0.8).status == .fail)
      #expect(try evaluate(profile, .sliding, inches: nil).status == .unknown)
    }
    let hinged = try evaluate("icc-a117.1-type-b", .hinged, inches: 0.75)
    #expect(hinged.message(in: .imperial) == "threshold (hinged door) 0.75 in; ≤ 0.5 in required")
    let unknown = try evaluate("icc-a117.1-type-b", nil, inches: 0.625)
    #expect(
      unknown.message(in: .imperial)
        == "threshold 0.63 in; ≤ 0.5 in required; at most 0.75 in if the door slides, and how "
        + "it opens is not recorded")
    // Just above 1/2 in: the digits tell the two apart.
    let justAbove = try evaluate("icc-a117.1-type-b", nil, inches: 12.71 / 25.4)
    #expect(justAbove.status == .unknown)
    #expect(justAbove.message(in: .imperial).hasPrefix("threshold 0.5004 in; ≤ 0.5 in required"))
    #expect(unknown.remedy == "record how the door opens (operation)")
    let clauses = builtInProfiles["icc-a117.1-type-a"]?.bindings(of: "din18040-2.door.threshold")
      .filter { $0.covers("outdoor") }.map(\.citation.clause)
    #expect(clauses == ["404.2.5, 1003.5 exception"])
  }
}
