import BarrierFreeModel
import BarrierFreeXML
import BarrierFreeXMLSupport
import Testing

/// Checks of meaning: what the schema cannot say.
@Suite("Checks of meaning")
struct MeaningTests {
  private func diagnostics(_ body: String) -> [Diagnostic] {
    readAll(document(building: body)).reader.diagnostics
  }

  private let places = """
        <place id="street" kind="publicWay"/>
        <place id="l0" kind="landing" level="0"/>
        <place id="l1" kind="landing" level="1"/>
    """

  @Test("Places of problems after a comment or CDATA with '<' in it (review of the tag lookup)")
  func placesAfterMarkupWithLessThan() {
    let duplicate = """
      <?xml version="1.0" encoding="UTF-8"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1" name="x">
        <building id="b1" name="Elpke 61">
          <![CDATA[ a > <!-- ]]>
          <place id="b1-entrance" kind="entrance" level="0"/>
          <place id="b1-entrance" kind="entrance" level="0"/>
        </building>
      </portfolio>
      """
    let twice = readAll(duplicate).reader.diagnostics.first { $0.message.contains("used twice") }
    #expect(twice?.location.line == 6)
    #expect(twice?.location.column == 12)
    #expect(twice?.message.contains("the place on line 5 has it already") == true)
    let stray = """
      <?xml version="1.0" encoding="UTF-8"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1" name="x">
        <building id="b1" name="Elpke 61">
          <!-- width < 900 -->stray
          <place id="b1-entrance" kind="entrance" level="0"/>
        </building>
      </portfolio>
      """
    // The text is reported at the tag after it, found back from the
    // parser's position (a '<' in the comment is not a tag the markup
    // guard records).
    let text = readAll(stray).reader.diagnostics.first { $0.message.contains("contains text") }
    #expect(text?.location.line == 5)
    #expect(text?.location.column == 5)
  }

  @Test(
    "Text where the format has none: once per run of text, at the tag after it, however the file is cut"
  )
  func strayText() {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <portfolio xmlns="urn:barrierfree:portfolio:1" name="x">
        <building id="b1" name="Elpke 61">stray text, long enough to be cut in pieces
          <place id="b1-entrance" kind="entrance" level="0"/>
          <flat id="b1-f1" entrance="b1-entrance">
            <room id="b1-f1-bath" kind="bathroom">more
      text</room>
          </flat> and more
        </building>
        between buildings
        <building id="b2"/>
        at the end
      </portfolio>
      """
    let expected = [
      "t.xml:4:5: error: building 'b1' contains text; the format keeps all data in attributes",
      "t.xml:7:5: error: room 'b1-f1-bath' contains text; the format keeps all data in attributes",
      "t.xml:9:3: error: building 'b1' contains text; the format keeps all data in attributes",
      "t.xml:11:3: error: portfolio contains text; the format keeps all data in attributes",
      "t.xml:13:1: error: portfolio contains text; the format keeps all data in attributes",
    ]
    var differing: [String] = []
    for chunkSize in [4, 5, 7, 11, 16, 23, 64, 97, 1000] {
      let reader = PortfolioReader(
        text: text, fileName: "t.xml", options: ReaderOptions(chunkSize: chunkSize))
      while reader.next() != nil {}
      let found = reader.diagnostics.filter { $0.message.contains("contains text") }
        .map(\.description)
      if found != expected { differing.append("chunks of \(chunkSize): \(found)") }
    }
    #expect(differing == [])
  }

  @Test(
    "Text that no tag follows (the file ends, or a tag is refused) adds no error after the one that stopped the read"
  )
  func strayTextAtAStop() {
    let cases = [
      // The file ends in the text: only that it ends.
      ("<building id=\"b1\">stray text that runs to the end", "the file ends before <building>"),
      // A refused tag after the text: only the refusal.
      (
        "<building id=\"b1\">stray text <place "
          + (1...300).map { "a\($0)=\"1\"" }.joined(separator: " ")
          + "/></building>", "more than"
      ),
    ]
    for (body, expected) in cases {
      let text =
        "<?xml version=\"1.0\"?>\n<portfolio xmlns=\"urn:barrierfree:portfolio:1\">\n  " + body
      for chunkSize in [4, 7, 16, 1000] {
        let (reader, _) = readAll(text, options: ReaderOptions(chunkSize: chunkSize))
        #expect(reader.diagnostics.count == 1, "chunks of \(chunkSize): \(reader.diagnostics)")
        #expect(
          reader.diagnostics.first?.message.contains(expected) == true,
          "chunks of \(chunkSize): \(reader.diagnostics)")
      }
    }
  }

  @Test("A whole start tag at the very end of the input is still checked")
  func wholeTagAtTheEnd() {
    // A room without its kind, then nothing: the schema error stays, beside
    // the error that the file ends.
    let text =
      "<?xml version=\"1.0\"?>\n<portfolio xmlns=\"urn:barrierfree:portfolio:1\">\n"
      + "  <building id=\"b1\">\n    <flat id=\"f\" entrance=\"x\">\n      <room id=\"r\"/>"
    for chunkSize in [4, 7, 16, 1000] {
      let (reader, _) = readAll(text, options: ReaderOptions(chunkSize: chunkSize))
      #expect(
        reader.diagnostics.contains { $0.message.contains("kind is required") },
        "chunks of \(chunkSize): \(reader.diagnostics)")
    }
  }

  /// Swift compares strings by canonical equivalence: a place written with
  /// the Kelvin sign (U+212A) and a reference written with K (U+004B), or
  /// the other way round, are equal as strings but are different ids (so
  /// are the Angstrom sign and Å, or Hangul jamo and their syllable).
  @Test(
    "An id or reference not in Unicode composed form (NFC) is an error, at its place",
    arguments: [
      ("K\u{212A}1", "KK1", 5), ("KK1", "K\u{212A}1", 6), ("\u{212B}", "\u{C5}", 5),
      ("\u{1100}\u{1161}", "\u{AC00}", 5),
    ])
  func idsComparedByBytes(defined: String, referenced: String, line: Int) {
    let found = diagnostics(
      """
          <place id="street" kind="publicWay"/>
          <place id="\(defined)" kind="landing" level="0"/>
          <path from="street" to="\(referenced)"/>
      """)
    #expect(found.count == 1)
    #expect(found.first?.location.line == line)
    #expect(found.first?.message.contains("is not in Unicode composed form (NFC)") == true)
    #expect(found.first?.message.contains("ids are compared by their bytes") == true)
    // The composed spelling of the same id is accepted.
    let composed = diagnostics(
      """
          <place id="street" kind="publicWay"/>
          <place id="\u{E9}" kind="landing" level="0"/>
          <path from="street" to="\u{E9}"/>
      """)
    #expect(composed.isEmpty)
  }

  @Test("A lift whose stops are all one place is an error, like a path to itself")
  func liftToItself() {
    let found = diagnostics(
      places + "\n      <lift id=\"lift\"><stop place=\"l0\"/><stop place=\"l0\"/></lift>")
    #expect(
      found.map(\.message) == [
        "lift 'lift' stops only at 'l0'; a lift must join two different places"
      ])
    #expect(found.first?.location.line == 7)
    let two = diagnostics(
      places
        + "\n      <lift id=\"lift\"><stop place=\"l0\"/><stop place=\"l1\"/><stop place=\"l0\"/></lift>"
    )
    #expect(two.isEmpty)
  }

  @Test("A lift stop that names a room, not a place, is an error")
  func liftStopAtRoom() {
    let found = diagnostics(
      places + """
            <lift id="lift"><stop place="l0"/><stop place="hall"/></lift>
            <flat id="f" entrance="l1">
              <room id="hall" kind="hallway"/>
              <door from="l1" to="hall"/>
            </flat>
        """)
    #expect(found.count == 1)
    #expect(
      found.first?.message
        == "lift 'lift': stop 'hall' is a room; a lift stops at a place of the building (a landing or lobby)"
    )
  }

  @Test("A flat's entrance must be a place; its doors must touch its rooms")
  func flatStructure() {
    let found = diagnostics(
      places + """
            <flat id="f" entrance="hall">
              <room id="hall" kind="hallway"/>
              <door from="l0" to="l1"/>
            </flat>
        """)
    let messages = found.map(\.message)
    #expect(messages.contains { $0.contains("flat 'f': entrance 'hall' is a room") })
    #expect(
      messages.contains {
        $0.contains("door from 'l0' to 'l1' is inside flat 'f' but joins 'l0' and 'l1'")
      })
  }

  @Test("A flat without an entrance door is valid but warned about")
  func missingEntranceDoor() {
    let found = diagnostics(
      places + """
            <flat id="f" entrance="l1">
              <room id="hall" kind="hallway"/>
            </flat>
        """)
    #expect(found.count == 1)
    #expect(found.first?.severity == .warning)
    #expect(found.first?.message.contains("no door from its entrance 'l1'") == true)
  }

  @Test("A door's movement area must say which side it is on")
  func movementAreaSide() {
    let found = diagnostics(
      places + """
            <door from="l0" to="l1"><movementArea width="1500" depth="1500"/></door>
        """)
    #expect(found.first?.message.contains("needs side=\"from\" or side=\"to\"") == true)
  }

  @Test("A connector from a place to itself is an error")
  func selfLoop() {
    let found = diagnostics(places + "    <steps from=\"l0\" to=\"l0\" count=\"2\"/>")
    #expect(found.first?.message.contains("joins 'l0' to itself") == true)
  }

  @Test("A reference to a flat id where a place is needed names what it found")
  func wrongKind() {
    let found = diagnostics(
      places + """
            <path from="street" to="f"/>
            <flat id="f" entrance="l0"/>
        """)
    #expect(found.contains { $0.message.contains("'f' is a flat, not a place or room") })
  }

  @Test("Quarter facilities and outdoor paths must name places of its buildings")
  func quarterReferences() {
    let text = """
      <portfolio xmlns="urn:barrierfree:portfolio:1">
        <quarter id="q">
          <place id="street" kind="publicWay"/>
          <facility id="cafe" kind="cafe" building="b1" place="ground"/>
          <facility id="care" kind="careBase" building="b9" place="x" open24h="true"/>
          <outdoorPath from="street" to="entrance" toBuilding="b1" width="1500"/>
          <outdoorPath from="bus" to="entrance" toBuilding="b1"/>
          <building id="b1">
            <place id="entrance" kind="entrance"/>
          </building>
        </quarter>
      </portfolio>
      """
    let (reader, buildings) = readAll(text)
    #expect(buildings.count == 1)
    let messages = reader.diagnostics.map(\.message)
    #expect(messages.count == 3, "\(messages)")
    #expect(messages.contains("facility 'cafe': 'ground' is not a place of building 'b1'"))
    #expect(messages.contains("facility 'care': building 'b9' is not a building of this quarter"))
    #expect(
      messages.contains {
        $0.hasPrefix(
          "outdoor path from 'bus' to 'b1/entrance': 'bus' is not a place of this quarter")
      })
  }

  @Test("Quarter events come in order: header, buildings, end")
  func quarterEvents() {
    let text = """
      <portfolio xmlns="urn:barrierfree:portfolio:1" name="P">
        <quarter id="q" name="Sieker"><building id="b1"/><building id="b2"/></quarter>
        <building id="b3"/>
      </portfolio>
      """
    let reader = PortfolioReader(text: text, fileName: "q.xml")
    var events: [String] = []
    while let event = reader.next() {
      switch event {
      case .portfolio(let name): events.append("portfolio \(name ?? "")")
      case .quarter(let quarter): events.append("quarter \(quarter.id)")
      case .building(let building, let quarter):
        events.append("\(building.id) in \(quarter ?? "-")")
      case .endQuarter(let id): events.append("end \(id)")
      }
    }
    #expect(events == ["portfolio P", "quarter q", "b1 in q", "b2 in q", "end q", "b3 in -"])
    #expect(reader.statistics.buildings == 3)
    #expect(reader.statistics.quarters == 1)
  }
}
