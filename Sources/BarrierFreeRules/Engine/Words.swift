import BarrierFreeModel

// Messages and remedies are read by surveyors and owners, not by the
// format's authors: they name things in words, not by the format's enum
// values (`doorOpener`, `oneSide`, `from`). Where a text tells the surveyor
// what to record, it names the attribute (`record opensInto`).

extension Handrails {
  /// `on one side only`, for a message.
  var words: String {
    switch self {
    case .none: "none"
    case .oneSide: "on one side only"
    case .bothSides: "on both sides"
    }
  }
}

extension ControlKind {
  /// `door opener`, for a remedy.
  var words: String {
    switch self {
    case .switch: "switch"
    case .socket: "socket"
    case .intercom: "intercom"
    case .doorOpener: "door opener"
    case .bell: "bell"
    case .thermostat: "thermostat"
    case .other: "control"
    }
  }
}

extension RoomKind {
  /// `WC`, `living room`, for a message.
  var words: String {
    switch self {
    case .wc: "WC"
    case .living: "living room"
    case .other: "room"
    default: rawValue
    }
  }
}

extension Fixture {
  /// `WC`, `kitchen units`, for a remedy.
  var words: String {
    switch self {
    case .wc: "WC"
    case .kitchenCounter: "kitchen units"
    case .wheelchairSpace: "wheelchair space"
    default: kindName
    }
  }
}
