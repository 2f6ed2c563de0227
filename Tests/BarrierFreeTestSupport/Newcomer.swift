import BarrierFreeModel

/// Models and texts that tests in several modules share, kept once here.
public enum Newcomer {
  /// The model a newcomer built in code: a 9 m door, a duplicate id and a
  /// door to a room that does not exist. Validation and the writer must both
  /// refuse it with these problems.
  public static let building = Building(
    id: "b1",
    places: [Place(id: "b1-entrance", kind: .entrance), Place(id: "b1-lobby", kind: .lobby)],
    connectors: [
      .door(Door(id: "b1-d-main", from: "b1-entrance", to: "b1-lobby", clearWidth: .mm(9000)))
    ],
    flats: [
      Flat(
        id: "b1-f1", entrance: "b1-lobby",
        rooms: [
          Room(id: "b1-f1-hall", kind: .hallway), Room(id: "b1-f1-bath", kind: .bathroom),
          Room(id: "b1-f1-hall", kind: .living),
        ],
        connectors: [
          .door(Door(id: "b1-f1-entry", from: "b1-lobby", to: "b1-f1-hall", clearWidth: .mm(900))),
          .door(Door(id: "b1-f1-d-bath", from: "b1-f1-hall", to: "b1-f1-bahn")),
        ])
    ])

  /// The problems of ``building``, one per element, in document order.
  public static let problems = [
    "building 'b1' › door 'b1-d-main' (attribute clearWidth): error: door 'b1-d-main': clearWidth 9000 mm is not plausible for a door (expected 300–3000 mm); check the measurement and the unit (lengths are in millimetres)",
    "building 'b1' › flat 'b1-f1' › room 'b1-f1-hall' (attribute id): error: id 'b1-f1-hall' is used twice in this building: the room at building 'b1' › flat 'b1-f1' › room 'b1-f1-hall' has it already, and this room cannot have it too",
    "building 'b1' › flat 'b1-f1' › door 'b1-f1-d-bath' (attribute to): error: door 'b1-f1-d-bath': 'b1-f1-bahn' is not a place or room of building 'b1'; did you mean 'b1-f1-bath'?",
  ]
}
