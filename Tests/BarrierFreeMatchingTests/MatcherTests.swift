import BarrierFreeMatching
import BarrierFreeModel
import BarrierFreeRules
import Testing

/// A flat summary where every need of the DIN mapping passes and nothing
/// else is in the way, changed by `edit`.
func flat(_ edit: (inout FlatSummary) -> Void = { _ in }) throws -> FlatSummary {
  let mapping = try Fixture.mapping()
  var summary = FlatSummary(
    building: "b", flat: "f", storey: 0,
    classification: Classification(
      class: "wheelchair", verified: true, verifiedClass: "wheelchair", nextClass: nil),
    bedrooms: 1, routeSteps: StepCount(count: 0, exact: true),
    flatSteps: StepCount(count: 0, exact: true), liftRoute: true,
    needs: Array(repeating: .pass, count: mapping.needs.count), reach: [:])
  edit(&summary)
  return summary
}

/// The index of need `id` in the DIN mapping.
func need(_ id: String) throws -> Int {
  try #require(try Fixture.mapping().needs.firstIndex { $0.id == id })
}

func matcher() throws -> Matcher {
  try Matcher(mapping: Fixture.mapping(), library: NeedsReader.builtInLibrary)
}

@Suite("Matching one household with one flat")
struct MatcherTests {
  @Test(
    "At most 3 steps: 2 and 3 suit, 4 does not; a flight without a count is not known below the limit",
    arguments: [
      (2, true, MatchStatus.suits), (3, true, .suits), (4, true, .doesNotSuit),
      (2, false, .notKnown), (3, false, .notKnown), (4, false, .doesNotSuit),
    ])
  func steps(count: Int, exact: Bool, expected: MatchStatus) throws {
    let summary = try flat { $0.routeSteps = StepCount(count: count, exact: exact) }
    #expect(try matcher().match(Needs(maxSteps: 3), flat: summary).status == expected)
    let inside = try flat { $0.flatSteps = StepCount(count: count, exact: exact) }
    #expect(try matcher().match(Needs(maxSteps: 3), flat: inside).status == expected)
  }

  @Test("No route recorded: the steps are not known, and what to measure says so")
  func noRoute() throws {
    let found = try matcher().match(Needs(maxSteps: 0), flat: try flat { $0.routeSteps = nil })
    #expect(found.status == .notKnown)
    #expect(found.toMeasure == ["no route from the street to the flat's door recorded"])
  }

  @Test("Steps a ramp clears: after an upgrade, with the ramp's cost; none clears: does not suit")
  func stepsUpgrade() throws {
    let ramp = NeedUpgrade(
      target: "barrierReduced",
      jobs: [
        MatchJob(
          measure: "ramp.entrance", element: "steps s1", clears: ["route.step-free"], low: 8000,
          high: 15000)
      ], clearsAll: true)
    let summary = try flat {
      $0.routeSteps = StepCount(count: 3, exact: true, flights: ["s1"])
      $0.routeStepUpgrade = ramp
    }
    let found = try matcher().match(Needs(maxSteps: 0), flat: summary)
    #expect(found.status == .afterUpgrade)
    #expect((found.costLow, found.costHigh) == (8000, 15000))
    #expect(found.measures == ["ramp.entrance"])
    #expect(found.reasons == ["3 steps on the way to the flat's door (s1), at most 0 asked"])
    var blocked = summary
    blocked.routeStepUpgrade?.clearsAll = false
    #expect(try matcher().match(Needs(maxSteps: 0), flat: blocked).status == .doesNotSuit)
  }

  @Test(
    "Bedrooms: 2 needed; 1 does not suit, 2 and 3 suit (3 with one to spare); not recorded is not known",
    arguments: [(1, MatchStatus.doesNotSuit, 0), (2, .suits, 0), (3, .suits, 1)])
  func bedrooms(count: Int, expected: MatchStatus, spare: Int) throws {
    let summary = try flat { $0.bedrooms = count }
    let found = try matcher().match(Needs(bedrooms: 2), flat: summary)
    #expect(found.status == expected)
    if expected == .suits {
      // All six needs of the mapping pass and none was asked: 6 more, and the spare rooms.
      #expect(found.surplus == 6 + spare)
    }
    // A carer's room is one more than the household's own.
    #expect(Needs(bedrooms: 1, carerRoom: true).bedroomsRequired == 2)
    #expect(Needs(carerRoom: true).bedroomsRequired == 2)
    #expect(
      try matcher().match(Needs(bedrooms: 2), flat: try flat { $0.bedrooms = nil }).status
        == .notKnown)
  }

  @Test(
    "Stairs to storey 1: storey 1 suits; storey 2 needs a lift; a lift not known is not known",
    arguments: [
      (1, false, MatchStatus.suits), (2, false, .doesNotSuit), (2, true, .suits),
      (2, nil, .notKnown),
    ] as [(Int, Bool?, MatchStatus)])
  func storey(storey: Int, lift: Bool?, expected: MatchStatus) throws {
    let summary = try flat {
      $0.storey = storey
      $0.liftRoute = lift
    }
    #expect(
      try matcher().match(Needs(highestStoreyWithoutLift: 1), flat: summary).status == expected)
  }

  @Test(
    "The care base within 300 m: 299.9 and 300 m suit, 300.1 m does not; not measured is not known",
    arguments: [
      (299_900.0, MatchStatus.suits), (300_000, .suits), (300_100, .doesNotSuit),
    ])
  func near(length: Double, expected: MatchStatus) throws {
    let needs = Needs(near: [Needs.Nearness(facility: "careBase", within: .mm(300_000))])
    let summary = try flat {
      $0.quarter = "q"
      $0.reach["careBase"] = FacilityReach(
        status: .pass, length: .mm(length), note: nil, facility: "care")
    }
    #expect(try matcher().match(needs, flat: summary).status == expected)
    var unmeasured = summary
    unmeasured.reach["careBase"]?.length = nil
    #expect(try matcher().match(needs, flat: unmeasured).status == .notKnown)
    var stepped = summary
    stepped.reach["careBase"]?.status = .fail
    #expect(try matcher().match(needs, flat: stepped).status == .doesNotSuit)
    var unknown = summary
    unknown.reach["careBase"]?.status = .unknown
    #expect(try matcher().match(needs, flat: unknown).status == .notKnown)
    let outside = try flat()
    let found = try matcher().match(needs, flat: outside)
    #expect(found.status == .notKnown)
    #expect(found.toMeasure == ["the care base: the building is in no quarter"])
  }

  @Test(
    "A need's fail: cleared by the planner's jobs (each counted once), or not; unknown is never a pass"
  )
  func mappedNeeds() throws {
    let shower = MatchJob(
      measure: "shower.make-level", element: "shower s", clears: ["shower.step"], low: 1500,
      high: 4000)
    let upgrade = NeedUpgrade(target: "barrierFree", jobs: [shower], clearsAll: true)
    let failing = NeedOutcome(
      status: .fail, failing: ["shower.step at shower s: step 80 mm; ≤ 20 mm required"],
      failingRules: ["shower.step"], upgrade: upgrade)
    let walking = try need("walkingAid")
    let level = try need("floorLevelShower")
    let summary = try flat {
      $0.needs[walking] = failing
      $0.needs[level] = failing
    }
    let needs = Needs(mapped: ["walkingAid", "floorLevelShower"])
    let found = try matcher().match(needs, flat: summary)
    #expect(found.status == .afterUpgrade)
    // The same job meets both needs: its cost counts once.
    #expect((found.costLow, found.costHigh) == (1500, 4000))
    #expect(found.reasons.count == 2)
    var uncleared = summary
    uncleared.needs[walking].upgrade?.clearsAll = false
    let blocked = try matcher().match(needs, flat: uncleared)
    #expect(blocked.status == .doesNotSuit)
    #expect(
      blocked.reasons == [
        "rollator: step-free, doors, thresholds, 1200 mm areas: shower.step at shower s: step 80 mm; ≤ 20 mm required"
      ])
    let unknown = try flat {
      $0.needs[level] = NeedOutcome(
        status: .unknown, toMeasure: ["shower.step at shower s: step not measured"],
        unknownCount: 1)
    }
    let open = try matcher().match(Needs(mapped: ["floorLevelShower"]), flat: unknown)
    #expect(open.status == .notKnown)
    #expect(open.toMeasure == ["shower.step at shower s: step not measured"])
    // A need the household does not have is not looked at.
    #expect(try matcher().match(Needs(mapped: ["noBath"]), flat: unknown).status == .suits)
  }

  @Test(
    "London categories: A for R, C for a rollator's flat, G when general needs would hide an unknown"
  )
  func categories() throws {
    let london = try #require(try NeedsReader.builtInLibrary.scheme("london"))
    let matcher = try matcher()
    #expect(matcher.category(of: try flat(), in: london).category == "A")
    let fails = NeedOutcome(status: .fail, failing: ["x"], failingRules: ["x"])
    let full = try need("wheelchairFullTime")
    let essential = try need("wheelchairEssentialRooms")
    let rollatorFlat = try flat {
      $0.needs[full] = fails
      $0.needs[essential] = fails
    }
    #expect(matcher.category(of: rollatorFlat, in: london).category == "C")
    // Steps on the route: at most 3 is D, 4–6 is E+, more is F.
    let stepped = { (count: Int) throws -> String in
      matcher.category(
        of: try flat {
          $0.routeSteps = StepCount(count: count, exact: true)
        }, in: london
      ).category
    }
    #expect(try stepped(3) == "D")
    #expect(try stepped(4) == "E+")
    #expect(try stepped(6) == "E+")
    #expect(try stepped(7) == "F")
    // Steps not counted: whether it is better than general needs is not known.
    let uncounted = matcher.category(
      of: try flat { $0.routeSteps = StepCount(count: 7, exact: false) }, in: london)
    #expect(uncounted.category == "F")
    let unknownRoute = matcher.category(of: try flat { $0.routeSteps = nil }, in: london)
    #expect(unknownRoute.category == "G")
    #expect(unknownRoute.possible == ["A", "B", "C", "D", "E", "E+"])
  }
}
