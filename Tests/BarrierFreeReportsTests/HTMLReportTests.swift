import BarrierFree
import Foundation
import Testing

@testable import BarrierFreeReports

/// The quarter sample's buildings and quarter views, assessed once.
enum QuarterSample {
  struct Assessed: Sendable {
    var ladder: Ladder
    var buildings: [BuildingReport]
    var quarters: [QuarterView]
    var summary: AssessmentSummary
  }

  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Samples/quarter-bielefeld.xml").path

  static func assess() throws -> Assessed {
    let ladder = try ProfileLibrary.builtIn.ladder(for: "din18040-2-r")
    let assessor = try Assessor(ladder: ladder)
    var result = Assessed(ladder: ladder, buildings: [], quarters: [], summary: AssessmentSummary())
    try assessor.assessPortfolio(at: path, quarterView: { result.quarters.append($0) }) {
      result.summary.add($0)
      result.buildings.append(BuildingReport($0))
    }
    return result
  }

  static func html(
    _ assessed: Assessed, limits: HTMLReport.Limits = .init(), spoolLimit: Int = 4 << 20
  ) throws -> String {
    let header = ReportHeader(toolVersion: "test", ladder: assessed.ladder, inputs: [path])
    let report = HTMLReport(header: header, limits: limits, spoolLimit: spoolLimit)
    for building in assessed.buildings { try report.add(building) }
    var page = ""
    try report.finish(
      quarters: assessed.quarters,
      summary: ReportSummary(assessed.summary, ladder: header.profile.ladder)
    ) { page += $0 }
    return page
  }
}

@Suite("HTML report (library)")
struct HTMLReportLibraryTests {
  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  @Test("Spilling rows and sections to temporary files gives the same page as memory")
  func spool() throws {
    let assessed = try QuarterSample.assess()
    let inMemory = try QuarterSample.html(assessed)
    // 1000 bytes: every building spills, and chunks end mid-character.
    let spilled = try QuarterSample.html(assessed, spoolLimit: 1000)
    #expect(inMemory.utf8.count > 500_000)
    #expect(spilled == inMemory)
  }

  @Test("Long lists fold after the limit into \"N more\"; one more is shown, not folded")
  func folding() throws {
    let assessed = try QuarterSample.assess()
    var limits = HTMLReport.Limits()
    limits.elementsPerRule = 2
    let page = try QuarterSample.html(assessed, limits: limits)
    // b1-f12 has five doors with too narrow a clear width: two shown, three folded.
    let flat = try #require(page.firstRange(of: "<article id=\"f1-4\""))
    let article = page[flat.lowerBound...].prefix { _ in true }
    let end = try #require(article.firstRange(of: "</article>"))
    let text = String(article[..<end.lowerBound])
    #expect(text.contains("<strong>Door clear width</strong> ×5"))
    #expect(text.contains("<details class=\"more\"><summary>3 more</summary>"))
    // Three elements with the limit at two: all three shown.
    #expect(text.contains("<strong>Window handle height</strong> ×3"))
    let windows = try #require(text.firstRange(of: "<strong>Window handle height</strong>"))
    let next = try #require(
      text[windows.upperBound...].firstRange(of: "</li></ul><p class=\"remedy\">"))
    #expect(!text[windows.upperBound..<next.lowerBound].contains("more</summary>"))
  }

  @Test(
    "With more buildings than the chart holds, it shows those with the most flats below the top")
  func chartBuildings() throws {
    let assessed = try QuarterSample.assess()
    var limits = HTMLReport.Limits()
    limits.chartBuildings = 2
    let page = try QuarterSample.html(assessed, limits: limits)
    // Flats below wheelchair: b1 8, b2 8, b3 10, b8 10, the others 1. The two
    // with most are b3 and b8, in that order (equal, so input order).
    #expect(
      page.contains(
        "<figcaption id=\"chart-buildings-c\">Flats per class in the 2 buildings with most flats "
          + "below wheelchair</figcaption>"))
    let description = try #require(page.firstRange(of: #/<desc id="chart-buildings-d">[^<]*/#))
    let text = page[description]
    #expect(text.contains(">b3 Otto-Brenner-Straße"))
    #expect(text.contains("; b8 Meierfeld 10: wheelchair 1, barrierFree 7, none 3."))
    #expect(!text.contains("b1 "))
  }

  @Test("Beyond inlineFlats the rows and each building's flats are inert blocks, the same HTML")
  func large() throws {
    let assessed = try QuarterSample.assess()
    let small = try QuarterSample.html(assessed)
    var limits = HTMLReport.Limits()
    limits.inlineFlats = 43
    let page = try QuarterSample.html(assessed, limits: limits)
    // 44 flats: over the limit. The table's body is empty; its rows are in
    // one block, the same rows as the small page's.
    #expect(page.contains("<tbody></tbody>"))
    let rows = try #require(
      page.firstRange(of: #/<script type="text/html" id="flat-rows">[\s\S]*?</script>/#)
    )
    #expect(Self.count("<tr data-class=", in: String(page[rows])) == 44)
    #expect(Self.count("<tr data-class=", in: small) == 44)
    #expect(page.contains("<div id=\"flat-pager\" class=\"controls\" hidden data-rows=\"100\">"))
    #expect(page.contains("<noscript><p>At 44 flats this page shows"))
    // A block per building after its folded details, holding its flats'
    // articles as the small page has them in place: as text up to the
    // building that takes the page over the limit (b8), gzipped from there.
    let folded =
      "<details class=\"lazy\"><summary>Show its flats and findings</summary><div class=\"slot\">"
      + "</div></details>"
    #expect(
      Self.count(folded + "<script type=\"text/html\" class=\"detail\">", in: page) == 7)
    let packed = try #require(
      page.firstMatch(
        of: #/<script type="text/plain" class="detail packed">([A-Za-z0-9+/=]+)</script>/#))
    #expect(Self.count(folded, in: page) == 8)
    let article = try #require(small.firstRange(of: #/<article id="f1-5".*?</article>/#))
    #expect(page.contains(small[article]))
    // The packed block is the gzipped detail of b8, byte for byte.
    let detail = try Self.gunzip(String(packed.output.1))
    let b8 = try #require(small.firstRange(of: #/<section id="b8"[\s\S]*?</section>/#))
    #expect(small[b8].contains(detail))
    #expect(Self.count("<article id=\"f8-", in: detail) == 11)
    #expect(Self.count("<article id=\"f", in: page) == 44 - 11)
    // A block ends only at its own end tag: the survey text in it is escaped.
    #expect(Self.count("</script>", in: page) == 8 + 1 + 1)
    #expect(!small.contains("<script type=\"text/html\""))
    for mark in ["\u{1}", "\u{2}", "\u{3}", "\u{4}"] {
      #expect(!page.contains(mark) && !small.contains(mark))
    }
  }

  /// `base64`, gunzipped by Python's gzip module (another implementation
  /// than the writer's zlib stream).
  static func gunzip(_ base64: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c",
      "import sys, base64, gzip; sys.stdout.buffer.write(gzip.decompress(base64.b64decode(sys.stdin.read())))",
    ]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(base64.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
  }

  @Test("Spool chunks never split a UTF-8 character")
  func completeLength() {
    let bytes = Array("aß€😀".utf8)  // 1 + 2 + 3 + 4 bytes
    #expect(Spool.completeLength(bytes) == 10)
    #expect(Spool.completeLength(Array(bytes.prefix(9))) == 6)
    #expect(Spool.completeLength(Array(bytes.prefix(7))) == 6)
    #expect(Spool.completeLength(Array(bytes.prefix(5))) == 3)
    #expect(Spool.completeLength(Array(bytes.prefix(2))) == 1)
    #expect(Spool.completeLength([]) == 0)
  }

  @Test("A temporary file whose last bytes cannot be written is an error, not an empty read-back")
  func fullDisk() throws {
    // /dev/full takes buffered writes and fails them when they are flushed,
    // as a full disk does. Before, rewind dropped that error and the
    // quarters of a JSON report came back as nothing, silently.
    let spool = Spool(limit: 64, openFile: { fopen("/dev/full", "w+") })
    try spool.append(String(repeating: "x", count: 100))
    var drained = ""
    #expect(throws: Spool.Failure.self) { try spool.drain { drained += $0 } }
    #expect(drained == "")
    // A working temporary file gives back what went in.
    let working = Spool(limit: 64)
    try working.append(String(repeating: "y", count: 100))
    try working.append("z")
    var back = ""
    try working.drain { back += $0 }
    #expect(back == String(repeating: "y", count: 100) + "z")
  }
}

/// Quarters kept aside for the end of a report, through temporary files.
@Suite("Quarters at the end of a report")
struct QuartersAtTheEndTests {
  /// Generated buildings in copies of the sample's quarter, assessed.
  static func quarters(_ count: Int) throws -> QuarterSample.Assessed {
    var generator = try PortfolioGenerator(
      options: .init(buildings: 8 * count, seed: 2, quarters: 1))
    var text = ""
    try generator.write { text += $0 }
    let ladder = try ProfileLibrary.builtIn.ladder(for: "din18040-2-r")
    var result = QuarterSample.Assessed(
      ladder: ladder, buildings: [], quarters: [], summary: AssessmentSummary())
    try Assessor(ladder: ladder).assessPortfolio(
      PortfolioReader(text: text, fileName: "generated.xml"),
      quarterView: { result.quarters.append($0) }
    ) {
      result.summary.add($0)
      result.buildings.append(BuildingReport($0))
    }
    return result
  }

  @Test("JSON: quarters kept in a temporary file come back whole, in order, each as encoded alone")
  func json() throws {
    let assessed = try Self.quarters(5)
    #expect(assessed.quarters.count == 5)
    // 64 bytes in memory: every quarter goes through the temporary file.
    let kept = JSONQuarters(units: .metric, spoolLimit: 64)
    for view in assessed.quarters { try kept.add(view) }
    var text = "{\"buildings\":["
    try JSONReport().end(
      quarters: kept,
      summary: ReportSummary(assessed.summary, ladder: ["none"])
    ) { text += $0 }
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let quarters = try #require(object?["quarters"] as? [[String: Any]])
    #expect(quarters.map { $0["id"] as? String } == (1...5).map { "q\($0)-q-sieker" })
    for (index, view) in assessed.quarters.enumerated() {
      var encoded = JSONText()
      encoded.quarter(view, units: .metric)
      let alone = try JSONSerialization.jsonObject(with: Data(encoded.bytes))
      #expect(
        NSDictionary(dictionary: quarters[index]).isEqual(to: alone as? [String: Any] ?? [:]),
        "quarter \(index + 1)")
    }
  }

  @Test("HTML: quarters' sections kept in a temporary file give the same page as memory")
  func html() throws {
    let assessed = try Self.quarters(4)
    let inMemory = try QuarterSample.html(assessed)
    let spilled = try QuarterSample.html(assessed, spoolLimit: 64)
    #expect(spilled == inMemory)
    #expect(inMemory.components(separatedBy: "class=\"quarter\"").count - 1 == 4)
    #expect(inMemory.components(separatedBy: "href=\"#quarters\"").count - 1 == 1)
  }
}

@Suite("Documentation examples (reports)")
struct ReportDocumentationTests {
  @Test("WritingReports.md: the HTML page for a portfolio, as the article writes it")
  func htmlExample() throws {
    let path = QuarterSample.path
    // The article's code, as written there.
    let ladder = try ProfileLibrary.builtIn.ladder(for: "din18040-2-r")
    let assessor = try Assessor(ladder: ladder)
    let header = ReportHeader(toolVersion: "1.0", ladder: ladder, inputs: [path])
    let page = HTMLReport(header: header)
    var summary = AssessmentSummary()
    try assessor.assessPortfolio(at: path, quarterView: { try page.add(quarter: $0) }) { building in
      summary.add(building)
      try page.add(BuildingReport(building))
    }
    var html = ""
    try page.finish(summary: ReportSummary(summary, ladder: header.profile.ladder)) { html += $0 }
    // What it gives.
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.hasSuffix("</html>\n"))
    #expect(html.contains("44 flats."))
    #expect(html.contains("<h3 id=\"q1-h\">Quarter q-sieker: Quartier Sieker-Mitte</h3>"))
    // The article's code is the one tested here.
    let article = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/BarrierFree/BarrierFree.docc/WritingReports.md"),
      encoding: .utf8)
    #expect(article.contains("try page.add(BuildingReport(building))"))
    #expect(article.contains("quarterView: { try page.add(quarter: $0) }"))
    #expect(
      article.contains(
        "try page.finish(summary: ReportSummary(summary, ladder: header.profile.ladder)) { html += $0 }"
      ))
  }
}

@Suite("Assessing on several threads")
struct ConcurrentAssessmentTests {
  @Test("Buildings and quarter views arrive in file order, the same as one by one")
  func order() async throws {
    let ladder = try ProfileLibrary.builtIn.ladder(for: "din18040-2-r")
    let assessor = try Assessor(ladder: ladder)
    var sequential: [String] = []
    var sequentialViews: [QuarterView] = []
    try assessor.assessPortfolio(
      PortfolioReader(path: QuarterSample.path), quarterView: { sequentialViews.append($0) }
    ) { sequential.append("\($0.id) \($0.flats.map(\.classification.description))") }
    for jobs in [2, 3, 16] {
      var parallel: [String] = []
      var indices: [Int] = []
      var views: [QuarterView] = []
      try await assessor.assessPortfolio(
        PortfolioReader(path: QuarterSample.path), jobs: jobs,
        render: { assessment, index in (index, assessment.id) },
        quarterView: { views.append($0) }
      ) { assessment, rendered in
        #expect(rendered.1 == assessment.id)
        indices.append(rendered.0)
        parallel.append("\(assessment.id) \(assessment.flats.map(\.classification.description))")
      }
      #expect(parallel == sequential)
      #expect(indices == Array(0..<sequential.count))
      #expect(views == sequentialViews)
    }
  }

  @Test("Generated buildings, read ahead while others are assessed, give the same results")
  func readAhead() async throws {
    // The reader used to let libxml2 keep two addresses in its set-up's
    // stack frame and write through them when it tore down: harmless one
    // by one, but with the reader running ahead of the workers the write
    // landed in a worker's stack (AddressSanitizer: garbage and
    // use-after-free in a third of runs with --jobs 2).
    var generator = try PortfolioGenerator(options: .init(buildings: 40, seed: 3))
    let portfolio = Portfolio(
      members: try (0..<40).map { .building(try generator.makeBuilding($0)) })
    let text = try PortfolioWriter.document(portfolio)
    let assessor = try Assessor(profile: "din18040-2-r")
    var expected: [String] = []
    try assessor.assessPortfolio(PortfolioReader(text: text, fileName: "generated.xml")) {
      expected.append("\($0.id) \($0.flats.map(\.classification.description))")
    }
    for _ in 0..<5 {
      var seen: [String] = []
      try await assessor.assessPortfolio(
        PortfolioReader(text: text, fileName: "generated.xml"), jobs: 7,
        render: { assessment, _ in
          "\(assessment.id) \(assessment.flats.map(\.classification.description))"
        }
      ) { _, line in seen.append(line) }
      #expect(seen == expected)
    }
  }

  @Test("An invalid file: the buildings arrive as one by one, then the error")
  func invalid() async throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1">
        <building id="b1"/>
        <building id="b2"/>
        <building id="b3"><nonsense/></building>
      </portfolio>
      """
    let assessor = try Assessor(profile: "din18040-2-r")
    var seen: [String] = []
    await #expect(throws: ImportError.self) {
      try await assessor.assessPortfolio(
        PortfolioReader(text: text, fileName: "broken.xml"), jobs: 2,
        render: { assessment, _ in assessment.id }
      ) { _, id in seen.append(id) }
    }
    // As one by one: what was read before the end arrives, then the error.
    var sequential: [String] = []
    #expect(throws: ImportError.self) {
      try assessor.assessPortfolio(PortfolioReader(text: text, fileName: "broken.xml")) {
        sequential.append($0.id)
      }
    }
    #expect(seen == sequential)
    #expect(seen.starts(with: ["b1", "b2"]))
  }
}

@Suite("JSON report (library)")
struct JSONTextTests {
  static func reports(_ text: String) throws -> [BuildingReport] {
    let assessor = try Assessor(profile: "din18040-2-r")
    var reports: [BuildingReport] = []
    try assessor.assessPortfolio(PortfolioReader(text: text, fileName: "test.xml")) {
      reports.append(BuildingReport($0))
    }
    return reports
  }

  @Test(
    "JSON written straight from the assessment decodes to the report, under every built-in profile",
    arguments: ProfileLibrary.builtIn.profiles.map(\.id))
  func straightFromAssessment(profile: String) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    var texts = try ["Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml"].map {
      try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)
    }
    var generator = try PortfolioGenerator(options: .init(buildings: 12, seed: 5, incomplete: 0.3))
    texts.append(
      try PortfolioWriter.document(
        Portfolio(members: try (0..<12).map { .building(try generator.makeBuilding($0)) })))
    let assessor = try Assessor(profile: profile)
    let units = assessor.ladder.top?.units ?? .metric
    var count = 0
    var findings = 0
    for text in texts {
      try assessor.assessPortfolio(PortfolioReader(text: text, fileName: "test.xml")) {
        let report = BuildingReport($0, units: units)
        let straight = JSONReport.encode($0, units: units)
        #expect(try JSONDecoder().decode(BuildingReport.self, from: Data(straight)) == report)
        let open = BuildingReport($0, units: units, findings: .open)
        let straightOpen = JSONReport.encode($0, units: units, findings: .open)
        #expect(try JSONDecoder().decode(BuildingReport.self, from: Data(straightOpen)) == open)
        // Every key is written, also without a value: null, not left out.
        let object = try JSONSerialization.jsonObject(with: Data(straight)) as? [String: Any]
        #expect(object?.keys.sorted() == ["address", "findings", "flats", "id", "name"])
        #expect(
          open.findings
            == report.findings.filter { $0.status == .fail || $0.status == .unknown })
        #expect(
          open.flats.map(\.findings)
            == report.flats.map {
              $0.findings.filter { $0.status == .fail || $0.status == .unknown }
            })
        count += 1
        findings += report.findings.count + report.flats.reduce(0) { $0 + $1.findings.count }
      }
    }
    #expect(count == 8 + 1 + 12)
    #expect(findings > 500)
  }

  @Test(
    "Quotes, backslashes, control characters, fractions and large numbers as JSONEncoder writes them"
  )
  func awkwardValues() throws {
    // Every control character, DEL, a line separator, a slash; numbers in
    // every form `description` takes.
    let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
    for text in ["Haus \"Nord\" \\ Süd\t/1", "a\u{1}b \"c\" \\ d/e", controls + "\u{7F}\u{2028}ü"] {
      var json = JSONText()
      json.string(text)
      let expected = try Self.foundation([text])
      #expect(json.bytes == Array(expected.dropFirst().dropLast()), "\(text.debugDescription)")
    }
    for value in [0.1 + 0.2, 1e-7, 1e20, -0.5, 2.5, 30.71, 1e15, 1.2345678901234568e17, 1.0 / 3] {
      var json = JSONText()
      json.number(value)
      let expected = try Self.foundation([value])
      #expect(json.bytes == Array(expected.dropFirst().dropLast()), "\(value)")
    }
  }

  /// What `JSONEncoder` writes for `value`, as the report's first writer
  /// set it up.
  static func foundation<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
  }

  @Test("Keys in JSONEncoder's sorted order: by code point, upper case first, b10 before b2")
  func sortedKeys() throws {
    let counts = [
      "b10": 1, "b2": 2, "b1": 3, "B3": 4, "all": 5, "barrierFree": 6, "barrierReduced": 7,
      "none": 8, "typeA": 9, "wheelchair": 10, "a-b": 11, "a_b": 12, "ab": 13, "Ab": 14,
    ]
    var json = JSONText()
    json.counts(counts)
    #expect(json.bytes == Array(try Self.foundation(counts)))
  }

  @Test("The eight-byte check finds every byte to escape, at every place, beside any other")
  func escapeWords() {
    for byte in 0...255 {
      let needed = byte < 0x20 || byte == 0x22 || byte == 0x5C
      for filler in [0x00, 0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xC3, 0xFF] {
        let fillerNeeds = filler < 0x20
        for place in 0..<8 {
          var word: UInt64 = 0
          for position in 0..<8 {
            let value = UInt64(position == place ? byte : filler)
            word |= value << (8 * UInt64(position))
          }
          if needed || fillerNeeds {
            #expect(JSONText.needsEscape(word), "byte \(byte) at \(place) among \(filler)")
          } else {
            #expect(!JSONText.needsEscape(word), "byte \(byte) at \(place) among \(filler)")
          }
        }
      }
    }
  }

  @Test("Whole numbers of every length, both signs and at each power of ten, as JSONEncoder")
  func wholeNumbers() throws {
    var values: [Double] = [0, -0.0]
    var power = 1.0
    for _ in 0..<15 {
      values += [power - 1, power, power + 1, -power, -(power - 1)]
      power *= 10
    }
    values += [999_999_999_999_999, -999_999_999_999_999, 123_456_789_012_345]
    for value in values {
      var json = JSONText()
      json.number(value)
      let expected = try JSONEncoder().encode([value])
      #expect(json.bytes == Array(expected.dropFirst().dropLast()), "\(value)")
    }
  }

  @Test("Strings of every length up to 20 with a byte to escape at every place, as JSONEncoder")
  func escapePlaces() throws {
    for length in 0...20 {
      for place in 0..<max(length, 1) {
        for special in ["\"", "\\", "\n", "\u{1}", "ü"] {
          var characters = Array(repeating: "a", count: length)
          if length > 0 { characters[place] = special }
          let text = characters.joined()
          var json = JSONText()
          json.string(text)
          let expected = try JSONEncoder().encode([text])
          // JSONEncoder wrote ["…"]: the string is between the brackets.
          #expect(json.bytes == Array(expected.dropFirst().dropLast()), "\(text.debugDescription)")
        }
      }
    }
  }

  @Test("A report header decodes with and without findings; without means all")
  func headerFindings() throws {
    let profile =
      #""profile":{"edition":"2011-09","id":"din18040-2","ladder":["none","barrierFree"],"#
      + #""standard":"DIN 18040-2","title":"T","units":"metric"}"#
    let full =
      #"{"tool":{"name":"barrierfree","version":"0"},"# + profile + #","inputs":["a.xml"]}"#
    let open = full.replacingOccurrences(of: #""inputs""#, with: #""findings":"open","inputs""#)
    let fullHeader = try JSONDecoder().decode(ReportHeader.self, from: Data(full.utf8))
    #expect(fullHeader.findings == .all)
    #expect(fullHeader.inputs == ["a.xml"])
    #expect(try JSONDecoder().decode(ReportHeader.self, from: Data(open.utf8)).findings == .open)
    let wrong = open.replacingOccurrences(of: #""open""#, with: #""some""#)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ReportHeader.self, from: Data(wrong.utf8))
    }
  }
}
