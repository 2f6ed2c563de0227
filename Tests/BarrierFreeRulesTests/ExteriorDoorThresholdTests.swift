import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Testing

/// ICC A117.1 allows 3/4 in at exterior sliding doors only (1003.5 and
/// 1004.5 exceptions); a hinged balcony door meets the 1/2 in of 404.2.5.
@Suite("ICC exterior door thresholds")
struct ExteriorDoorThresholdTests {
  func evaluate(_ profile: String, _ operation: DoorOperation?, inches: Double?) throws
    -> Evaluation
  {
    // The profile must bind the rule for outdoor doors at all.
    _ = try #require(
      builtInProfiles[profile]?.bindings(of: "door.threshold").first {
        $0.covers("outdoor")
      })
    return try evaluate(profile, operation, threshold: inches.map(Length.inches))
  }

  func evaluate(_ profile: String, _ operation: DoorOperation?, threshold: Length?) throws
    -> Evaluation
  {
    let binding = try #require(
      builtInProfiles[profile]?.bindings(of: "door.threshold").first {
        $0.covers("outdoor")
      })
    var door = Door(from: "living", to: "balcony")
    door.operation = operation
    door.threshold = threshold
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
    let clauses = builtInProfiles["icc-a117.1-type-a"]?.bindings(of: "door.threshold")
      .filter { $0.covers("outdoor") }.map(\.citation.clause)
    #expect(clauses == ["404.2.5, 1003.5 exception"])
  }

  @Test(
    "A threshold surveyed at exactly the millimetres of the bound meets it (3/4 in is 19.05 mm)",
    arguments: [
      (DoorOperation.sliding, 19.049, DoorOperation?.none), (.sliding, 19.05, nil),
      (.sliding, 19.051, .sliding), (.hinged, 12.69, nil), (.hinged, 12.7, nil),
      (.hinged, 12.71, .hinged),
    ])
  func surveyedMillimetres(operation: DoorOperation, millimetres: Double, fails: DoorOperation?)
    throws
  {
    // Once 0.75 × 25.4 = 19.049999999999997 mm, below the 19.05 a surveyor
    // writes down: the door failed ("0.7500000000000001 in; ≤ 0.7499999999999999 in").
    for profile in ["icc-a117.1-type-b", "icc-a117.1-type-a"] {
      let evaluation = try evaluate(profile, operation, threshold: .mm(millimetres))
      #expect(evaluation.status == (fails == nil ? .pass : .fail), "\(profile) \(millimetres)")
    }
  }
}
