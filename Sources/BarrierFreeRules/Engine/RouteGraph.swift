/// The graph of one building's places and connectors that
/// ``RouteAnalysis`` searches: vertices by index, directed edges with whole
/// weights, each vertex's edges in the order they were added.
///
/// This is SwiftGraph's `WeightedGraph<_, Int>` and its `dijkstra`, cut to
/// what the route analysis uses, because SwiftGraph's generic code is not
/// specialised across modules: on a building's graph of about 15 vertices
/// its search took 175,000 instructions, and graphs and searches were 5 % of
/// a whole check (callgrind, 150 buildings, three ladder levels each). The
/// search runs the same steps in the same order, with the same binary
/// heap, so it picks the same route among equally good ones (a test
/// compares both on random graphs full of ties). The quarter's graph, built
/// once per quarter, stays a SwiftGraph.
struct RouteGraph: Sendable {
  struct Edge: Sendable {
    let from: Int
    let to: Int
    let weight: Int
  }

  private var edges: [[Edge]] = []

  /// The number of vertices.
  var vertexCount: Int { edges.count }

  /// Adds a vertex and returns its index.
  mutating func addVertex() -> Int {
    edges.append([])
    return edges.count - 1
  }

  /// The edges that leave `vertex`, in the order they were added.
  func edges(from vertex: Int) -> [Edge] { edges[vertex] }

  /// Adds the directed edge `from` → `to`.
  mutating func addEdge(from: Int, to: Int, weight: Int) {
    edges[from].append(Edge(from: from, to: to, weight: weight))
  }

  /// The cheapest distance from `root` to each vertex (nil where there is
  /// no way), and the edge each cheapest route arrives by.
  ///
  /// SwiftGraph 4's `dijkstra(root:startDistance:)` step by step: a vertex
  /// popped again is searched again from its best distance, and an edge
  /// replaces the one before only when it is strictly shorter.
  func shortestPaths(from root: Int) -> (distances: [Int?], arrivals: [Edge?]) {
    var distances = [Int?](repeating: nil, count: edges.count)
    var arrivals = [Edge?](repeating: nil, count: edges.count)
    distances[root] = 0
    var queue = AscendingHeap()
    queue.push(vertex: root, distance: 0)
    while let vertex = queue.pop() {
      guard let reached = distances[vertex] else { continue }
      for edge in edges[vertex] {
        let distance = edge.weight + reached
        if let known = distances[edge.to], known <= distance { continue }
        distances[edge.to] = distance
        arrivals[edge.to] = edge
        queue.push(vertex: edge.to, distance: distance)
      }
    }
    return (distances, arrivals)
  }
}

/// SwiftGraph's `PriorityQueue(ascending: true)` of Dijkstra's nodes,
/// ordered by distance alone: the same swaps, so equal distances come out
/// in the same order.
private struct AscendingHeap {
  private var heap: [(vertex: Int, distance: Int)] = []

  /// Whether `a` belongs below `b` (SwiftGraph's `ordered` for an
  /// ascending queue: `a > b`).
  private func below(_ a: Int, _ b: Int) -> Bool { heap[a].distance > heap[b].distance }

  mutating func push(vertex: Int, distance: Int) {
    heap.append((vertex, distance))
    var index = heap.count - 1
    while index > 0 && below((index - 1) / 2, index) {
      heap.swapAt((index - 1) / 2, index)
      index = (index - 1) / 2
    }
  }

  mutating func pop() -> Int? {
    if heap.isEmpty { return nil }
    if heap.count == 1 { return heap.removeFirst().vertex }
    heap.swapAt(0, heap.count - 1)
    let top = heap.removeLast()
    var index = 0
    while 2 * index + 1 < heap.count {
      var child = 2 * index + 1
      if child < heap.count - 1 && below(child, child + 1) { child += 1 }
      if !below(index, child) { break }
      heap.swapAt(index, child)
      index = child
    }
    return top.vertex
  }
}
