import BarrierFreeUpgrades
import Testing

@Suite("Cost ranges")
struct CostRangeTests {
  @Test("Scaling multiplies both bounds and keeps the price year and source")
  func scaling() {
    let door = CostRange(
      low: 1050, high: 2000, priceYear: 2025, source: "hausplanen.com", certainty: .oneSource)
    let three = door.scaled(by: 3)
    #expect(three.low == 3150)
    #expect(three.high == 6000)
    #expect(three.priceYear == 2025)
    #expect(three.source == "hausplanen.com")
  }
}
