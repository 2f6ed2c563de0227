import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Testing

/// Slopes a standard states as a ratio (1:12, 1:20, 1:48) are bound as the
/// ratio and compared with it, not with a rounded percentage.
@Suite("Slopes bound as ratios")
struct RatioSlopeTests {
  /// The ramp-slope binding of a built-in profile.
  func rampSlope(_ profile: String) throws -> Thresholds {
    let binding = try #require(
      builtInProfiles[profile]?.bindings(of: "ramp.slope").first)
    return binding.thresholds
  }

  func ramp(_ slope: Slope?) -> Element {
    .ramp(Ramp(from: "street", to: "entrance", slope: slope))
  }

  @Test("ICC A117.1 and UK M4(2) bind the ramp slope as 1:12: at 1:12 passes, just above fails")
  func rampAtOneInTwelve() throws {
    for profile in ["icc-a117.1-type-b", "uk-m4-2"] {
      let thresholds = try rampSlope(profile)
      #expect(thresholds.gradient("maximum") == Gradient(rise: 1, run: 12))
      let cases: [(Slope?, FindingStatus)] = [
        (.percent(8.3333), .pass),
        (.percent(100.0 / 12), .pass),
        (Slope(rise: .mm(250), run: .mm(3000)), .pass),
        (Slope(rise: .mm(500), run: .mm(6000)), .pass),
        (.percent(8.3334), .fail),
        (.percent(8.34), .fail),
        (nil, .unknown),
      ]
      for (slope, expected) in cases {
        let evaluation = try #require(RampSlopeRule.evaluate(ramp(slope), thresholds))
        #expect(evaluation.status == expected, "\(profile), \(String(describing: slope))")
      }
    }
  }

  @Test("The message shows the ratio, not a rounded percentage")
  func messageShowsRatio() throws {
    let thresholds = try rampSlope("icc-a117.1-type-b")
    let fail = try #require(RampSlopeRule.evaluate(ramp(.percent(8.34)), thresholds))
    #expect(fail.message(in: .imperial) == "slope 8.34 %; ≤ 1:12 required")
    #expect(fail.required?.description == "≤ 1:12")
    #expect(fail.required?.maximum == 100.0 / 12)
    let unknown = try #require(RampSlopeRule.evaluate(ramp(nil), thresholds))
    #expect(unknown.message == "slope not measured; ≤ 1:12 required")
    #expect(fail.remedy == "lengthen the ramp to a slope of at most 1:12")
  }

  @Test("1:20 and 1:48: just below, at and just above")
  func otherRatios() {
    for (rise, run) in [(1.0, 20.0), (1, 48), (1, 40), (1, 15)] {
      let limit = SlopeLimit(
        slope: .percent(rise * 100 / run), gradient: Gradient(rise: rise, run: run))
      let at = rise * 100 / run
      #expect(limit.admits(.percent(at)), "\(rise):\(run) at")
      #expect(limit.admits(.percent(at - 0.0001)), "\(rise):\(run) below")
      #expect(!limit.admits(.percent(at + 0.0001)), "\(rise):\(run) above")
      #expect(limit.admits(Slope(rise: .mm(rise * 100), run: .mm(run * 100))!))
      let check = Check.slopeAtMost("cross slope", nil, limit, remedy: "")
      #expect(check.status == .unknown)
    }
  }

  @Test("A profile binds a slope with ratio=\"1:12\"; other kinds, both forms or bad ratios fail")
  func readingRatios() throws {
    let read = try readProfile(
      profile(
        """
        <rule id="ramp.slope"><threshold name="maximum" ratio="1:14.5"/></rule>
        """)
    ).get()
    let thresholds = try #require(read.bindings.first?.thresholds)
    #expect(thresholds.gradient("maximum") == Gradient(rise: 1, run: 14.5))
    #expect(thresholds["maximum"] == 100 / 14.5)
    #expect(
      firstProblem(
        profile(
          """
          <rule id="door.clear-width"><threshold name="minimum" ratio="1:12"/></rule>
          """)
      ).contains("only a slope can be a ratio"))
    #expect(
      firstProblem(
        profile(
          """
          <rule id="ramp.slope"><threshold name="maximum" ratio="1:12" value="8" unit="%"/></rule>
          """)
      ).contains("has a ratio and a value"))
    #expect(
      firstProblem(
        profile(
          """
          <rule id="ramp.slope"><threshold name="maximum" ratio="0:12"/></rule>
          """)
      ).contains("expected rise:run"))
    #expect(
      firstProblem(
        profile(
          """
          <rule id="ramp.slope"><threshold name="maximum"/></rule>
          """)
      ).contains("needs a value and a unit, or a ratio"))
    #expect(
      firstProblem(
        profile(
          """
          <rule id="ramp.slope"><threshold name="maximum" ratio="1/12"/></rule>
          """)) != "no problem")
  }
}
