import SwiftGraph
import Testing

@testable import BarrierFreeRules

/// The route analysis searches its own small graph rather than SwiftGraph's
/// (for speed); it must find the very routes SwiftGraph found, ties
/// included, or reports would name other routes than before.
@Suite("Route graph")
struct RouteGraphTests {
  /// A fixed sequence of pseudo-random numbers (SplitMix64).
  private struct Numbers {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  @Test("Distances and arriving edges equal SwiftGraph's Dijkstra on 2,000 graphs full of ties")
  func sameAsSwiftGraph() {
    var numbers = Numbers(state: 18040)
    var ties = 0
    for _ in 0..<2000 {
      let vertices = 1 + numbers.next(24)
      let edges = numbers.next(vertices * 4 + 1)
      // Weights from a handful of values, as the route analysis's costs
      // (fails, unknowns, connectors) make them: many routes cost the same.
      let weights = [0, 1, 2, 2, 3, 1 << 20, 1 << 40]
      var mine = RouteGraph()
      let theirs = WeightedGraph<UInt32, Int>()
      for index in 0..<vertices {
        #expect(mine.addVertex() == index)
        _ = theirs.addVertex(UInt32(index))
      }
      for _ in 0..<edges {
        let from = numbers.next(vertices)
        let to = numbers.next(vertices)
        let weight = weights[numbers.next(weights.count)]
        mine.addEdge(from: from, to: to, weight: weight)
        theirs.addEdge(fromIndex: from, toIndex: to, weight: weight, directed: true)
      }
      for root in Set([0, numbers.next(vertices)]) {
        let (distances, arrivals) = mine.shortestPaths(from: root)
        let (expected, pathDict) = theirs.dijkstra(root: root, startDistance: 0)
        #expect(distances == expected)
        for vertex in 0..<vertices {
          let edge = pathDict[vertex]
          #expect(arrivals[vertex]?.from == edge?.u, "vertex \(vertex) from root \(root)")
          #expect(arrivals[vertex]?.to == edge?.v)
          #expect(arrivals[vertex]?.weight == edge?.weight)
        }
        // Count the vertices that two equally short routes reach, so that
        // the test is known to have compared the choice between them.
        for vertex in 0..<vertices where vertex != root {
          guard let distance = distances[vertex] else { continue }
          let ways = (0..<vertices).flatMap { mine.edges(from: $0) }.filter { edge in
            edge.to == vertex && distances[edge.from].map { $0 + edge.weight } == distance
          }
          if ways.count > 1 { ties += 1 }
        }
      }
    }
    #expect(ties > 1000)
  }

  @Test("A vertex no edge reaches has no distance and no arriving edge")
  func unreachable() {
    var graph = RouteGraph()
    let a = graph.addVertex()
    let b = graph.addVertex()
    let c = graph.addVertex()
    graph.addEdge(from: a, to: b, weight: 5)
    graph.addEdge(from: c, to: a, weight: 1)
    let (distances, arrivals) = graph.shortestPaths(from: a)
    #expect(distances == [0, 5, nil])
    #expect(arrivals[b]?.from == a)
    #expect(arrivals[c] == nil)
    #expect(arrivals[a] == nil)
  }
}
