import BarrierFreeModel

/// The fewest steps (risers) a route climbs, as far as the survey shows.
public struct StepCount: Sendable, Hashable {
  /// The fewest steps found; a lower bound when ``exact`` is false.
  public var count: Int
  /// False when a flight on the route has no count recorded (it counts
  /// one here), or a room is reached by no recorded connector.
  public var exact: Bool
  /// The flights on the route, by id, for reports.
  public var flights: [String]

  /// Creates a count.
  public init(count: Int, exact: Bool, flights: [String] = []) {
    self.count = count
    self.exact = exact
    self.flights = flights
  }

  /// Pass when the route climbs at most `limit` steps, fail when it
  /// climbs more for sure, unknown otherwise.
  public func status(atMost limit: Int) -> MatchStatus.Simple {
    if count > limit { return .fail }
    return exact ? .pass : .unknown
  }
}

/// The routes matching asks about, from a building's model: how many steps
/// the easiest way to a flat climbs, and whether a way climbs no storey by
/// stairs. Lifts, ramps, paths, doors and stair lifts climb no steps. The
/// search counts steps, not rules: a route the wheelchair rules fail can
/// still be the rollator's (the rules' own route analysis picks routes by
/// their fails instead). One search from all sources serves every flat of
/// the building.
struct StepRoutes {
  struct Edge {
    var to: Int
    var steps: Int
    var exact: Bool
    var flight: String?
    /// Steps between places on different storeys.
    var climbsStorey: Bool
  }

  /// What a search found for every vertex.
  struct Tree {
    var best: [Int]
    var exact: [Bool]
    var previous: [(vertex: Int, flight: String?)?]

    func count(to goal: Int) -> StepCount? {
      guard goal < best.count, best[goal] != Int.max else { return nil }
      var flights: [String] = []
      var current = goal
      var walked = 0
      while let step = previous[current], walked <= best.count {
        if let flight = step.flight { flights.append(flight) }
        current = step.vertex
        walked += 1
      }
      return StepCount(count: best[goal], exact: exact[goal], flights: flights.reversed())
    }
  }

  private let index: [String: Int]
  private let all: Tree?
  private let withoutStairs: Tree?

  /// The searches of `building` from its public ways and accessible
  /// parking spaces, with and without flights between storeys.
  init(_ building: Building) {
    var index: [String: Int] = [:]
    var storeys: [Int?] = []
    for place in building.places where index[place.id] == nil {
      index[place.id] = storeys.count
      storeys.append(place.storey)
    }
    var edges = Array(repeating: [Edge](), count: storeys.count)
    func link(_ a: String, _ b: String, steps: Int, exact: Bool, flight: String?) {
      guard let i = index[a], let j = index[b] else { return }
      let climbs = steps > 0 && storeys[i] != nil && storeys[j] != nil && storeys[i] != storeys[j]
      edges[i].append(Edge(to: j, steps: steps, exact: exact, flight: flight, climbsStorey: climbs))
      edges[j].append(Edge(to: i, steps: steps, exact: exact, flight: flight, climbsStorey: climbs))
    }
    for connector in building.connectors {
      switch connector {
      case .steps(let steps):
        link(
          steps.from, steps.to, steps: steps.count ?? 1, exact: steps.count != nil,
          flight: steps.id ?? "\(steps.from)–\(steps.to)")
      case .lift(let lift):
        let stops = lift.stops.map(\.place)
        for (n, a) in stops.enumerated() {
          for b in stops.dropFirst(n + 1) { link(a, b, steps: 0, exact: true, flight: nil) }
        }
      default:
        let ends = connector.endpoints
        if ends.count == 2 { link(ends[0], ends[1], steps: 0, exact: true, flight: nil) }
      }
    }
    let sources = building.places.filter {
      $0.kind == .publicWay || ($0.kind == .parkingSpace && $0.accessible == true)
    }.compactMap { index[$0.id] }
    self.index = index
    guard !sources.isEmpty else {
      all = nil
      withoutStairs = nil
      return
    }
    all = Self.search(edges: edges, sources: sources, skip: { _ in false })
    withoutStairs = Self.search(edges: edges, sources: sources, skip: \.climbsStorey)
  }

  /// Fewest steps from the street to `place`; nil when no route is
  /// recorded.
  func fewestSteps(to place: String) -> StepCount? {
    index[place].flatMap { all?.count(to: $0) }
  }

  /// Whether a route to `place` climbs no storey by stairs.
  func reachedWithoutStairs(_ place: String) -> Bool {
    index[place].flatMap { withoutStairs?.count(to: $0) } != nil
  }

  /// Fewest steps from the flat's entrance to each of its rooms, the most
  /// of those: what living in the flat climbs.
  static func stepsInside(_ flat: Flat) -> StepCount {
    let hasFlights = flat.connectors.contains { if case .steps = $0 { true } else { false } }
    guard hasFlights else { return StepCount(count: 0, exact: true) }
    var index: [String: Int] = [flat.entrance: 0]
    for room in flat.rooms where index[room.id] == nil { index[room.id] = index.count }
    var edges = Array(repeating: [Edge](), count: index.count)
    func link(_ a: String, _ b: String, steps: Int, exact: Bool, flight: String?) {
      guard let i = index[a], let j = index[b] else { return }
      edges[i].append(Edge(to: j, steps: steps, exact: exact, flight: flight, climbsStorey: false))
      edges[j].append(Edge(to: i, steps: steps, exact: exact, flight: flight, climbsStorey: false))
    }
    for connector in flat.connectors {
      if case .steps(let steps) = connector {
        link(
          steps.from, steps.to, steps: steps.count ?? 1, exact: steps.count != nil,
          flight: steps.id ?? "\(steps.from)–\(steps.to)")
      } else {
        let ends = connector.endpoints
        if ends.count == 2 { link(ends[0], ends[1], steps: 0, exact: true, flight: nil) }
      }
    }
    let tree = search(edges: edges, sources: [0], skip: { _ in false })
    var worst = StepCount(count: 0, exact: true)
    for room in flat.rooms {
      guard let goal = index[room.id] else { continue }
      guard let found = tree.count(to: goal) else {
        // A room no recorded connector reaches: how many steps lead there
        // is not known.
        worst.exact = false
        continue
      }
      if found.count > worst.count || (found.count == worst.count && !found.exact) {
        worst = StepCount(
          count: found.count, exact: found.exact && worst.exact, flights: found.flights)
      }
    }
    return worst
  }

  /// Dijkstra over a few dozen vertices: a linear scan for the next one is
  /// as fast as a heap here.
  private static func search(edges: [[Edge]], sources: [Int], skip: (Edge) -> Bool) -> Tree {
    let count = edges.count
    var tree = Tree(
      best: Array(repeating: Int.max, count: count), exact: Array(repeating: true, count: count),
      previous: Array(repeating: nil, count: count))
    var done = Array(repeating: false, count: count)
    for source in sources { tree.best[source] = 0 }
    while true {
      var next = -1
      for vertex in 0..<count where !done[vertex] && tree.best[vertex] != Int.max {
        if next < 0 || tree.best[vertex] < tree.best[next] { next = vertex }
      }
      guard next >= 0 else { break }
      done[next] = true
      for edge in edges[next] where !skip(edge) && !done[edge.to] {
        let cost = tree.best[next] + edge.steps
        if cost < tree.best[edge.to]
          || (cost == tree.best[edge.to] && !tree.exact[edge.to] && edge.exact)
        {
          tree.best[edge.to] = cost
          tree.exact[edge.to] = tree.exact[next] && edge.exact
          tree.previous[edge.to] = (next, edge.flight)
        }
      }
    }
    return tree
  }
}
