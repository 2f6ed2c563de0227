import BarrierFreeModel

/// The best routes through one building at one ladder level.
///
/// The places are vertices; every connector is a vertex of its own between
/// its two places, so that a route names the connectors it uses and parallel
/// connectors (steps and the stair lift beside them) stay apart; a lift is a
/// cabin vertex joined to the place of each stop it serves. The cost of
/// entering a connector counts its fails, then its unknowns, then one step,
/// so Dijkstra's shortest route is the one with the fewest fails, then the
/// fewest unknowns, then the fewest connectors (then: from a public way
/// rather than a parking space). Arriving at a place adds its own fails and
/// unknowns (a narrow corridor, no area in front of the entrance). One search from all sources
/// at once (public ways and accessible parking spaces) serves every flat.
struct RouteAnalysis {
  /// What a route collects at one vertex: its name, what stands in the way
  /// there, and that in words.
  struct Visit {
    var label: String
    /// Whether the route lists the vertex (a lift's stop is not listed; what
    /// fails in front of its door is).
    var shown: Bool
    var open: [Finding]
    var failing: String?
    var unknown: String?

    /// `blocking` (steps) stands for all fails, and hides the unknowns.
    init(label: String, findings: [Finding], blocking: String? = nil, shown: Bool = true) {
      self.label = label
      self.shown = shown
      open = findings.filter(\.isOpen)
      let fails =
        blocking.map { [$0] }
        ?? open.filter { $0.status == .fail }.map(\.evaluation.message)
      failing = fails.isEmpty ? nil : "\(label): \(fails.joined(separator: "; "))"
      let unknowns = open.filter { $0.status == .unknown }.map(\.evaluation.message)
      unknown =
        blocking != nil || unknowns.isEmpty
        ? nil : "\(label): \(unknowns.joined(separator: "; "))"
    }
  }

  private let graph: RouteGraph
  private let placeIndex: [String: Int]
  private let placeIDs: [String]
  /// What a route passing each vertex collects, made once per building and
  /// level rather than once per flat.
  private let visits: [Visit?]
  /// What entering each vertex costs.
  private let vertexCost: [Int]
  /// How long each vertex makes a route: a path's or ramp's length, 0 for
  /// places, doors, lifts and steps, nil for a path or ramp not measured.
  private let lengths: [Double?]
  private let distances: [Int?]
  private let arrivals: [RouteGraph.Edge?]
  private let source: Int
  private let hasSources: Bool

  /// Builds the graph of `building` with the findings of its connectors at
  /// one level (`connectorFindings[i]` for `building.connectors[i]`, and
  /// `stopFindings[i][k]` for stop `k` of the lift at index `i`) and runs
  /// the search.
  init(
    building: Building, placeFindings: [String: [Finding]], connectorFindings: [[Finding]],
    stopFindings: [Int: [[Finding]]]
  ) {
    var graph = RouteGraph()
    // Every vertex has a cost, paid on entering it: what fails there, then
    // what is unknown, then two per connector (so that a route from a
    // parking space can cost one more than an equal one from the public
    // way, which reads better).
    var vertexCost: [Int] = []
    var visits: [Visit?] = []
    var lengths: [Double?] = []
    func cost(_ findings: [Finding], blocking: String?, step: Int) -> Int {
      let fails = findings.count { $0.status == .fail } + (blocking == nil ? 0 : 1)
      let unknowns = findings.count { $0.status == .unknown }
      return fails << 40 + unknowns << 20 + step
    }
    func vertex(_ visit: Visit?, cost: Int, length: Double? = 0) -> Int {
      let added = graph.addVertex()
      vertexCost.append(cost)
      visits.append(visit)
      lengths.append(length)
      return added
    }
    func link(_ a: Int, _ b: Int) {
      graph.addEdge(from: a, to: b, weight: vertexCost[b])
      graph.addEdge(from: b, to: a, weight: vertexCost[a])
    }
    var placeIndex: [String: Int] = [:]
    var placeIDs: [String] = []
    for place in building.places where placeIndex[place.id] == nil {
      let findings = placeFindings[place.id] ?? []
      placeIndex[place.id] = vertex(
        Visit(label: place.id, findings: findings), cost: cost(findings, blocking: nil, step: 0))
      placeIDs.append(place.id)
    }
    var counts: [String: Int] = [:]
    for (index, connector) in building.connectors.enumerated() {
      counts[connector.kindName, default: 0] += 1
      let label =
        "\(connector.kindName) \(connector.id ?? "#\(counts[connector.kindName, default: 1])")"
      let findings = index < connectorFindings.count ? connectorFindings[index] : []
      switch connector {
      case .lift(let lift):
        // The cabin, and one vertex per stop for the area in front of its
        // door: a lift joins only the stops it serves.
        let cabin = vertex(
          Visit(label: label, findings: findings), cost: cost(findings, blocking: nil, step: 2))
        for (stopIndex, stop) in lift.stops.enumerated() {
          guard let place = placeIndex[stop.place] else { continue }
          let atStop = stopFindings[index]?[stopIndex] ?? []
          let stopVertex = vertex(
            Visit(label: "\(label) at \(stop.place)", findings: atStop, shown: false),
            cost: cost(atStop, blocking: nil, step: 0))
          link(place, stopVertex)
          link(stopVertex, cabin)
        }
      default:
        let ends = connector.endpoints
        guard ends.count == 2, let from = placeIndex[ends[0]], let to = placeIndex[ends[1]]
        else { continue }
        var blocking: String?
        var length: Double? = 0
        switch connector {
        case .steps(let steps):
          let count = steps.count.map { "\($0) steps" } ?? "steps"
          blocking =
            steps.count == 0 ? nil : "\(count) between '\(steps.from)' and '\(steps.to)'"
        case .stairLift(let lift) where lift.kind == .seat:
          blocking = "a seat stair lift carries no wheelchair"
        case .path(let path): length = path.geometry.length?.millimetres
        case .ramp(let ramp): length = ramp.length?.millimetres
        default: break
        }
        let middle = vertex(
          Visit(label: label, findings: findings, blocking: blocking),
          cost: cost(findings, blocking: blocking, step: 2), length: length)
        link(from, middle)
        link(middle, to)
      }
    }
    let source = vertex(nil, cost: 0)
    var hasSources = false
    for place in building.places
    where place.kind == .publicWay || (place.kind == .parkingSpace && place.accessible == true) {
      guard let index = placeIndex[place.id] else { continue }
      let bias = place.kind == .parkingSpace ? 1 : 0
      graph.addEdge(from: source, to: index, weight: vertexCost[index] + bias)
      hasSources = true
    }
    let (distances, arrivals) = graph.shortestPaths(from: source)
    self.graph = graph
    self.placeIndex = placeIndex
    self.placeIDs = placeIDs
    self.visits = visits
    self.vertexCost = vertexCost
    self.lengths = lengths
    self.distances = distances
    self.arrivals = arrivals
    self.source = source
    self.hasSources = hasSources
  }

  /// The best legs from `origin` to each of `targets` (places of the
  /// building), for the quarter view: what fails or is unknown on each, and
  /// its length where every path and ramp on it is measured.
  func legs(from origin: String, to targets: [String]) -> [String: Leg] {
    guard let root = placeIndex[origin] else { return [:] }
    let (distances, arrivals) = graph.shortestPaths(from: root)
    var result: [String: Leg] = [:]
    for target in targets {
      guard let end = placeIndex[target], end < distances.count, let cost = distances[end]
      else { continue }
      // The origin's own cost counts too (Dijkstra starts there for free).
      var leg = Leg(cost: cost + vertexCost[root], length: .mm(0))
      var current = end
      var walked = 0
      while true {
        if let visit = visits[current] {
          if let failing = visit.failing { leg.failing.append(failing) }
          if let unknown = visit.unknown { leg.unknown.append(unknown) }
        }
        if let length = leg.length {
          leg.length = lengths[current].map { length + .mm($0) }
        }
        guard current != root, let edge = arrivals[current], walked <= graph.vertexCount
        else { break }
        current = edge.from
        walked += 1
      }
      leg.failing.reverse()
      leg.unknown.reverse()
      result[target] = leg
    }
    return result
  }

  /// The best route to `place`, and the fails and unknowns of the places
  /// and connectors on it (their passes are the building's; a long route
  /// would otherwise copy thousands of them into every flat).
  func route(to place: String) -> (RouteSummary, [Finding]) {
    guard hasSources else { return (RouteSummary(outcome: .noSource, target: place), []) }
    guard let target = placeIndex[place], target < distances.count, distances[target] != nil
    else { return (RouteSummary(outcome: .unreachable, target: place), []) }
    // Walk back from the target to the source.
    var vertices: [Int] = [target]
    var current = target
    while current != source, let edge = arrivals[current] {
      current = edge.from
      vertices.append(current)
    }
    vertices.reverse()
    var summary = RouteSummary(outcome: .found, target: place)
    var findings: [Finding] = []
    for vertex in vertices where vertex != source && vertex < visits.count {
      guard let visit = visits[vertex] else { continue }
      if visit.shown { summary.steps.append(visit.label) }
      if !visit.open.isEmpty { findings += visit.open }
      if let failing = visit.failing { summary.failing.append(failing) }
      if let unknown = visit.unknown { summary.unknown.append(unknown) }
    }
    return (summary, findings)
  }
}
