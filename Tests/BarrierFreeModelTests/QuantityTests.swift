import Testing

@testable import BarrierFreeModel

@Suite("Quantities")
struct QuantityTests {
  @Test("Length converts between millimetres, centimetres, metres and inches")
  func lengthConversions() {
    let door = Length(millimetres: 900)
    #expect(door.centimetres == 90)
    #expect(door.metres == 0.9)
    #expect(abs(door.inches - 35.433_070_866) < 1e-9)
    #expect(Length.inches(36).millimetres == 914.4)
    #expect(Length.cm(85) == Length.mm(850))
    #expect(Length.m(1.5) == Length.mm(1500))
    #expect(Length.mm(800) < Length.mm(900))
    #expect((Length.mm(800) + Length.mm(100)) == Length.mm(900))
    #expect((Length.mm(900) - Length.mm(120)).millimetres == 780)
  }

  @Test("Slope from rise and run, ratio and degrees")
  func slopes() throws {
    let ramp = try #require(Slope(rise: .mm(60), run: .mm(1000)))
    #expect(abs(ramp.percent - 6) < 1e-12)
    #expect(abs(ramp.ratio - 0.06) < 1e-12)
    #expect(abs(Slope(percent: 100).degrees - 45) < 1e-9)
    #expect(Slope(rise: .mm(10), run: .mm(0)) == nil)
  }

  @Test("Area of a rectangle and in square feet")
  func areas() {
    let area = Area(width: .mm(1500), depth: .mm(1500))
    #expect(abs(area.squareMetres - 2.25) < 1e-12)
    #expect(abs(Area(squareMetres: 1).squareFeet - 10.763_910_416_7) < 1e-9)
  }

  @Test(
    "Decimal formatting is plain, shortest and deterministic",
    arguments: [
      (900.0, "900"), (902.5, "902.5"), (0.1, "0.1"), (-0.0, "0"), (1e-5, "0.00001"),
      (1.5e-7, "0.00000015"), (123_456_789.25, "123456789.25"), (2.5e20, "250000000000000000000"),
      (-12.75, "-12.75"),
    ])
  func decimalFormatting(value: Double, expected: String) {
    #expect(formatDecimal(value) == expected)
  }

  @Test("Descriptions carry units")
  func descriptions() {
    #expect(Length.mm(780).description == "780 mm")
    #expect(Slope.percent(8.2).description == "8.2 %")
    #expect(Area.m2(54.2).description == "54.2 m²")
    #expect(
      Address(street: "Meisenstraße", houseNumber: "12", postcode: "33607", city: "Bielefeld")
        .description == "Meisenstraße 12, 33607 Bielefeld")
  }

  @Test(
    "Inches convert to the millimetres a surveyor writes, and back",
    arguments: [
      (0.5, 12.7), (0.75, 19.05), (1.5, 38.1), (17.0, 431.8), (29.0, 736.6), (32.0, 812.8),
      (34.0, 863.6), (36.0, 914.4), (48.0, 1219.2), (60.0, 1524.0),
    ])
  func inchesExact(inches: Double, millimetres: Double) {
    // 25.4 has no exact binary value: 0.75 × 25.4 is 19.049999999999997.
    #expect(Length.inches(inches).millimetres == millimetres)
    #expect(Length.mm(millimetres).inches == inches)
  }
}
