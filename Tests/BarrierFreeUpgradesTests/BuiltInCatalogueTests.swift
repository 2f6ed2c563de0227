import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import BarrierFreeUpgrades
import Testing

/// The planner with the built-in German catalogue on the quarter sample:
/// the examples.
@Suite("Upgrade paths with the built-in catalogue")
struct BuiltInCatalogueTests {
  @Test("b1-f12 to wheelchair: four doors widened at one range; movement areas left to a survey")
  func flatB1F12() throws {
    let catalogue = try MeasureCatalogue.builtIn
    let planner = UpgradePlanner(
      assessor: try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2-r")),
      measures: catalogue.measures)
    let path = try #require(planner.paths(forFlat: "b1-f12", of: sampleBuilding("b1")).first)
    #expect(path.target == "wheelchair")
    let doors = path.jobs.filter { $0.measure.hasPrefix("door.widen") }
    // The four interior doors; the balcony door is in the outer wall, for
    // which the catalogue has no widening.
    #expect(
      doors.map { $0.element.steps.last?.name ?? "" } == [
        "b1-f12-d-living", "b1-f12-d-kitchen", "b1-f12-d-bed", "b1-f12-d-bath",
      ])
    #expect(
      path.noKnownMeasure.contains {
        $0.rule.hasSuffix("door.clear-width") && $0.path.steps.last?.name == "b1-f12-d-balcony"
      })
    #expect(Set(doors.map(\.measure)).count == 1)
    #expect(Set(doors.map { "\($0.cost.low)-\($0.cost.high)" }).count == 1)
    // The turning circles: a wall move that needs a survey, or no measure.
    let movement = path.afterSurvey.map(\.rule) + path.noKnownMeasure.map(\.rule)
    #expect(movement.contains { $0.hasSuffix("room.movement-area") })
    #expect(!path.reaches)
  }

  @Test("b3's upper flats share the lift: one stop per landing, each costed once in a plan")
  func sharedLift() throws {
    let catalogue = try MeasureCatalogue.builtIn
    let planner = UpgradePlanner(
      assessor: try Assessor(ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2")),
      measures: catalogue.measures)
    let building = try sampleBuilding("b3")
    let options = planner.options(for: building, target: "barrierFree")
    let stops = options.flatMap { $0.path?.jobs ?? [] }.filter { $0.measure == "lift.add-stop" }
    #expect(!stops.isEmpty)
    #expect(stops.allSatisfy { $0.shared && $0.cost.low == 15000 && $0.cost.high == 20000 })
    // Flats on one landing name the same stop: a plan pays it once.
    let perStop = Dictionary(grouping: stops, by: \.element).mapValues(\.count)
    #expect(perStop.values.contains { $0 > 1 })
  }
}
