import BarrierFree
import Foundation
import Testing

@Suite("Quarter view of the sample")
struct QuarterSampleTests {
  @Test("The quarter sample: café and care base in b1; b2 and the upper floors of b3 cut off")
  func sample() throws {
    let path = repositoryRoot.appendingPathComponent("Samples/quarter-bielefeld.xml").path
    let assessor = try Assessor(profile: "din18040-2-r")
    var views: [QuarterView] = []
    try assessor.assessPortfolio(at: path, quarterView: { views.append($0) }) { _ in }
    let view = try #require(views.first)
    #expect(views.count == 1)
    #expect(view.counts["wheelchair"]?[""] == 4)
    #expect(view.counts["barrierFree"]?[""] == 16)
    #expect(view.counts["barrierReduced"]?[""] == 1)
    #expect(view.counts["none"]?[""] == 23)
    #expect(view.presence.map(\.facilities) == [["fac-cafe"], ["fac-care"], ["fac-common"]])
    let reach = Dictionary(uniqueKeysWithValues: view.flats.map { ($0.flat, $0.reaches) })
    #expect(reach["b1-f01"]?.map(\.status) == [.pass, .pass])
    #expect(reach["b3-f01"]?.first?.status == .pass)
    #expect(reach["b3-f01"]?.first?.length == .mm(143_500))
    #expect(reach["b3-f11"]?.first?.status == .fail)
    #expect(reach["b2-f01"]?.first?.status == .fail)
    #expect(reach["b7-f1"]?.first?.status == .unknown)
  }
}
