/// Every rule BarrierFree knows, in alphabetical order of type name.
///
/// A profile can bind any of them; `barrierfree rules` lists them.
public let allRules: [any Rule.Type] = [
  BathroomDoorOpeningRule.self,
  BathroomDoorUnlockableRule.self,
  BedClearanceRule.self,
  ControlCornerDistanceRule.self,
  ControlHeightRule.self,
  CorridorWidthRule.self,
  DoorClearHeightRule.self,
  DoorClearWidthRule.self,
  DoorHandleClearanceRule.self,
  DoorHandleHeightRule.self,
  DoorManoeuvringAreaRule.self,
  DoorRevealDepthRule.self,
  DoorThresholdRule.self,
  EntranceDoorRecordedRule.self,
  FlatShowerRule.self,
  FurnitureClearanceRule.self,
  HallwayWidthRule.self,
  KitchenCounterClearanceRule.self,
  LiftCabinRule.self,
  LiftStopAreaRule.self,
  ParkingSpaceRule.self,
  PathCrossSlopeRule.self,
  PathSlopeRule.self,
  PathSurfaceRule.self,
  PathWidthRule.self,
  PlaceMovementAreaRule.self,
  PlatformLiftRule.self,
  RampCrossSlopeRule.self,
  RampHandrailsRule.self,
  RampLandingAreaRule.self,
  RampRunRule.self,
  RampSlopeRule.self,
  RampWidthRule.self,
  RoomFixturesRecordedRule.self,
  RoomMovementAreaRule.self,
  RoomsReachableRule.self,
  SanitaryMovementAreaRule.self,
  ShowerGrabBarsRule.self,
  ShowerSizeRule.self,
  ShowerSlipResistanceRule.self,
  ShowerStepRule.self,
  StairHandrailsRule.self,
  StepFreeRouteRule.self,
  StepsInFlatRule.self,
  WCBackrestRule.self,
  WCGrabBarsRule.self,
  WCProjectionRule.self,
  WCSeatHeightRule.self,
  WCSideClearanceRule.self,
  WCTransferAreaRule.self,
  WashbasinHeightRule.self,
  WashbasinKneeSpaceRule.self,
  WheelchairSpaceRule.self,
  WindowHandleHeightRule.self,
  WindowSillHeightRule.self,
]

/// The rule with `id`, if there is one; a former id (an alias,
/// `din18040-2.door.clear-width`) finds the rule too.
public func rule(withID id: String) -> (any Rule.Type)? {
  rulesByID[id]
}

/// Every rule by its id and by its former ids (a rule's own id first: an
/// alias never shadows it). A dictionary, not a search: reports look a
/// rule's title up for every group of findings they write.
private let rulesByID: [String: any Rule.Type] = {
  var table: [String: any Rule.Type] = [:]
  for rule in allRules { table[rule.description.id] = table[rule.description.id] ?? rule }
  for rule in allRules {
    for alias in rule.description.aliases where table[alias] == nil { table[alias] = rule }
  }
  return table
}()

/// The current id of each rule that was renamed, by its former id
/// (`din18040-2.door.clear-width` → `door.clear-width`).
public let renamedRuleIDs: [String: String] = Dictionary(
  allRules.flatMap { rule in rule.description.aliases.map { ($0, rule.description.id) } },
  uniquingKeysWith: { first, _ in first })

/// `id` if it is no rule's former id, else the rule's current id.
public func currentRuleID(_ id: String) -> String {
  renamedRuleIDs[id] ?? id
}
