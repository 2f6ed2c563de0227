import Testing

@testable import BarrierFreeModel

@Suite("Domain model")
struct ModelTests {
  private func flat(doors: [Door]) -> Flat {
    Flat(
      id: "f1", entrance: "landing1",
      rooms: [Room(id: "hall", kind: .hallway), Room(id: "bath", kind: .bathroom)],
      connectors: doors.map { .door($0) })
  }

  @Test("A flat's entrance door joins its entrance place to one of its rooms")
  func entranceDoor() {
    let entrance = Door(id: "d0", from: "landing1", to: "hall", clearWidth: .mm(900))
    let inner = Door(id: "d1", from: "hall", to: "bath", clearWidth: .mm(800))
    #expect(flat(doors: [inner, entrance]).entranceDoor == entrance)
    // Either direction counts.
    let reversed = Door(id: "d2", from: "hall", to: "landing1")
    #expect(flat(doors: [reversed]).entranceDoor == reversed)
    #expect(flat(doors: [inner]).entranceDoor == nil)
  }

  @Test("Connectors name their ends; a lift names all its stops")
  func endpoints() {
    let lift = Connector.lift(
      Lift(id: "l", stops: [LiftStop(place: "l0"), LiftStop(place: "l1"), LiftStop(place: "l2")]))
    #expect(lift.endpoints == ["l0", "l1", "l2"])
    #expect(lift.kindName == "lift")
    #expect(Connector.steps(Steps(from: "a", to: "b", count: 3)).endpoints == ["a", "b"])
  }

  @Test("A portfolio counts the buildings of its quarters and its own")
  func portfolioCounts() {
    let building = Building(id: "b1", flats: [Flat(id: "f", entrance: "x")])
    let quarter = Quarter(id: "q", buildings: [building, Building(id: "b2")])
    let portfolio = Portfolio(members: [.quarter(quarter), .building(Building(id: "b3"))])
    #expect(portfolio.allBuildings.map(\.id) == ["b1", "b2", "b3"])
    #expect(portfolio.flatCount == 1)
    #expect(quarter.header.buildings.isEmpty)
    #expect(quarter.header.id == "q")
  }

  @Test("A missing measurement is nil, not zero")
  func missingIsNil() {
    let door = Door(from: "a", to: "b")
    #expect(door.clearWidth == nil)
    #expect(door.threshold == nil)
    let zero = Door(from: "a", to: "b", threshold: .mm(0))
    #expect(zero.threshold == Length.mm(0))
    #expect(door != zero)
  }
}
