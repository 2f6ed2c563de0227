import BarrierFreeModel

/// The built-in profiles of other standards than DIN 18040-2.
let kfw = "kfw-barrier-reduced"
let ukAdaptable = "uk-m4-2"
let ukWheelchair = "uk-m4-3"
let iccTypeB = "icc-a117.1-type-b"
let iccTypeA = "icc-a117.1-type-a"

/// `inches` in millimetres, as profiles in inches are stored.
func inches(_ inches: Double) -> Double { Length.inches(inches).millimetres }

extension RuleExample {
  /// The examples written for one profile, under another that binds the
  /// rule with the same thresholds (or with none): the rule must give the
  /// same statuses.
  static func reused(_ examples: [RuleExample], from profile: String, under other: String)
    -> [RuleExample]
  {
    examples.filter { $0.profile == profile }.map { example in
      var copy = example
      copy.profile = other
      copy.note += " (as at \(profile))"
      return copy
    }
  }
}

/// Boundary examples for the profiles of other standards (KfW, UK M4(2) and
/// M4(3), ICC A117.1 Type B and Type A), side by side per rule, so that the differences between the
/// standards read in one place. A rule's own file holds its DIN 18040-2
/// examples; ``examples(of:)`` adds these.
public enum OtherStandardExamples {
  /// The examples of rule `id` under the other standards' profiles.
  public static func examples(of id: String) -> [RuleExample] {
    table[id] ?? []
  }

  private static func own(_ id: String) -> [RuleExample] {
    allRules.first { $0.description.id == id }?.examples ?? []
  }

  /// Ramp runs under UK M4(2).
  private static var ukRampRuns: [RuleExample] {
    let runs: [(slope: Double, run: Double)] = [
      (5.0, 10_000.0), (4.0, 10_000), (6, 6666), (100 / 15, 5000), (100 / 14, 4000),
      (100 / 12, 2000), (9, 2000),
    ]
    // Diagram 2.1: the going allowed shrinks as the gradient steepens,
    // interpolated in N of 1:N between 1:20 (5 %), 1:15 and 1:12: 1:14
    // allows 4 m, 6 % 6666 mm.
    var examples: [RuleExample] = []
    for (slope, run) in runs {
      examples += RuleExample.boundaries(profile: ukAdaptable, .maximum, run) { run in
        .ramp(Ramp(from: "a", to: "b", slope: Slope(percent: slope), length: run, longestRun: run))
      }.filter { $0.expected != .unknown }
    }
    examples += RuleExample.boundaries(profile: ukAdaptable, .minimum, 1200) { landing in
      .ramp(
        Ramp(
          from: "a", to: "b", slope: Slope(percent: 5), length: .mm(20_000),
          longestRun: .mm(8000), landingLength: landing))
    }.filter { $0.expected != .unknown }
    return examples + [
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", slope: Slope(percent: 8.33), longestRun: .mm(9000))),
        profile: ukAdaptable, expected: .fail, note: "9 m at 1:12 (allowed 2 m)"),
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", length: .mm(6000))), profile: ukAdaptable,
        expected: .unknown, note: "6 m, slope not measured"),
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", length: .mm(2000))), profile: ukAdaptable,
        expected: .pass, note: "2 m, slope not measured: short enough at 1:12"),
      RuleExample(
        .ramp(Ramp(from: "a", to: "b", slope: Slope(percent: 5))), profile: ukAdaptable,
        expected: .unknown, note: "1:20, run not measured"),
    ]
  }

  /// ICC A117.1's balcony door: 3/4 in at a sliding door (1003.5 and 1004.5
  /// exceptions), 1/2 in at a hinged one (404.2.5), unknown between the two
  /// when the operation is not recorded.
  private static func iccOutdoorThresholds(_ profile: String) -> [RuleExample] {
    func door(_ operation: DoorOperation?) -> (Length?) -> Element {
      { height in
        Sample.door(.outdoor) {
          $0.threshold = height
          $0.operation = operation
        }
      }
    }
    let between = door(nil)(.mm(inches(0.625)))
    return RuleExample.boundaries(profile: profile, .maximum, inches(0.75), door(.sliding))
      + RuleExample.boundaries(profile: profile, .maximum, inches(0.5), door(.hinged))
      + RuleExample.boundaries(profile: profile, .maximum, inches(0.5), door(nil)).filter {
        $0.expected != .fail
      }
      + [
        RuleExample(
          between, profile: profile, expected: .unknown,
          note: "5/8 in, operation not recorded: 1/2 in, or 3/4 in if sliding"),
        RuleExample(
          door(nil)(.mm(inches(0.75) + 1)), profile: profile, expected: .fail,
          note: "above 3/4 in, operation not recorded"),
        RuleExample(
          door(.hinged)(.mm(inches(0.75))), profile: profile, expected: .fail,
          note: "a hinged balcony door at 3/4 in"),
      ]
  }

  /// Rules whose bindings repeat DIN 18040-2's (barrier-free level) in a
  /// profile: their own examples hold there too.
  private static let sameAsBarrierFree: [String: [String]] = [
    kfw: [
      "bathroom-door.opening", "bathroom-door.unlockable", "control.height",
      "door.clear-width", "door.threshold", "flat.entrance-door", "flat.rooms-reachable",
      "flat.shower", "flat.steps", "hallway.width", "ramp.slope", "room.fixtures-recorded",
      "route.step-free", "shower.slip-resistance", "shower.step",
    ],
    ukAdaptable: [
      "flat.entrance-door", "flat.rooms-reachable", "kitchen.counter-clearance",
      "lift.stop-area", "room.fixtures-recorded", "route.step-free",
    ],
    ukWheelchair: [
      "flat.shower", "hallway.width", "lift.stop-area", "place.movement-area", "ramp.clear-width",
    ],
    iccTypeB: [
      "flat.entrance-door", "flat.rooms-reachable", "room.fixtures-recorded", "route.step-free",
    ],
  ]

  /// Rules whose bindings in a profile repeat another's thresholds.
  private static let sameAs: [(rule: String, from: String, under: String)] = [
    ("path.slope", ukAdaptable, iccTypeB), ("ramp.slope", ukAdaptable, iccTypeB),
    ("lift.cabin", ukAdaptable, ukWheelchair),
    ("door.handle-side-clearance", ukAdaptable, ukWheelchair),
    ("window.sill-height", ukAdaptable, ukWheelchair),
    ("control.corner-distance", ukAdaptable, ukWheelchair),
    ("hallway.width", iccTypeB, iccTypeA), ("kitchen.counter-clearance", iccTypeB, iccTypeA),
    ("control.height", iccTypeB, iccTypeA),
  ]

  private static let table: [String: [RuleExample]] = {
    var result: [String: [RuleExample]] = [:]
    for (profile, rules) in sameAsBarrierFree {
      for rule in rules {
        let id = "din18040-2." + rule
        result[id, default: []] += RuleExample.reused(own(id), from: barrierFree, under: profile)
      }
    }
    for (rule, from, under) in sameAs {
      let id = "din18040-2." + rule
      result[id, default: []] += RuleExample.reused(
        examples(of: id, in: boundaries) + own(id), from: from, under: under)
    }
    result["din18040-2.kitchen.counter-clearance", default: []] += RuleExample.reused(
      own("din18040-2.kitchen.counter-clearance"), from: wheelchair, under: ukWheelchair)
    for (id, examples) in boundaries {
      result[id, default: []] += examples
    }
    return result
  }()

  private static func examples(of id: String, in table: [String: [RuleExample]]) -> [RuleExample] {
    table[id] ?? []
  }

  /// Examples at the thresholds where the standards differ from DIN 18040-2.
  private static var boundaries: [String: [RuleExample]] {
    func door(_ role: DoorRole, _ edit: @escaping (inout Door, Length?) -> Void)
      -> (Length?) -> Element
    {
      { value in Sample.door(role) { edit(&$0, value) } }
    }
    let width = { (door: inout Door, value: Length?) in door.clearWidth = value }
    let threshold = { (door: inout Door, value: Length?) in door.threshold = value }
    func lift(door: Length? = .mm(900), controls: Length? = .mm(1000)) -> Element {
      .lift(
        Lift(
          id: "lift", cabinWidth: .mm(1100), cabinDepth: .mm(1400), doorClearWidth: door,
          controlHeight: controls))
    }
    func control(_ height: Length?) -> Element {
      Sample.fixture(.control(Control(kind: .switch, height: height)), in: .hallway)
    }
    func bed(_ left: Length?, _ right: Length?) -> Element {
      Sample.room(.bedroom) {
        $0.fixtures = [.bed(Bed(clearanceLeft: left, clearanceRight: right))]
      }
    }
    func window(_ edit: @escaping (Length?) -> Window) -> (Length?) -> Element {
      { value in Sample.room(.living) { $0.fixtures = [.window(edit(value))] } }
    }
    func path(_ geometry: PathGeometry) -> Element {
      .path(Path(from: "street", to: "entrance", geometry: geometry))
    }
    func washbasin(_ areas: [MovementArea]) -> Element {
      Sample.fixture(
        .washbasin(Washbasin(common: FixtureCommon(movementArea: areas.first))), in: .bathroom)
    }
    func entrance(_ areas: [MovementArea]) -> Element {
      .place(Place(id: "entrance", kind: .entrance, movementAreas: areas))
    }
    func space(_ areas: [MovementArea], front: MovementArea? = Sample.area(1200, 1200)) -> Element {
      let fixtures: [Fixture] = areas.map {
        .wheelchairSpace(
          WheelchairSpace(
            common: FixtureCommon(movementArea: front), width: $0.width, depth: $0.depth,
            socket: true))
      }
      return Sample.flat([Room(id: "hall", kind: .hallway, fixtures: fixtures)])
    }
    return [
      "din18040-2.door.clear-width":
        RuleExample.boundaries(profile: ukAdaptable, .minimum, 850, door(.flatEntrance, width))
        + RuleExample.boundaries(profile: ukAdaptable, .minimum, 850, door(.outdoor, width))
        + RuleExample.boundaries(profile: ukAdaptable, .minimum, 750, door(.interior, width))
        + RuleExample.boundaries(profile: ukWheelchair, .minimum, 850, door(.interior, width))
        + RuleExample.boundaries(
          profile: iccTypeB, .minimum, inches(32), door(.flatEntrance, width))
        + RuleExample.boundaries(
          profile: iccTypeB, .minimum, inches(31.75), door(.interior, width))
        + RuleExample.boundaries(profile: iccTypeA, .minimum, inches(32), door(.bathroom, width)),
      "din18040-2.door.threshold":
        RuleExample.boundaries(profile: ukAdaptable, .maximum, 15, door(.flatEntrance, threshold))
        + RuleExample.boundaries(profile: ukWheelchair, .maximum, 15, door(.outdoor, threshold))
        + RuleExample.boundaries(
          profile: iccTypeB, .maximum, inches(0.5), door(.interior, threshold))
        + RuleExample.boundaries(
          profile: iccTypeA, .maximum, inches(0.5), door(.bathroom, threshold))
        + iccOutdoorThresholds(iccTypeB) + iccOutdoorThresholds(iccTypeA),
      "din18040-2.door.handle-side-clearance": RuleExample.boundaries(
        profile: ukAdaptable, .minimum, 300,
        door(.flatEntrance) { $0.handleSideClearance = $1 }),
      "din18040-2.door.reveal-depth": RuleExample.boundaries(
        profile: ukAdaptable, .maximum, 200, door(.common) { $0.revealDepth = $1 }),
      "din18040-2.hallway.width":
        RuleExample.boundaries(profile: ukAdaptable, .minimum, 900) { width in
          Sample.room(.hallway) { $0.width = width }
        }
        + RuleExample.boundaries(profile: iccTypeB, .minimum, inches(36)) { width in
          Sample.room(.hallway) { $0.width = width }
        },
      "din18040-2.lift.cabin":
        RuleExample.boundaries(profile: kfw, .minimum, 800) { lift(door: $0) }
        + RuleExample.boundaries(profile: ukAdaptable, .minimum, 800) { lift(door: $0) }
        + RuleExample.boundaries(profile: ukAdaptable, .maximum, 1200) { lift(controls: $0) },
      "din18040-2.sanitary.movement-area":
        RuleExample.rectangle(profile: kfw, 900, 1200, washbasin)
        + RuleExample.rectangle(profile: ukAdaptable, 700, 1100, washbasin)
        + RuleExample.rectangle(profile: iccTypeB, inches(30), inches(48), washbasin),
      "din18040-2.control.height":
        RuleExample.range(profile: ukAdaptable, 450, 1200, control)
        + RuleExample.range(profile: ukWheelchair, 700, 1000, control)
        + RuleExample.range(profile: iccTypeB, inches(15), inches(48), control),
      "din18040-2.control.corner-distance": RuleExample.boundaries(
        profile: ukAdaptable, .minimum, 300
      ) { distance in
        Sample.fixture(.control(Control(kind: .socket, cornerDistance: distance)), in: .bedroom)
      },
      "din18040-2.bed.clearance":
        RuleExample.boundaries(profile: ukAdaptable, .minimum, 750) { bed($0, .mm(750)) }
        + RuleExample.boundaries(profile: ukWheelchair, .minimum, 1000) { bed(.mm(1000), $0) },
      "din18040-2.window.sill-height": RuleExample.boundaries(
        profile: ukAdaptable, .maximum, 850, window { Window(sillHeight: $0) }),
      "din18040-2.window.handle-height":
        RuleExample.range(profile: ukAdaptable, 450, 1200, window { Window(handleHeight: $0) })
        + RuleExample.range(profile: ukWheelchair, 700, 1000, window { Window(handleHeight: $0) }),
      "din18040-2.path.width":
        RuleExample.boundaries(profile: ukAdaptable, .minimum, 900) {
          path(PathGeometry(width: $0))
        }
        + RuleExample.boundaries(profile: ukWheelchair, .minimum, 1200) {
          path(PathGeometry(width: $0))
        }
        + RuleExample.boundaries(profile: iccTypeB, .minimum, inches(36)) {
          path(PathGeometry(width: $0))
        },
      "din18040-2.path.slope":
        RuleExample.ratio(profile: ukAdaptable, 1, 20) {
          path(PathGeometry(length: .mm(20_000), slope: $0))
        },
      "din18040-2.path.cross-slope":
        RuleExample.ratio(profile: ukAdaptable, 1, 40) {
          path(PathGeometry(slope: .percent(1), crossSlope: $0))
        }
        + RuleExample.ratio(profile: iccTypeB, 1, 48) {
          path(PathGeometry(slope: .percent(1), crossSlope: $0))
        },
      "din18040-2.place.movement-area": RuleExample.square(profile: ukAdaptable, 1200, entrance),
      "din18040-2.ramp.slope":
        RuleExample.ratio(profile: ukAdaptable, 1, 12) {
          .ramp(Ramp(from: "street", to: "entrance", slope: $0))
        },
      "din18040-2.ramp.clear-width":
        RuleExample.boundaries(profile: ukAdaptable, .minimum, 900) {
          .ramp(Ramp(from: "a", to: "b", clearWidth: $0))
        }
        + RuleExample.boundaries(profile: iccTypeB, .minimum, inches(36)) {
          .ramp(Ramp(from: "a", to: "b", clearWidth: $0))
        },
      "din18040-2.ramp.runs": ukRampRuns,
      "din18040-2.room.movement-area":
        RuleExample.square(profile: ukWheelchair, 1500) { areas in
          Sample.room(.kitchen) { $0.movementAreas = areas }
        }
        + RuleExample.square(profile: iccTypeA, inches(60)) { areas in
          Sample.room(.living) { $0.movementAreas = areas }
        },
      "din18040-2.kitchen.counter-clearance": RuleExample.boundaries(
        profile: iccTypeB, .minimum, inches(40)
      ) { depth in
        Sample.fixture(
          .kitchenCounter(
            KitchenCounter(common: FixtureCommon(movementArea: MovementArea(depth: depth)))),
          in: .kitchen)
      },
      "din18040-2.ramp.cross-slope": RuleExample.ratio(profile: iccTypeB, 1, 48) {
        .ramp(Ramp(from: "a", to: "b", crossSlope: $0))
      },
      "din18040-2.wc.seat-height": RuleExample.range(profile: iccTypeA, inches(17), inches(19)) {
        Sample.fixture(.wc(WC(seatHeight: $0)), in: .bathroom)
      },
      "din18040-2.shower.size": RuleExample.square(profile: iccTypeA, inches(36)) { areas in
        Sample.fixture(
          .shower(Shower(width: areas.first?.width, depth: areas.first?.depth)), in: .bathroom)
      },
      "din18040-2.flat.wheelchair-space": RuleExample.rectangle(
        profile: ukWheelchair, 1700, 1100
      ) { space($0) }.filter { $0.note != "no area recorded" }
        + RuleExample.rectangle(profile: ukWheelchair, 1200, 1200) { front in
          space([Sample.area(1700, 1100)], front: front.first)
        },
    ]
  }
}
