/// Every rule BarrierFree knows, in alphabetical order of type name.
///
/// A profile can bind any of them; `barrierfree rules` lists them.
public let allRules: [any Rule.Type] = [
  BathroomDoorOpeningRule.self,
  BathroomDoorUnlockableRule.self,
  BedClearanceRule.self,
  ControlCornerDistanceRule.self,
  ControlHeightRule.self,
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
  RampSlopeRule.self,
  RoomFixturesRecordedRule.self,
  RoomMovementAreaRule.self,
  SanitaryMovementAreaRule.self,
  ShowerGrabBarsRule.self,
  ShowerSizeRule.self,
  ShowerSlipResistanceRule.self,
  ShowerStepRule.self,
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

/// The rule with `id`, if there is one.
public func rule(withID id: String) -> (any Rule.Type)? {
  allRules.first { $0.description.id == id }
}
