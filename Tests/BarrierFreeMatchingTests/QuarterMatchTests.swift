import BarrierFree
import Foundation
import Testing

@testable import BarrierFreeMatching

/// The sample households and the quarter sample.
func sampleSetup() throws -> NeedsSetup {
  try NeedsSetup(
    households: repositoryRoot.appendingPathComponent("Samples/needs/households.xml").path)
}

let quarterSample = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path

/// The sample households against the quarter sample, every flat listed.
func sampleMatch(limit: Int = 0) async throws -> MatchResult {
  try await BarrierFree.match([quarterSample], setup: sampleSetup(), limit: limit, jobs: 2)
}

/// The quarter sample's flats as matching summarises them, in file order.
func sampleSummaries() async throws -> [FlatSummary] {
  try await BarrierFree.flatSummaries([quarterSample], setup: sampleSetup(), jobs: 2)
}

@Suite("The sample households in the quarter sample")
struct QuarterMatchTests {
  @Test(
    "At least eight households of different needs, each with flats that suit now or after an upgrade"
  )
  func everyHouseholdGetsFlats() async throws {
    let result = try await sampleMatch()
    #expect(result.flats.count == 44)
    #expect(result.households.count >= 8)
    #expect(Set(result.households.map(\.household.needs)).count >= 8)
    for found in result.households {
      let offered = found.counts[.suits, default: 0] + found.counts[.afterUpgrade, default: 0]
      #expect(offered > 0, "\(found.household.id) is offered no flat")
      #expect(found.counts.values.reduce(0, +) == 44)
    }
  }

  @Test(
    "No full-time wheelchair user is offered a flat whose route has steps, unless its upgrade removes them"
  )
  func wheelchairUsersNeverGetSteps() async throws {
    let result = try await sampleMatch()
    let summaries = try await sampleSummaries()
    let wheelchairUsers = result.households.filter {
      $0.household.needs.mapped.contains("wheelchairFullTime")
    }
    #expect(wheelchairUsers.map(\.household.id) == ["h01", "h02", "h09"])
    for found in wheelchairUsers {
      for match in found.groups[.suits] ?? [] {
        let flat = summaries[match.flat]
        #expect(flat.routeSteps == StepCount(count: 0, exact: true), "\(flat.flat)")
        #expect(flat.flatSteps.count == 0, "\(flat.flat)")
      }
      for match in found.groups[.afterUpgrade] ?? [] {
        let flat = summaries[match.flat]
        guard let steps = flat.routeSteps, steps.count > 0 else { continue }
        let ramp = Set(flat.routeStepUpgrade?.jobs.map(\.measure) ?? [])
        #expect(!ramp.isEmpty && ramp.isSubset(of: Set(match.measures)), "\(flat.flat)")
      }
    }
  }

  @Test(
    "A rollator user is offered step-free flats with a floor-level shower, also where R's turning circles fail"
  )
  func rollatorUsersGetFlatsWithoutTurningCircles() async throws {
    let result = try await sampleMatch()
    let summaries = try await sampleSummaries()
    let rollator = try #require(result.households.first { $0.household.id == "h06" })
    let offered = (rollator.groups[.suits] ?? []).map { summaries[$0.flat] }
    #expect(offered.count == 18)
    let level = try #require(result.mapping.needs.firstIndex { $0.id == "floorLevelShower" })
    for flat in offered {
      #expect(flat.routeSteps == StepCount(count: 0, exact: true), "\(flat.flat)")
      #expect(flat.flatSteps.count == 0, "\(flat.flat)")
      #expect(flat.needs[level].status == .pass, "\(flat.flat)")
    }
    // Which of them fail R's 1500 mm movement areas: the check says so.
    let assessor = try Assessor(profile: "din18040-2-r")
    var turningFails: Set<String> = []
    try assessor.assessPortfolio(
      at: repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    ) { building in
      for flat in building.flats {
        let wheelchair = flat.results[2].findings
        if wheelchair.contains(where: {
          ($0.rule == "room.movement-area" || $0.rule == "sanitary.movement-area")
            && $0.status == .fail
        }) {
          turningFails.insert(flat.id)
        }
      }
    }
    let offeredDespite = offered.map(\.flat).filter(turningFails.contains)
    #expect(!offeredDespite.isEmpty)
    #expect(
      offeredDespite.sorted() == [
        "b1-f12", "b1-f13", "b1-f22", "b1-f32", "b1-f33", "b3-f01", "b5-f1", "b8-f02", "b8-f11",
        "b8-f21", "b8-f23", "b8-f32", "b8-f33",
      ])
  }

  @Test("The ranked lists: the best fit first, keeping wheelchair flats for wheelchair users")
  func rankedLists() async throws {
    let result = try await sampleMatch(limit: 3)
    func listed(_ id: String, _ status: MatchStatus) -> [String] {
      (result.households.first { $0.household.id == id }?.groups[status] ?? []).map {
        result.flats[$0.flat].flat
      }
    }
    #expect(listed("h01", .suits) == ["b1-f01", "b8-f01", "b1-f11"])
    #expect(listed("h02", .suits) == ["b1-f11"])
    // What a wheelchair user is told to measure carries R's thresholds,
    // not barrier-free's.
    let open = try #require(result.households.first?.groups[.notKnown]?.first)
    #expect(
      open.toMeasure.first
        == "door.clear-width at door b1-f02-d-kitchen: clear width not measured; ≥ 900 mm required")
    // A rollator user is offered the flats that exceed the need least first:
    // the R flats come last.
    #expect(listed("h06", .suits) == ["b1-f13", "b8-f32", "b1-f12"])
    #expect(listed("h06", .afterUpgrade) == ["b8-f31", "b3-f02", "b8-f13"])
    let cost = try #require(result.households[5].groups[.afterUpgrade]?.first)
    #expect((cost.costLow, cost.costHigh) == (1500, 4000))
    #expect(cost.measures == ["shower.make-level"])
  }

  @Test("Each flat's London category: A for the R flats, G where the survey leaves too much open")
  func categories() async throws {
    let result = try await sampleMatch()
    var byCategory: [String: Int] = [:]
    for flat in result.flats { byCategory[flat.category, default: 0] += 1 }
    let classes = Dictionary(
      result.flats.map { ($0.flat, $0.category) }, uniquingKeysWith: { a, _ in a })
    #expect(classes["b1-f01"] == "A")
    #expect(classes["b1-f12"] == "C")
    #expect(classes["b7-f1"] == "G")
    #expect(byCategory.values.reduce(0, +) == 44)
    // Every flat at R, verified, is A.
    for flat in result.flats
    where flat.classification.class == "wheelchair" && flat.classification.verified {
      #expect(flat.category == "A", "\(flat.flat)")
    }
  }
}

@Suite("The quick decision and the worded match")
struct QuickMatchTests {
  @Test(
    "For every sample household and flat, the group decided without words is the worded match's")
  func quickAgrees() async throws {
    let setup = try sampleSetup()
    let summaries = try await sampleSummaries()
    for household in setup.households {
      let indices = setup.matcher.indices(of: household.needs)
      for (index, flat) in summaries.enumerated() {
        let quick = setup.matcher.quick(household.needs, indices: indices, flat: flat)
        let worded = setup.matcher.match(household.needs, flat: flat, index: index)
        #expect(quick.status == worded.status, "\(household.id) \(flat.flat)")
        #expect(quick.surplus == worded.surplus, "\(household.id) \(flat.flat)")
        if worded.status == .doesNotSuit {
          #expect(quick.incurable == worded.reasons.count, "\(household.id) \(flat.flat)")
        }
        if worded.status == .afterUpgrade {
          #expect(quick.cost == worded.costLow + worded.costHigh, "\(household.id) \(flat.flat)")
        }
        if worded.status == .notKnown {
          #expect(quick.unknownCount == worded.unknownCount, "\(household.id) \(flat.flat)")
        }
      }
    }
  }
}

@Suite("The sample households on the UK ladder")
struct UKMatchTests {
  @Test(
    "On M4(2)/M4(3): a full-time wheelchair user is offered only M4(3) flats; a rollator user step-free ones"
  )
  func wheelchairUsersGetM43() async throws {
    let setup = try NeedsSetup(
      households: repositoryRoot.appendingPathComponent("Samples/needs/households.xml").path,
      profile: "uk-m4-3", scheme: "kingston")
    #expect(setup.mapping.profile == "uk-m4-3")
    #expect(setup.ladder.profiles.map(\.class) == ["accessibleAdaptable", "wheelchairUser"])
    let result = try await BarrierFree.match([quarterSample], setup: setup, limit: 0, jobs: 2)
    let summaries = try await BarrierFree.flatSummaries([quarterSample], setup: setup, jobs: 2)
    let h01 = try #require(result.households.first { $0.household.id == "h01" })
    let offered = (h01.groups[.suits] ?? []).map { result.flats[$0.flat] }
    // The German sample has no M4(3) flat (its main doors' reveals are
    // 250 mm, 200 mm at most): nobody is offered one, as the check says.
    let m43 = result.flats.filter {
      $0.classification.class == "wheelchairUser" && $0.classification.verified
    }
    #expect(offered.count <= m43.count)
    #expect(h01.counts[.suits, default: 0] == 0)
    for flat in offered {
      #expect(flat.classification.class == "wheelchairUser", "\(flat.flat)")
      #expect(flat.classification.verified, "\(flat.flat)")
      #expect(flat.routeSteps == StepCount(count: 0, exact: true), "\(flat.flat)")
    }
    // Every flat that suits the rollator household now is step-free on the
    // way in and inside, and passes M4(2)'s door rules.
    let h06 = try #require(result.households.first { $0.household.id == "h06" })
    let walking = try #require(setup.mapping.needs.firstIndex { $0.id == "walkingAid" })
    #expect((h06.groups[.suits] ?? []).map { result.flats[$0.flat].flat } == ["b5-f1"])
    for match in h06.groups[.suits] ?? [] {
      let flat = summaries[match.flat]
      #expect(flat.routeSteps == StepCount(count: 0, exact: true), "\(flat.flat)")
      #expect(flat.flatSteps.count == 0, "\(flat.flat)")
      #expect(flat.needs[walking].status == .pass, "\(flat.flat)")
    }
    // Kingston's numbers: 1 for the flats a full-time wheelchair user gets.
    for flat in offered { #expect(flat.category == "1", "\(flat.flat)") }
  }
}
