import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Testing

/// A clear width estimated from a building model (the IFC bridge's
/// `clearWidthEstimated`): too narrow fails, wide enough is unknown until
/// measured; never a pass.
@Suite("Estimated door clear widths")
struct EstimatedClearWidthTests {
  func evaluate(_ width: Double?, estimated: Bool) throws -> Evaluation {
    let binding = try #require(
      builtInProfiles["din18040-2"]?.bindings(of: "door.clear-width").first {
        $0.covers("interior")
      })
    var door = Door(from: "hall", to: "bath")
    door.clearWidth = width.map(Length.mm)
    door.clearWidthEstimated = estimated
    return try #require(
      DoorClearWidthRule.evaluate(.door(door, role: .interior), binding.thresholds))
  }

  @Test("Around 800 mm: just below fails, at and just above are unknown, missing is unknown")
  func boundary() throws {
    #expect(try evaluate(799, estimated: true).status == .fail)
    #expect(try evaluate(800, estimated: true).status == .unknown)
    #expect(try evaluate(801, estimated: true).status == .unknown)
    #expect(try evaluate(nil, estimated: true).status == .unknown)
    // Measured, the same widths decide as always.
    #expect(try evaluate(799, estimated: false).status == .fail)
    #expect(try evaluate(800, estimated: false).status == .pass)
  }

  @Test("The message says the width is an estimate; an unknown says to measure it on site")
  func words() throws {
    let fail = try evaluate(745, estimated: true)
    #expect(
      fail.message
        == "clear width 745 mm (estimated from a building model, not measured); ≥ 800 mm required")
    #expect(fail.remedy == "widen the door to a clear width of at least 800 mm")
    #expect(fail.measured?.value == 745)
    let wide = try evaluate(900, estimated: true)
    #expect(
      wide.message
        == "clear width 900 mm (estimated from a building model, not measured); ≥ 800 mm required")
    #expect(wide.remedy?.hasPrefix("measure the clear width on site") == true)
    #expect(wide.measured?.value == 900)
  }
}
