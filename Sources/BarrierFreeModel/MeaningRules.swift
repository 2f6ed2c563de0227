/// What makes a portfolio make sense beyond its shape, and how each problem is
/// said: the one source of truth for the streaming reader's checks of meaning
/// (BarrierFreeXML) and for ``Building/validate()`` on a model built in code.
///
/// Both callers walk the elements their own way (the reader as the text
/// streams past, the validation over the values) and ask here what is valid
/// and for the words; a message therefore reads the same whichever found the
/// problem, apart from where it says the first of two duplicates is.
package enum MeaningRules {
  /// What an id of a building names.
  package enum IdentifiedKind: Sendable, Hashable {
    case place, room, flat
    case connector(String)
    case fixture(String)

    /// The element's name in messages: `place`, `door`, `wc`.
    package var noun: String {
      switch self {
      case .place: "place"
      case .room: "room"
      case .flat: "flat"
      case .connector(let name), .fixture(let name): name
      }
    }
  }

  /// The role of a reference within a building, which decides the kinds of
  /// element it may name.
  package enum ReferenceRole: Sendable, Hashable {
    /// The from or to of a connector: a place or a room.
    case connectorEnd
    /// A lift stop: a place.
    case liftStop
    /// A flat's entrance: a place.
    case flatEntrance

    /// Whether a reference in this role may name an element of `kind`.
    package func accepts(_ kind: IdentifiedKind) -> Bool {
      switch (self, kind) {
      case (.connectorEnd, .place), (.connectorEnd, .room), (.liftStop, .place),
        (.flatEntrance, .place):
        true
      default:
        false
      }
    }

    /// What the reference should name, for messages.
    package var expected: String {
      switch self {
      case .connectorEnd: "a place or room"
      case .liftStop, .flatEntrance: "a place"
      }
    }
  }

  /// How many unresolved references of one building get a "did you mean":
  /// each suggestion compares the id with every id of the building.
  package static let suggestionLimit = 20

  /// The element that makes a reference, described only when a message needs
  /// it: building the text for every connector would cost the reader more
  /// than the check.
  package enum Owner: CustomStringConvertible, Sendable {
    /// A connector: `door 'd1'`, or `door from 'a' to 'b'` without an id.
    case connector(kind: String, id: String?, from: String, to: String)
    /// An element with an id: `flat 'f1'`, `lift 'l1'`.
    case named(kind: String, id: String)

    package var description: String {
      switch self {
      case .connector(let kind, let id, let from, let to):
        id.map { "\(kind) '\($0)'" } ?? "\(kind) from '\(from)' to '\(to)'"
      case .named(let kind, let id):
        "\(kind) '\(id)'"
      }
    }
  }

  // MARK: - Ids

  /// A second element of a building with an id already taken; `firstPosition`
  /// says where the first is (`on line 15`, or its path in a model).
  package static func duplicateID(
    _ id: String, first: IdentifiedKind, firstPosition: String, second: IdentifiedKind
  ) -> String {
    "id '\(id)' is used twice in this building: the \(first.noun) \(firstPosition) has it already, and this \(second.noun) cannot have it too"
  }

  /// A second building with an id already taken in the portfolio.
  package static func duplicateBuilding(_ id: String, firstPosition: String) -> String {
    "building id '\(id)' is used twice; the first building with it is \(firstPosition). Each building needs its own id"
  }

  /// A second quarter with an id already taken in the portfolio.
  package static func duplicateQuarter(_ id: String, firstPosition: String) -> String {
    "quarter id '\(id)' is used twice; the first quarter with it is \(firstPosition)"
  }

  /// A second place of a quarter with an id already taken there.
  package static func duplicateQuarterPlace(_ id: String, firstPosition: String) -> String {
    "place id '\(id)' is used twice in this quarter; the first is \(firstPosition)"
  }

  /// A second facility of a quarter with an id already taken there.
  package static func duplicateFacility(_ id: String, firstPosition: String) -> String {
    "facility id '\(id)' is used twice in this quarter; the first is \(firstPosition)"
  }

  // MARK: - References within a building

  /// What is wrong with a reference in `role` to `id`, which names an element
  /// of kind `found` (nil: nothing) in building `building`; nil when nothing
  /// is. `suggestion` is a defined id of the right kind close to `id`.
  package static func referenceProblem(
    owner: Owner, id: String, role: ReferenceRole, found: IdentifiedKind?,
    building: String, suggestion: String?
  ) -> String? {
    switch (role, found) {
    case (_, .some(let kind)) where role.accepts(kind):
      return nil
    case (.liftStop, .room):
      return
        "\(owner): stop '\(id)' is a room; a lift stops at a place of the building (a landing or lobby)"
    case (.flatEntrance, .room):
      return
        "\(owner): entrance '\(id)' is a room; name the place outside the flat's entrance door (a landing or corridor)"
    case (_, .some(let kind)):
      return "\(owner): '\(id)' is a \(kind.noun), not \(role.expected)"
    case (_, .none):
      let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
      let message =
        switch role {
        case .connectorEnd:
          "'\(id)' is not a place or room of building '\(building)'"
        case .liftStop:
          "stop '\(id)' is not a place of building '\(building)' (a lift stops at a landing or lobby)"
        case .flatEntrance:
          "entrance '\(id)' is not a place of building '\(building)'"
        }
      return "\(owner): \(message)\(hint)"
    }
  }

  /// Resolves a building's references once all its ids are known, as the
  /// reader does at the building's end tag and validation at the building's
  /// end: for each reference that names nothing or the wrong kind, in order,
  /// `report` gets it and its message, and returns false to stop. Only the
  /// first ``suggestionLimit`` ids that name nothing get a "did you mean".
  package static func resolve<Reference>(
    _ references: [Reference], building: String,
    target: (Reference) -> (id: String, role: ReferenceRole, owner: Owner),
    kind: (String) -> IdentifiedKind?,
    candidates: () -> some Sequence<(id: String, kind: IdentifiedKind)>,
    report: (Reference, String) -> Bool
  ) {
    var suggestionsLeft = suggestionLimit
    for reference in references {
      let (id, role, owner) = target(reference)
      let found = kind(id)
      if let found, role.accepts(found) { continue }
      var suggested: String?
      if found == nil {
        suggestionsLeft -= 1
        if suggestionsLeft >= 0 {
          suggested = suggestion(for: id, role: role, among: candidates())
        }
      }
      if let message = referenceProblem(
        owner: owner, id: id, role: role, found: found, building: building,
        suggestion: suggested),
        !report(reference, message)
      {
        return
      }
    }
  }

  /// The defined id closest to a misspelt one, if one is within two edits
  /// and of a kind `role` accepts; of equally close ones the smallest, so
  /// that the answer does not depend on the order of `candidates`.
  package static func suggestion(
    for id: String, role: ReferenceRole,
    among candidates: some Sequence<(id: String, kind: IdentifiedKind)>
  ) -> String? {
    var best: (id: String, distance: Int)?
    for (candidate, kind) in candidates where role.accepts(kind) {
      let distance = DidYouMean.distance(id, candidate, limit: 2)
      guard distance <= 2 else { continue }
      if let current = best,
        distance > current.distance || (distance == current.distance && candidate >= current.id)
      {
        continue
      }
      best = (candidate, distance)
    }
    return best?.id
  }

  // MARK: - Connectors and flats

  /// A connector whose two ends are the same place.
  package static func joinsItself(_ owner: Owner, end: String) -> String {
    "\(owner) joins '\(end)' to itself; from and to must name two different places"
  }

  /// Whether a lift joins nothing: every stop at the same place. A lift
  /// joins every pair of its stops, so with one place it is like a path
  /// from a place to itself.
  package static func stopsAtOnePlace(_ lift: Lift) -> String? {
    guard let first = lift.stops.first?.place, !first.isEmpty,
      lift.stops.allSatisfy({ $0.place == first })
    else { return nil }
    return "lift '\(lift.id)' stops only at '\(first)'; a lift must join two different places"
  }

  /// A movement area of a door or ramp that does not say its side.
  package static func movementAreaWithoutSide(of parent: String) -> String {
    "a movement area of a \(parent) needs side=\"from\" or side=\"to\" to say which side it lies on"
  }

  /// A connector listed in a flat that joins none of the flat's rooms.
  package static func connectorOutsideFlat(
    _ owner: Owner, flat: String, from: String, to: String
  ) -> String {
    "\(owner) is inside flat '\(flat)' but joins '\(from)' and '\(to)', neither of which is a room of this flat; move it to the flat or building it belongs to"
  }

  /// What is worth a warning about a complete flat: no rooms, or no entrance
  /// door; nil when neither.
  package static func flatWarning(_ flat: Flat) -> String? {
    if flat.rooms.isEmpty {
      return "flat '\(flat.id)' has no rooms: nothing inside it can be checked"
    }
    if flat.entranceDoor == nil {
      return
        "flat '\(flat.id)' has no door from its entrance '\(flat.entrance)' to one of its rooms; no route can reach the flat until its entrance door is recorded"
    }
    return nil
  }

  // MARK: - References of a quarter

  /// A quarter's reference to a place a building of the quarter lacks.
  package static func notAPlaceOfBuilding(owner: String, place: String, building: String)
    -> String
  {
    "\(owner): '\(place)' is not a place of building '\(building)'"
  }

  /// A quarter's reference to a place of its own that it lacks.
  package static func notAPlaceOfQuarter(owner: String, place: String) -> String {
    "\(owner): '\(place)' is not a place of this quarter; name a quarter place, or add fromBuilding/toBuilding for a place of a building"
  }

  /// A quarter's reference to a building it does not have.
  package static func notABuildingOfQuarter(owner: String, building: String) -> String {
    "\(owner): building '\(building)' is not a building of this quarter"
  }

  /// How an outdoor path is named in a reference's message: `outdoor path
  /// 'p1'`, or `outdoor path from 'b1/entrance' to 'street'`.
  package static func outdoorPathOwner(_ path: OutdoorPath) -> String {
    path.id.map { "outdoor path '\($0)'" } ?? "outdoor path from '\(path.from)' to '\(path.to)'"
  }
}
