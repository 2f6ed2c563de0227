import BarrierFreeModel
import SwiftGraph

/// A stretch of a route, for the quarter view: what fails or is unknown on
/// it and how long it is.
public struct Leg: Sendable, Hashable {
  /// Fails, then unknowns, then steps, packed for ordering (see
  /// `RouteAnalysis`).
  var cost: Int
  /// The length, where every path and ramp on the leg is measured.
  public var length: Length?
  /// What fails on the leg, by connector or place.
  public var failing: [String] = []
  /// What is not measured on the leg.
  public var unknown: [String] = []
  /// For an outdoor path: the rules it fails (a repair would clear them).
  var failingRules: [String] = []

  /// Pass when nothing fails or is unknown.
  public var status: FindingStatus {
    !failing.isEmpty ? .fail : !unknown.isEmpty ? .unknown : .pass
  }

  /// One leg after the other.
  /// A place where two legs meet counts in both costs; its notes are kept
  /// once.
  static func + (lhs: Leg, rhs: Leg) -> Leg {
    Leg(
      cost: lhs.cost + rhs.cost,
      length: lhs.length.flatMap { left in rhs.length.map { left + $0 } },
      failing: lhs.failing + rhs.failing.filter { !lhs.failing.contains($0) },
      unknown: lhs.unknown + rhs.unknown.filter { !lhs.unknown.contains($0) })
  }
}

/// What the assessor needs to know of a quarter while its buildings stream
/// past: its places, facilities and outdoor paths (not its buildings).
public struct QuarterContext: Sendable, Hashable {
  /// The quarter's id.
  public var id: String
  /// Its name.
  public var name: String?
  /// Its own places (the street, the square).
  public var places: [Place]
  /// The café, meeting place, care base and common room.
  public var facilities: [Facility]
  /// The paths between the quarter's places and its buildings.
  public var outdoorPaths: [OutdoorPath]

  /// The context of `quarter` (its buildings are not needed).
  public init(_ quarter: Quarter) {
    id = quarter.id
    name = quarter.name
    places = quarter.places
    facilities = quarter.facilities
    outdoorPaths = quarter.outdoorPaths
  }

  /// The places of building `id` that outdoor paths reach, and those that
  /// hold a facility.
  func gateways(of building: String) -> [String] {
    var result: [String] = []
    for path in outdoorPaths {
      for end in [path.from, path.to] where end.building == building {
        if !result.contains(end.place) { result.append(end.place) }
      }
    }
    return result
  }

  /// The places of building `id` where a facility is.
  func facilityPlaces(in building: String) -> [String] {
    facilities.filter { $0.location.building == building }.map(\.location.place)
  }
}

/// What one building adds to its quarter's view, small enough to keep for
/// every building of a quarter.
public struct BuildingLinks: Sendable, Hashable {
  /// One flat: its class and the legs from its entrance to the building's
  /// gateways and facility places, at the top level of the ladder.
  public struct FlatLinks: Sendable, Hashable {
    /// The flat's id.
    public var id: String
    /// Its number.
    public var number: String?
    /// Its class.
    public var classification: Classification
    /// Legs by place of the building.
    var legs: [String: Leg]
  }

  /// The building's id.
  public var building: String
  /// Its flats.
  public var flats: [FlatLinks]
  /// Legs between the building's places that matter to the quarter: from
  /// each gateway to each facility place (and between gateways).
  var inside: [String: [String: Leg]]
}

/// The quarter as a whole, after the Bielefeld model: how its flats are
/// spread over the classes, which facilities it has, and whether each flat
/// reaches the café and the care base without steps.
public struct QuarterView: Sendable, Hashable {
  /// A facility kind the model asks for, and whether the quarter has one.
  public struct Presence: Sendable, Hashable {
    /// `café or meeting place`, `24-hour care base`, `common room`.
    public var what: String
    /// The facilities that count.
    public var facilities: [String]
  }

  /// Whether one flat reaches one facility.
  public struct Reach: Sendable, Hashable {
    /// The facility's id.
    public var facility: String
    /// Pass: step-free; fail: only with steps or worse; unknown: not
    /// verified, or no connection recorded.
    public var status: FindingStatus
    /// The route's length, where every path and ramp on it is measured.
    public var length: Length?
    /// What blocks the best route, or what is not measured on it.
    public var notes: [String]
    /// For picking the best of several facilities.
    var cost: Int
  }

  /// One flat of the quarter.
  public struct FlatReach: Sendable, Hashable {
    /// The building.
    public var building: String
    /// The flat's id.
    public var flat: String
    /// Its number.
    public var number: String?
    /// Its class.
    public var classification: Classification
    /// To the café or meeting place, and to the 24-hour care base.
    public var reaches: [Reach]
  }

  /// The quarter's id.
  public var id: String
  /// Its name.
  public var name: String?
  /// The levels of the ladder, lowest first, with `none` before them.
  public var classes: [String]
  /// Flats per class and building, and in total (key `""`).
  public var counts: [String: [String: Int]]
  /// Of those, the flats whose class is unverified.
  public var unverified: [String: [String: Int]]
  /// The buildings in file order.
  public var buildings: [String]
  /// The facilities the model asks for.
  public var presence: [Presence]
  /// Every flat with its reach.
  public var flats: [FlatReach]
  /// Fails and unknowns on the quarter's outdoor paths.
  public var pathFindings: [Finding]
}

extension Assessor {
  /// The legs of one building that its quarter's view needs.
  func links(
    of building: Building, in quarter: QuarterContext, analysis: RouteAnalysis,
    flats: [FlatAssessment]
  ) -> BuildingLinks {
    let gateways = quarter.gateways(of: building.id)
    let facilityPlaces = quarter.facilityPlaces(in: building.id)
    let targets = gateways + facilityPlaces.filter { !gateways.contains($0) }
    // One search from each gateway and facility place reaches every flat
    // (routes cost the same both ways but for where they end).
    let entrances = building.flats.map(\.entrance)
    var inside: [String: [String: Leg]] = [:]
    var flatLegs = Array(repeating: [String: Leg](), count: building.flats.count)
    for target in targets {
      let found = analysis.legs(from: target, to: targets + entrances)
      if gateways.contains(target) {
        inside[target] = found.filter { targets.contains($0.key) }
      }
      for (index, flat) in building.flats.enumerated() {
        if let leg = found[flat.entrance] { flatLegs[index][target] = leg }
      }
    }
    let flatLinks = zip(building.flats, flats).enumerated().map { index, pair in
      BuildingLinks.FlatLinks(
        id: pair.0.id, number: pair.0.number, classification: pair.1.classification,
        legs: flatLegs[index])
    }
    return BuildingLinks(building: building.id, flats: flatLinks, inside: inside)
  }

  /// The view of a quarter from the links of its buildings.
  public func view(of quarter: QuarterContext, links: [BuildingLinks]) -> QuarterView {
    let classes = [Ladder.none] + ladder.profiles.map(\.class)
    var counts: [String: [String: Int]] = [:]
    var unverified: [String: [String: Int]] = [:]
    for building in links {
      for flat in building.flats {
        let level = flat.classification.class
        counts[level, default: [:]][building.building, default: 0] += 1
        counts[level, default: [:]]["", default: 0] += 1
        if !flat.classification.verified {
          unverified[level, default: [:]][building.building, default: 0] += 1
          unverified[level, default: [:]]["", default: 0] += 1
        }
      }
    }
    let presence = [
      QuarterView.Presence(
        what: "café or meeting place",
        facilities: quarter.facilities.filter { $0.kind == .cafe || $0.kind == .meetingPlace }
          .map(\.id)),
      QuarterView.Presence(
        what: "24-hour care base",
        facilities: quarter.facilities.filter { $0.kind == .careBase && $0.open24h != false }
          .map { $0.open24h == true ? $0.id : "\($0.id) (24 h not recorded)" }),
      QuarterView.Presence(
        what: "common room",
        facilities: quarter.facilities.filter { $0.kind == .commonRoom }.map(\.id)),
    ]
    let (pathLegs, pathFindings) = outdoorLegs(of: quarter)
    let network = QuarterNetwork(quarter: quarter, pathLegs: pathLegs, links: links)
    // The best of each kind counts: any café or meeting place, and any care
    // base not known to close at night.
    let kinds: [[Facility]] = [
      quarter.facilities.filter { $0.kind == .cafe || $0.kind == .meetingPlace },
      quarter.facilities.filter { $0.kind == .careBase && $0.open24h != false },
    ].filter { !$0.isEmpty }
    var flats: [QuarterView.FlatReach] = []
    for building in links {
      for flat in building.flats {
        let reaches = kinds.map { candidates in
          network.best(
            candidates.map { network.reach(from: flat, in: building.building, to: $0) })
        }
        flats.append(
          QuarterView.FlatReach(
            building: building.building, flat: flat.id, number: flat.number,
            classification: flat.classification, reaches: reaches))
      }
    }
    return QuarterView(
      id: quarter.id, name: quarter.name, classes: classes, counts: counts,
      unverified: unverified,
      buildings: links.map(\.building), presence: presence, flats: flats,
      pathFindings: pathFindings)
  }
}

extension Assessor {
  /// Each outdoor path of `quarter` as a leg of the quarter's network,
  /// judged by the top class's path rules, and the path's open findings.
  func outdoorLegs(of quarter: QuarterContext) -> (legs: [Leg], findings: [Finding]) {
    var pathFindings: [Finding] = []
    var pathLegs: [Leg] = []
    let quarterPath = ElementPath([PathStep(kind: "quarter", name: quarter.id)])
    for (index, outdoor) in quarter.outdoorPaths.enumerated() {
      let path = Path(
        id: outdoor.id, from: outdoor.from.place, to: outdoor.to.place,
        geometry: outdoor.geometry)
      var found: [Finding] = []
      plans.last?.evaluate(
        .path(path), at: quarterPath.appending("outdoorPath", outdoor.id ?? "#\(index + 1)"),
        into: &found)
      pathFindings += found.filter(\.isOpen)
      let label = "outdoor path \(outdoor.id ?? "#\(index + 1)")"
      let fails = found.filter { $0.status == .fail }
      let unknowns = found.filter { $0.status == .unknown }.map(\.evaluation.message)
      pathLegs.append(
        Leg(
          cost: fails.count << 40 + unknowns.count << 20 + 2,
          length: outdoor.geometry.length,
          failing: fails.isEmpty
            ? [] : ["\(label): \(fails.map(\.evaluation.message).joined(separator: "; "))"],
          unknown: unknowns.isEmpty ? [] : ["\(label): \(unknowns.joined(separator: "; "))"],
          failingRules: fails.map(\.rule)))
    }
    return (pathLegs, pathFindings)
  }

  /// Which outdoor path repairs connect the most flats of `quarter`
  /// step-free to a café or meeting place and to a 24-hour care base
  /// (each kind the quarter has), in the order a greedy choice takes them:
  /// each step repairs the failing path that connects the most flats not
  /// yet connected, given the repairs before it; ties go to the path
  /// first in the file. A repaired path counts as passing its path rules;
  /// what is not measured on it stays unknown, so it connects no flat.
  /// When no single repair connects another flat, pairs of repairs are
  /// tried (a route over two failing paths); larger sets are not.
  ///
  /// - Returns: How many flats are connected before any repair, the
  ///   repairs, and the failing paths that are also not fully measured
  ///   (a repair of one connects no flat until it is measured).
  public func pathRepairs(of quarter: QuarterContext, links: [BuildingLinks]) -> (
    connected: Int, repairs: [PathRepair], unmeasured: [String]
  ) {
    let (legs, _) = outdoorLegs(of: quarter)
    let kinds: [[Facility]] = [
      quarter.facilities.filter { $0.kind == .cafe || $0.kind == .meetingPlace },
      quarter.facilities.filter { $0.kind == .careBase && $0.open24h != false },
    ].filter { !$0.isEmpty }
    guard !kinds.isEmpty else { return (0, [], []) }
    /// The flats (building/flat) that reach every kind step-free when the
    /// paths at `repaired` pass.
    func connected(_ repaired: Set<Int>) -> Set<String> {
      let changed = legs.enumerated().map { index, leg in
        guard repaired.contains(index) else { return leg }
        var fixed = leg
        fixed.failing = []
        fixed.failingRules = []
        fixed.cost = leg.unknown.isEmpty ? 2 : 1 << 20 + 2
        return fixed
      }
      let network = QuarterNetwork(quarter: quarter, pathLegs: changed, links: links)
      var result: Set<String> = []
      for building in links {
        for flat in building.flats {
          let all = kinds.allSatisfy { candidates in
            network.best(
              candidates.map { network.reach(from: flat, in: building.building, to: $0) }
            ).status == .pass
          }
          if all { result.insert("\(building.building)/\(flat.id)") }
        }
      }
      return result
    }
    var repaired: Set<Int> = []
    var reached = connected([])
    let before = reached.count
    var steps: [PathRepair] = []
    // A failing path that is also not fully measured connects no flat when
    // repaired (unknown is not pass): it is named, to be measured first.
    let failing = legs.indices.filter { !legs[$0].failingRules.isEmpty && legs[$0].unknown.isEmpty }
    func step(_ index: Int, flats: [String], together: [Int]) -> PathRepair {
      let outdoor = quarter.outdoorPaths[index]
      return PathRepair(
        path: outdoor.id ?? "#\(index + 1)", from: outdoor.from.place, to: outdoor.to.place,
        length: outdoor.geometry.length,
        failingRules: Array(Set(legs[index].failingRules)).sorted(), flats: flats,
        connectedAfter: reached.count,
        together: together.map { quarter.outdoorPaths[$0].id ?? "#\($0 + 1)" })
    }
    while true {
      let open = failing.filter { !repaired.contains($0) }
      var best: (paths: [Int], gained: Set<String>)?
      for index in open {
        let gained = connected(repaired.union([index])).subtracting(reached)
        if gained.count > (best?.gained.count ?? 0) { best = ([index], gained) }
      }
      // Two paths may connect flats only together (a route over both).
      if best == nil {
        for (position, first) in open.enumerated() {
          for second in open.dropFirst(position + 1) {
            let gained = connected(repaired.union([first, second])).subtracting(reached)
            if gained.count > (best?.gained.count ?? 0) { best = ([first, second], gained) }
          }
        }
      }
      guard let best else { break }
      repaired.formUnion(best.paths)
      reached.formUnion(best.gained)
      let together = best.paths.count == 2 ? best.paths : []
      steps.append(
        step(
          best.paths[0], flats: best.gained.sorted(),
          together: together.filter { $0 != best.paths[0] }))
      if best.paths.count == 2 {
        steps.append(step(best.paths[1], flats: [], together: [best.paths[0]]))
      }
    }
    let unmeasured = legs.indices.filter {
      !legs[$0].failingRules.isEmpty && !legs[$0].unknown.isEmpty
    }
    .map { quarter.outdoorPaths[$0].id ?? "#\($0 + 1)" }
    return (before, steps, unmeasured)
  }
}

/// One outdoor path to repair, in the order of ``Assessor/pathRepairs(of:links:)``.
public struct PathRepair: Sendable, Hashable {
  /// The path's id (`#3` for the third path without one).
  public var path: String
  /// Where it starts and ends.
  public var from: String
  /// Where it ends.
  public var to: String
  /// Its length, if measured.
  public var length: Length?
  /// The path rules it fails, each once, sorted.
  public var failingRules: [String]
  /// The flats (`building/flat`) it connects step-free to every facility
  /// kind, given the repairs before it.
  public var flats: [String]
  /// How many of the quarter's flats are connected after this repair.
  public var connectedAfter: Int
  /// The paths that must be repaired with this one for its flats to be
  /// connected; empty when it connects them alone.
  public var together: [String] = []
}

/// The quarter's places and its buildings' gateways, joined by outdoor paths
/// and by the legs inside buildings.
struct QuarterNetwork {
  private var index: [String: Int] = [:]
  private let graph = WeightedGraph<UInt32, Int>()
  private var legs: [Int: [Int: Leg]] = [:]
  /// Each facility's search, once per network: the path repairs ask every
  /// flat's reach in several networks, and a search per flat was a tenth
  /// of a plan (callgrind).
  private let searches = Searches()

  private final class Searches {
    var byRoot: [Int: ([Int?], [Int: WeightedEdge<Int>])] = [:]
  }

  init(quarter: QuarterContext, pathLegs: [Leg], links: [BuildingLinks]) {
    let present = Set(links.map(\.building))
    let quarterPlaces = Set(quarter.places.map(\.id))
    /// A place of the quarter or of a building in the file; nothing else.
    func known(_ reference: PlaceReference) -> Bool {
      reference.building.map(present.contains) ?? quarterPlaces.contains(reference.place)
    }
    func key(_ building: String?, _ place: String) -> String { "\(building ?? "")/\(place)" }
    func node(_ building: String?, _ place: String) -> Int {
      let name = key(building, place)
      if let found = index[name] { return found }
      let added = graph.addVertex(UInt32(graph.vertexCount))
      index[name] = added
      return added
    }
    func connect(_ a: Int, _ b: Int, _ leg: Leg) {
      // Keep the better of parallel legs.
      if let old = legs[a]?[b], old.cost <= leg.cost { return }
      legs[a, default: [:]][b] = leg
      legs[b, default: [:]][a] = leg
      graph.addEdge(fromIndex: a, toIndex: b, weight: leg.cost)
    }
    for (path, leg) in zip(quarter.outdoorPaths, pathLegs) where known(path.from) && known(path.to)
    {
      connect(
        node(path.from.building, path.from.place), node(path.to.building, path.to.place), leg)
    }
    for building in links {
      for gateway in building.inside.keys.sorted() {
        let targets = building.inside[gateway] ?? [:]
        for target in targets.keys.sorted() where target != gateway {
          guard let leg = targets[target] else { continue }
          connect(node(building.building, gateway), node(building.building, target), leg)
        }
      }
    }
  }

  /// How `flat` reaches `facility`: over its building's places to a gateway
  /// (or straight to a facility in its own building), then over the quarter.
  func reach(
    from flat: BuildingLinks.FlatLinks, in building: String, to facility: Facility
  ) -> QuarterView.Reach {
    let target = "\(facility.location.building ?? "")/\(facility.location.place)"
    var best: Leg?
    func consider(_ leg: Leg) {
      // Fewest fails and unknowns first, then the shorter known way; the
      // first of equals (legs are tried in sorted order) stays.
      guard let current = best else {
        best = leg
        return
      }
      let shorter =
        (leg.length?.millimetres ?? .infinity) < (current.length?.millimetres ?? .infinity)
      if leg.cost < current.cost || (leg.cost == current.cost && shorter) { best = leg }
    }
    if facility.location.building == building, let direct = flat.legs[facility.location.place] {
      consider(direct)
    }
    if let end = index[target] {
      let (distances, pathDict) =
        searches.byRoot[end]
        ?? {
          let found = graph.dijkstra(root: end, startDistance: 0)
          searches.byRoot[end] = found
          return found
        }()
      for place in flat.legs.keys.sorted() {
        guard let toGateway = flat.legs[place], let start = index["\(building)/\(place)"],
          start < distances.count,
          distances[start] != nil
        else { continue }
        // Walk from the gateway back to the facility, adding the legs.
        var leg = toGateway
        var current = start
        var walked = 0
        while current != end, let edge = pathDict[current], walked <= graph.vertexCount {
          if let step = legs[edge.u]?[current] { leg = leg + step }
          current = edge.u
          walked += 1
        }
        consider(leg)
      }
    }
    guard let best else {
      let why =
        facility.location.building.map { "building \($0) is not in the file, or " } ?? ""
      return QuarterView.Reach(
        facility: facility.id, status: .unknown, length: nil,
        notes: ["\(why)no connection recorded to \(facility.id)"], cost: Int.max)
    }
    return QuarterView.Reach(
      facility: facility.id, status: best.status, length: best.length,
      notes: best.status == .fail ? best.failing : best.unknown, cost: best.cost)
  }

  /// The best of several facilities of one kind.
  func best(_ reaches: [QuarterView.Reach]) -> QuarterView.Reach {
    reaches.min { a, b in
      (a.cost, a.length?.millimetres ?? .infinity, a.facility)
        < (b.cost, b.length?.millimetres ?? .infinity, b.facility)
    } ?? QuarterView.Reach(facility: "", status: .unknown, length: nil, notes: [], cost: Int.max)
  }
}
