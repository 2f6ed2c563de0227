import BarrierFreeModel
import BarrierFreeRules
import Testing

/// Runs allowed by slope (UK Approved Document M, Diagram 2.1), with the
/// thresholds a user's profile might give.
@Suite("Ramp runs by slope")
struct RampRunTests {
  static let graded: [String: Double] = [
    "maximumRun": 10_000, "minimumLanding": 1200, "gentleSlope": 5, "steepSlope": 8.33,
    "steepMaximumRun": 2000,
  ]

  func status(_ thresholds: [String: Double], slope: Double?, run: Double) -> FindingStatus? {
    let ramp = Ramp(
      from: "a", to: "b", slope: slope.map(Slope.init(percent:)), length: .mm(run),
      longestRun: .mm(run))
    return RampRunRule.evaluate(.ramp(ramp), Thresholds(thresholds))?.status
  }

  @Test("Two points: the run shrinks from 10 m at 5 % to 2 m at 8.33 %")
  func twoPoints() throws {
    // 6.5 %: N = 15.385; (15.385 - 12.005) / (20 - 12.005) * 8000 + 2000 = 5381.8.
    #expect(status(Self.graded, slope: 6.5, run: 5381) == .pass)
    #expect(status(Self.graded, slope: 6.5, run: 5382) == .fail)
    #expect(status(Self.graded, slope: 3, run: 10_000) == .pass)
    #expect(status(Self.graded, slope: 3, run: 10_001) == .fail)
    let message = try #require(
      RampRunRule.evaluate(
        .ramp(
          Ramp(
            from: "a", to: "b", slope: Slope(percent: 6.5), length: .mm(5000),
            longestRun: .mm(5000))),
        Thresholds(Self.graded))?.message)
    #expect(message == "longest run (slope 6.5 %) 5000 mm; ≤ 5381 mm required")
  }

  @Test("Half a point, or slopes out of order, is a profile to fix: unknown")
  func incomplete() {
    var half = Self.graded
    half["steepMaximumRun"] = nil
    #expect(status(half, slope: 5, run: 1000) == .unknown)
    var middleAlone = Self.graded
    middleAlone["middleSlope"] = 6.67
    #expect(status(middleAlone, slope: 5, run: 1000) == .unknown)
    var reversed = Self.graded
    reversed["gentleSlope"] = 9
    #expect(status(reversed, slope: 5, run: 1000) == .unknown)
    var longerWhenSteeper = Self.graded
    longerWhenSteeper["steepMaximumRun"] = 12_000
    #expect(status(longerWhenSteeper, slope: 5, run: 1000) == .unknown)
    let message = RampRunRule.evaluate(
      .ramp(Ramp(from: "a", to: "b", slope: Slope(percent: 5), longestRun: .mm(1000))),
      Thresholds(reversed))?.message
    #expect(message?.contains("runs per slope are incomplete or out of order") == true)
  }

  @Test("Without the points, the one maximum holds at any slope")
  func ungraded() {
    let plain: [String: Double] = ["maximumRun": 6000, "minimumLanding": 1500]
    #expect(status(plain, slope: 8, run: 6000) == .pass)
    #expect(status(plain, slope: nil, run: 6000) == .pass)
    #expect(status(plain, slope: nil, run: 6001) == .fail)
  }
}
