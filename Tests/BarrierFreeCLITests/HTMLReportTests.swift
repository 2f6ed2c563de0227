import Foundation
import Testing

@Suite("HTML report")
struct HTMLReportTests {
  /// The HTML parse errors html5lib finds in `path` (WHATWG parsing), or ""
  /// when the page parses cleanly.
  static func parseErrors(_ path: String) throws -> String {
    let script = """
      import sys, html5lib
      parser = html5lib.HTMLParser()
      parser.parse(open(sys.argv[1], "rb"))
      print("\\n".join(str(e) for e in parser.errors[:5]))
      sys.exit(1 if parser.errors else 0)
      """
    let (ok, text) = try Tool.python(script, [path])
    return ok ? "" : "parse errors: \(text)"
  }

  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  @Test("The quarter sample: self-contained, accessible structure, the right figures, same bytes")
  func quarter() throws {
    let path = JSONReportTests.scratch("quarter.html")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let arguments = ["check", "Samples/quarter-bielefeld.xml", "--format", "html"]
    let result = try Tool.run(arguments + ["--output", path])
    #expect(result.status == 1)
    let page = try String(contentsOfFile: path, encoding: .utf8)
    // Self-contained: nothing is fetched.
    #expect(!page.contains("http:") && !page.contains("https:"))
    #expect(!page.contains("<link") && !page.contains("<img") && !page.contains(" src="))
    #expect(try Self.parseErrors(path) == "")
    // Accessible structure.
    #expect(page.hasPrefix("<!DOCTYPE html><html lang=\"en\">"))
    for landmark in ["<header>", "<nav aria-label=\"Contents\">", "<main>", "<footer>"] {
      #expect(Self.count(landmark, in: page) == 1, "\(landmark)")
    }
    #expect(page.contains("<a class=\"skip\" href=\"#flats\">"))
    // Three charts, each an image with a title and a description, and its
    // figures as a table.
    #expect(Self.count("<svg role=\"img\"", in: page) == 3)
    #expect(Self.count("<desc id=", in: page) == 3)
    #expect(Self.count("<summary>The figures as a table</summary>", in: page) == 3)
    #expect(
      page.contains(
        "<desc id=\"chart-classes-d\">Flats per class, of 44: wheelchair 4, barrierFree 16, "
          + "barrierReduced 1, none 23.</desc>"))
    #expect(page.contains("<figcaption id=\"chart-rules-c\">The 10 rules that fail most"))
    // The header names the input, the profile and its edition.
    #expect(page.contains("<code>Samples/quarter-bielefeld.xml</code>"))
    #expect(page.contains("<code>din18040-2-r</code>"))
    #expect(page.contains("<dd>DIN 18040-2:2011-09</dd>"))
    // One row and one section per flat; rows have a header cell.
    #expect(Self.count("<tr data-class=", in: page) == 44)
    #expect(Self.count("<article id=\"f", in: page) == 44)
    #expect(
      Self.count("<th scope=\"row\"><a href=\"#f", in: page) == 44)
    #expect(
      page.contains(
        "<tr data-class=\"barrierReduced\" data-verified=\"yes\"><th scope=\"row\"><a "
          + "href=\"#f1-5\">b1-f13</a></th><td data-v=\"1\"><span class=\"badge k1\">"
          + "barrierReduced</span></td><td>b1</td><td>Elpke 61, 33605 Bielefeld</td><td>1.03</td>"
          + "<td class=\"n\">1</td><td>yes</td>"))
    // The counts say at which class; an unverified class is marked apart.
    #expect(page.contains("<th scope=\"col\" data-type=\"number\">Fails at wheelchair</th>"))
    #expect(
      page.contains(
        "<span class=\"badge k3 unverified\">possibly wheelchair, unverified</span>"))
    // The near miss names its one fix, with the clause and the remedy.
    #expect(page.contains("<h5>To reach barrierFree: fix 1</h5>"))
    #expect(
      page.contains(
        "<span class=\"where\">room b1-f13-bath › shower b1-f13-bath-shower</span>: shower area "
          + "1150 × 1200 mm; 1200 × 1200 mm required"))
    #expect(page.contains("<strong>Remedy: </strong>enlarge the shower area to 1200 × 1200 mm"))
    // Routes and the quarter view.
    #expect(page.contains("<ol class=\"route\"><li>b1-way</li><li>path b1-p-way</li>"))
    #expect(page.contains("<h3 id=\"q1-h\">Quarter q-sieker: Quartier Sieker-Mitte</h3>"))
    #expect(page.contains("<td>yes (fac-cafe), 143.5 m</td>"))
    // The row README.md shows.
    let row = try #require(ReadmeExampleTests.blocks().first { $0.hasPrefix("<tr data-class") })
    #expect(page.contains(row.trimmingCharacters(in: .whitespacesAndNewlines)))
    // Same bytes from a second process, to standard output.
    #expect(try Tool.run(arguments).standardOutput == page)
  }

  @Test("Survey text is escaped, in text and in attributes")
  func escaping() throws {
    let sample = try String(
      contentsOf: Tool.root.appendingPathComponent("Samples/design-new-build.xml"), encoding: .utf8)
    let hostile = sample.replacingOccurrences(
      of: "name=\"Am Lutterpark 3 (Entwurf)\"",
      with: "name=\"A &amp; B &lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &amp;lt;\"")
    #expect(hostile != sample)
    let input = JSONReportTests.scratch("hostile.xml")
    let output = JSONReportTests.scratch("hostile.html")
    defer {
      try? FileManager.default.removeItem(atPath: input)
      try? FileManager.default.removeItem(atPath: output)
    }
    try hostile.write(toFile: input, atomically: true, encoding: .utf8)
    let result = try Tool.run(["check", input, "--format", "html", "--output", output])
    #expect(result.status == 0 || result.status == 1, "\(result.standardError)")
    let page = try String(contentsOfFile: output, encoding: .utf8)
    #expect(!page.contains("<script>alert"))
    #expect(page.contains("A &amp; B &lt;script&gt;alert(1)&lt;/script&gt; \"q\" &amp;lt;"))
    #expect(try Self.parseErrors(output) == "")
  }
}

@Suite("Every report format")
struct EveryFormatTests {
  static let inputs = ["Samples/quarter-bielefeld.xml", "Samples/design-new-build.xml"]

  @Test(
    "Two inputs give one report; two runs in separate processes give the same bytes",
    arguments: [
      ["text"], ["json"], ["csv"], ["csv", "--csv", "findings"], ["md"], ["html"],
    ])
  func deterministic(format: [String]) throws {
    let arguments = ["check"] + Self.inputs + ["--format"] + format
    let first = try Tool.run(arguments)
    #expect(first.status == 1)
    #expect(first.standardOutput.utf8.count > 10_000)
    // Both inputs in one report: a flat of each.
    #expect(first.standardOutput.contains("b1-f21"))
    #expect(first.standardOutput.contains("d1-w01"))
    #expect(try Tool.run(arguments).standardOutput == first.standardOutput)
  }

  @Test(
    "Assessing on several threads gives the same bytes as on one",
    arguments: [["text"], ["json"], ["csv"], ["md"], ["html"]])
  func parallel(format: [String]) throws {
    let generated = JSONReportTests.scratch("parallel-\(format[0]).xml")
    defer { try? FileManager.default.removeItem(atPath: generated) }
    let made = try Tool.run(["generate", "--buildings", "40", "--seed", "3", "-o", generated])
    #expect(made.status == 0)
    let arguments = ["check"] + Self.inputs + [generated, "--format"] + format
    let one = try Tool.run(arguments + ["--jobs", "1"])
    #expect(one.status == 1)
    for jobs in ["2", "7"] {
      let many = try Tool.run(arguments + ["--jobs", jobs])
      #expect(many.status == one.status)
      #expect(many.standardOutput == one.standardOutput, "--jobs \(jobs)")
    }
  }

  @Test(
    "A progress line on standard error when it is a terminal, for long runs only; none in a pipe")
  func progress() throws {
    let generated = JSONReportTests.scratch("progress.xml")
    defer { try? FileManager.default.removeItem(atPath: generated) }
    #expect(
      try Tool.run(["generate", "--buildings", "150", "--seed", "5", "-o", generated]).status == 0)
    // In a pipe: nothing on standard error.
    let piped = try Tool.run(["check", generated, "--format", "csv", "-o", "/dev/null"])
    #expect(piped.status == 1)
    #expect(piped.standardError == "")
    // On a terminal (script(1) gives the tool a pseudo-terminal): the line,
    // rewritten in place, ending with the totals. A run shorter than a
    // second shows none, so the file is large enough for a debug build.
    let command = "\(Tool.executable.path) check \(generated) --format csv -o /dev/null"
    let terminal = try Tool.run(["/usr/bin/script", "-qc", command, "/dev/null"], direct: true)
    let text = terminal.standardOutput
    #expect(text.contains("\r\u{1B}[K"), "\(text.prefix(200))")
    let last = try #require(text.split(separator: "\u{1B}[K").last)
    #expect(last.hasPrefix("843 flats in 150 buildings, "), "\(last)")
    #expect(last.hasSuffix(" s\r\n"), "\(last)")
    // --quiet silences it.
    let quiet = try Tool.run(
      ["/usr/bin/script", "-qc", command + " --quiet", "/dev/null"], direct: true)
    #expect(!quiet.standardOutput.contains("flats/s"))
    // A report written to the terminal itself: no line to break into it.
    let onTerminal = try Tool.run(
      [
        "/usr/bin/script", "-qc", "\(Tool.executable.path) check \(generated) --format csv",
        "/dev/null",
      ],
      direct: true)
    #expect(onTerminal.standardOutput.contains("flat,"), "\(onTerminal.standardOutput.prefix(200))")
    #expect(!onTerminal.standardOutput.contains("flats/s"))
  }

  @Test(
    "--csv with another format than csv is a usage error, not ignored",
    arguments: ["text", "json", "md", "html"])
  func csvElsewhere(format: String) throws {
    let result = try Tool.run(
      ["check", "Samples/design-new-build.xml", "--format", format, "--csv", "findings"])
    #expect(result.status == 2)
    #expect(result.standardOutput == "")
    #expect(result.standardError.contains("--csv applies to --format csv only"))
    let csv = try Tool.run(
      ["check", "Samples/design-new-build.xml", "--format", "csv", "--csv", "findings"])
    #expect(csv.status == 1)  // the design fails somewhere at the R profile
    #expect(csv.standardOutput.utf8.filter { $0 == 0x0A }.count > 10)
  }

  @Test("--jobs 0 is a usage error")
  func noJobs() throws {
    let result = try Tool.run(["check", "Samples/design-new-build.xml", "--jobs", "0"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("--jobs must be 1 or more"))
  }

  @Test("The combined summary adds up the inputs' summaries")
  func combinedSummary() throws {
    func summary(_ files: [String]) throws -> [String: Any] {
      let result = try Tool.run(["check"] + files + ["--format", "json"])
      let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
      return try #require((object as? [String: Any])?["summary"] as? [String: Any])
    }
    let both = try summary(Self.inputs)
    let first = try summary([Self.inputs[0]])
    let second = try summary([Self.inputs[1]])
    for key in ["buildings", "flats"] {
      #expect(both[key] as? Int == (first[key] as? Int ?? 0) + (second[key] as? Int ?? 0))
    }
    let findings = try #require(both["findings"] as? [String: Int])
    let a = try #require(first["findings"] as? [String: Int])
    let b = try #require(second["findings"] as? [String: Int])
    #expect(findings == a.merging(b, uniquingKeysWith: +))
    #expect(both["flats"] as? Int == 44 + (second["flats"] as? Int ?? 0))
  }
}
