import BarrierFree
import BarrierFreeTestSupport
import BarrierFreeXMLSupport
import PropertyBased
import Testing

@Suite("The XML scanner over any chunking")
struct ScannerChunkingTests {
  /// Scans `bytes` in chunks whose sizes cycle through `sizes`.
  private func scan(_ bytes: [UInt8], sizes: [Int], skipLimit: Int) -> [String] {
    var ends: [Int] = []
    var end = 0
    while end < bytes.count {
      end = min(bytes.count, end + sizes[ends.count % sizes.count])
      ends.append(end)
    }
    return ScanLog.scan(bytes, ends: ends, skipLimit: skipLimit)
  }

  /// A generated portfolio with CR LF and lone CR line ends, comments and
  /// CDATA sections mixed in at places chosen by `seed`.
  private func document(seed: Int, buildings: Int) throws -> [UInt8] {
    var generator = try PortfolioGenerator(
      options: .init(buildings: buildings, seed: UInt64(seed), incomplete: 0.2))
    let members = try (0..<buildings).map {
      try Portfolio.Member.building(generator.makeBuilding($0))
    }
    let text = try PortfolioWriter.document(Portfolio(name: "scanned \(seed)", members: members))
    var random = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1
    func roll(_ sides: UInt64) -> UInt64 {
      random ^= random << 13
      random ^= random >> 7
      random ^= random << 17
      return random % sides
    }
    var result = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      result += line
      switch roll(8) {
      case 0: result += "\r\n"
      case 1: result += "\r"
      case 2: result += "<!-- <x a=\"1\"> -- > ]]> ?> -->\n"
      case 3: result += "<![CDATA[ <y b='2'> ]] > --> ]]>\n"
      case 4: result += "<?pi <z> ? > ?>\r\n"
      default: result += "\n"
      }
    }
    return Array(result.utf8)
  }

  @Test("Any chunking of a generated portfolio gives the same events")
  func anyChunking() async throws {
    await propertyCheck(
      count: 25, input: Gen.int(in: 1...1_000_000), Gen.int(in: 1...4097), Gen.int(in: 1...13)
    ) { seed, size, other in
      let bytes = try document(seed: seed, buildings: 2)
      let whole = scan(bytes, sizes: [bytes.count], skipLimit: 0)
      #expect(scan(bytes, sizes: [size, other], skipLimit: 0) == whole)
      // Jumping over short tags: the same '<' places, lines and end.
      let opened = whole.filter { $0.hasPrefix("<") || $0.hasPrefix("at") }
      let jumped = scan(bytes, sizes: [size, other], skipLimit: 1024)
      #expect(jumped.filter { $0.hasPrefix("<") || $0.hasPrefix("at") } == opened)
    }
  }
}
