import BarrierFreeUpgrades

// Small catalogues for the planner's tests, with figures from
// shared/reference/upgrade-costs.md; fixed here so that the tests do not
// move when the built-in catalogue does.

/// Two measures for doors, priced as the reference prices them (M1, M1b of
/// shared/reference/upgrade-costs.md), and one for a WC's seat height.
public let doorMeasures = [
  Measure(
    id: "door.widen-light-wall", title: "Widen the door in a light partition wall",
    clears: [ClearedRule(rule: "door.clear-width")],
    changes: [.set(attribute: "clearWidth", value: .required)], unit: .door,
    cost: CostRange(
      low: 500, high: 1500, priceYear: 2020, source: "haus-selber-bauen.com",
      certainty: .oneSource),
    surveyWhen: [.loadBearingWallUnknown], fundingArea: 4, careInsurance: true),
  Measure(
    id: "door.widen-masonry", title: "Widen the door in a load-bearing wall, new lintel",
    clears: [ClearedRule(rule: "door.clear-width")],
    changes: [.set(attribute: "clearWidth", value: .required)], unit: .door,
    cost: CostRange(
      low: 1050, high: 2000, priceYear: 2025, source: "hausplanen.com", certainty: .oneSource),
    fundingArea: 4, careInsurance: true),
  Measure(
    id: "wc.rehang", title: "Re-hang the wall-hung WC higher",
    clears: [ClearedRule(rule: "wc.seat-height")],
    changes: [.set(attribute: "seatHeight", value: .required)], unit: .lumpSum,
    cost: CostRange(
      low: 300, high: 1000, priceYear: 2026, source: "aroundhome.de", certainty: .inferred),
    fundingArea: 5, careInsurance: true),
]

/// A ramp for low steps and a lift stop for a missed landing (M7, M10 of
/// the reference).
public let accessMeasures = [
  Measure(
    id: "ramp.concrete", title: "Build a concrete ramp in place of the steps",
    clears: [ClearedRule(rule: "route.step-free")], changes: [.rampForSteps],
    unit: .metre,
    cost: CostRange(
      low: 550, high: 550, priceYear: 2022, source: "listando.de", certainty: .oneSource),
    fundingArea: 1, careInsurance: true),
  Measure(
    id: "lift.add-stop", title: "Extend the lift to stop at the landing",
    clears: [ClearedRule(rule: "route.step-free")], changes: [.liftStop],
    unit: .stop,
    cost: CostRange(
      low: 15000, high: 20000, priceYear: 2021, source: "kostencheck.de", certainty: .oneSource),
    surveyWhen: [.shaftSpace], fundingArea: 3),
]

/// A threshold removed and a shower made floor-level (M2, M3b of the
/// reference).
public let bathAndThresholdMeasures = [
  Measure(
    id: "door.remove-threshold", title: "Remove the threshold, fit a transition profile",
    clears: [ClearedRule(rule: "door.threshold")],
    changes: [.set(attribute: "threshold", value: .number(0))], unit: .door,
    cost: CostRange(
      low: 100, high: 400, priceYear: 2026, source: "inferred from hausplanen.com's hourly rate",
      certainty: .inferred),
    fundingArea: 4, careInsurance: true),
  Measure(
    id: "shower.floor-level", title: "Replace the shower tray by a floor-level shower",
    clears: [
      ClearedRule(rule: "shower.step"), ClearedRule(rule: "shower.size"),
    ],
    changes: [
      .set(attribute: "floorLevel", value: .word("true")),
      .set(attribute: "step", value: .number(0)),
      .set(attribute: "width", value: .requiredBy("shower.size")),
      .set(attribute: "depth", value: .requiredBy("shower.size")),
    ],
    unit: .lumpSum,
    cost: CostRange(
      low: 1500, high: 4000, priceYear: 2024, source: "hausjournal.net", certainty: .oneSource),
    surveyWhen: [.floorBuildUpUnknown], fundingArea: 5, careInsurance: true),
]
