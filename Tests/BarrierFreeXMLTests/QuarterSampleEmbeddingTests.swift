import Foundation
import Testing

@testable import BarrierFreeGenerator

@Suite("The generator's quarter sample")
struct QuarterSampleEmbeddingTests {
  @Test("The generator embeds Samples/quarter-bielefeld.xml (run Scripts/embed-schemas.sh)")
  func embeddedCopyIsCurrent() throws {
    let onDisk = try String(
      contentsOfFile: repositoryPath("Samples/quarter-bielefeld.xml"), encoding: .utf8)
    #expect(PortfolioGenerator.quarterSample == onDisk)
  }
}
