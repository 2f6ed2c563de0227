import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Testing

/// Remedies and messages name things in a surveyor's words, not by the
/// format's enum values (`from`, `oneSide`, `doorOpener`).
@Suite("Remedies in a surveyor's words")
struct SurveyorWordsTests {
  func thresholds(_ rule: String, profile: String = "din18040-2-r", scope: String? = nil)
    throws -> Thresholds
  {
    try #require(
      builtInProfiles[profile]?.bindings(of: rule).first { $0.covers(scope) }?.thresholds)
  }

  func small(_ side: Side) -> MovementArea {
    MovementArea(width: .mm(1000), depth: .mm(1000), side: side)
  }

  @Test("A hinged door: the side it opens into and the side it opens away from")
  func hingedDoor() throws {
    var door = Door(from: "hall", to: "living", operation: .hinged, opensInto: .to)
    door.movementAreas = [small(.from), small(.to)]
    let result = try #require(
      DoorManoeuvringAreaRule.evaluate(
        .door(door, role: .interior), thresholds("door.manoeuvring-area", scope: "interior")))
    #expect(result.status == .fail)
    #expect(
      result.remedy
        == "clear 1500 × 1200 mm on the side the door opens away from; "
        + "clear 1500 × 1500 mm on the side the door opens into")
    // The other way round: the leaf swings into the hall.
    door.opensInto = .from
    let reversed = try #require(
      DoorManoeuvringAreaRule.evaluate(
        .door(door, role: .interior), thresholds("door.manoeuvring-area", scope: "interior")))
    #expect(
      reversed.remedy
        == "clear 1500 × 1500 mm on the side the door opens into; "
        + "clear 1500 × 1200 mm on the side the door opens away from")
  }

  @Test("A sliding door has no swing side: each side is named by its room")
  func slidingDoor() throws {
    var door = Door(from: "hall", to: "living", operation: .sliding)
    door.movementAreas = [small(.from), small(.to)]
    let result = try #require(
      DoorManoeuvringAreaRule.evaluate(
        .door(door, role: .interior), thresholds("door.manoeuvring-area", scope: "interior")))
    #expect(
      result.remedy
        == "clear 1900 × 1200 mm on the 'hall' side of the door; "
        + "clear 1900 × 1200 mm on the 'living' side of the door")
    #expect(result.message.hasPrefix("area on the 'hall' side"), "\(result.message)")
  }

  @Test("A ramp's ends are named by the places they lead to")
  func rampEnds() throws {
    var ramp = Ramp(from: "forecourt", to: "entrance")
    ramp.movementAreas = [small(.from)]
    let result = try #require(
      RampLandingAreaRule.evaluate(
        .ramp(ramp), thresholds("ramp.movement-areas", profile: "din18040-2")))
    #expect(
      result.remedy
        == "clear 1500 × 1500 mm at the 'forecourt' end of the ramp; "
        + "measure the area at the 'entrance' end")
  }

  @Test("Handrails, controls and fixtures in words")
  func words() throws {
    var steps = Steps(from: "lobby", to: "landing")
    steps.handrails = .oneSide
    let stairs = try #require(
      StairHandrailsRule.evaluate(
        .steps(steps, inFlat: false), thresholds("stairs.handrails", profile: "din18040-2")))
    #expect(stairs.message.hasPrefix("handrails on one side only; both sides required"))
    steps.handrails = Handrails.none
    let none = try #require(
      StairHandrailsRule.evaluate(
        .steps(steps, inFlat: false), thresholds("stairs.handrails", profile: "din18040-2")))
    #expect(none.message.hasPrefix("no handrails; both sides required"))

    let room = Room(id: "hall", kind: .hallway)
    let opener = Fixture.control(Control(kind: .doorOpener, height: .mm(1300)))
    let thresholds = try thresholds("control.height", profile: "din18040-2")
    let control = try #require(
      ControlHeightRule.evaluate(.fixture(opener, room: room), thresholds))
    #expect(control.remedy == "move the door opener to 850–1050 mm above the floor")
  }
}
