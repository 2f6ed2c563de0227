import BarrierFreeMatching
import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import BarrierFreeXMLSupport
import Foundation
import Testing

/// The repository's root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The DIN ladder's built-in mapping and the built-in library.
enum Fixture {
  static func ladder(_ profile: String = "din18040-2-r") throws -> Ladder {
    try ProfileLibrary.builtIn.ladder(for: profile)
  }

  static func mapping(_ profile: String = "din18040-2-r") throws -> NeedMapping {
    try #require(try NeedsReader.builtInMapping(for: profile, ladder: ladder(profile)))
  }

  /// Households read from `body` (the `<household>` elements), with the
  /// built-in library and mapping.
  static func households(_ body: String, scheme: String? = "london") throws(ImportError)
    -> [Household]
  {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <households xmlns="urn:barrierfree:needs:1"\(scheme.map { " scheme=\"\($0)\"" } ?? "")>
      \(body)
      </households>
      """
    let mapping: NeedMapping
    do {
      mapping = try #require(
        try NeedsReader.builtInMapping(
          for: "din18040-2-r", ladder: ProfileLibrary.builtIn.ladder(for: "din18040-2-r")))
    } catch {
      fatalError("the built-in mapping: \(error)")
    }
    return try NeedsReader.readHouseholds(
      bytes: Array(text.utf8), fileName: "households.xml", library: NeedsReader.builtInLibrary,
      mapping: mapping)
  }

  /// The first message of the error reading `body`, as `file:line:column: error: …`.
  static func error(_ body: String, scheme: String? = "london") -> String? {
    do {
      _ = try households(body, scheme: scheme)
      return nil
    } catch {
      return error.diagnostics.first.map(\.description)
    }
  }
}

@Suite("Needs files")
struct NeedsReaderTests {
  @Test("The built-in library and mappings read, and equal their files and the published schema")
  func builtIn() throws {
    let library = try NeedsReader.builtInLibrary
    #expect(
      library.profiles.map(\.id) == [
        "wheelchair-full-time", "wheelchair-essential-rooms", "wheelchair-outdoors", "rollator",
        "step-free", "few-steps", "minimal-steps", "general-needs",
      ])
    #expect(library.schemes.map(\.id) == ["london", "kingston", "solihull"])
    #expect(
      library.scheme("london")?.categories.map(\.id) == ["A", "B", "C", "D", "E", "E+", "F", "G"])
    for profile in ["din18040-2-r", "uk-m4-3"] {
      let mapping = try Fixture.mapping(profile)
      #expect(
        Set(mapping.needs.map(\.id)) == [
          "wheelchairFullTime", "wheelchairEssentialRooms", "wheelchairOutdoors", "walkingAid",
          "floorLevelShower", "noBath",
        ])
      // Every need profile of the library resolves on each ladder.
      _ = try Matcher(mapping: mapping, library: library)
    }
    for (file, text) in NeedsReader.builtInTexts {
      let onDisk = try String(
        contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
      #expect(
        text == onDisk, "\(file) differs from its embedded copy: run Scripts/embed-schemas.sh")
    }
    let files = try FileManager.default.contentsOfDirectory(
      atPath: repositoryRoot.appendingPathComponent("Needs").path
    ).filter { $0.hasSuffix(".xml") }
    #expect(files.count == NeedsReader.builtInTexts.count)
    let schema = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Schemas/needs.xsd"), encoding: .utf8)
    #expect(NeedsSchema.xsd == schema)
    #expect(NeedsReader.builtInMappingProfiles.sorted() == ["din18040-2-r", "uk-m4-3"])
  }

  @Test(
    "A mapping's rules are those its class binds: R's 'door.clear-width' yes, 'stairs.handrail' no")
  func mappingRules() throws {
    let mapping = try Fixture.mapping()
    let rollator = try #require(mapping.need("walkingAid"))
    #expect(rollator.class == "barrierFree")
    #expect(rollator.rules?.contains("shower.step") == true)
    // The rollator asks for no turning circles of R: its areas are B's.
    #expect(rollator.rules?.contains("room.movement-area") == true)
    #expect(mapping.need("wheelchairFullTime")?.rules == nil)
    let text = """
      <needMapping xmlns="urn:barrierfree:needs:1" profile="din18040-2-r">
        <summary>test</summary>
        <need id="x" title="x" class="wheelchair" rules="door.clear-width stairs.handrail" source="s" certainty="INF"/>
        <need id="y" title="y" class="wheelchiar" rules="*" source="s" certainty="INF"/>
      </needMapping>
      """
    let error = #expect(throws: ImportError.self) {
      _ = try NeedsReader.readMapping(
        bytes: Array(text.utf8), fileName: "m.xml", ladder: try Fixture.ladder())
    }
    let messages = error?.diagnostics.map(\.description) ?? []
    #expect(
      messages.first
        == "m.xml:3:45: error: rule 'stairs.handrail' is not bound by din18040-2-r, the profile of class wheelchair; did you mean 'stairs.handrails'?"
    )
    #expect(
      messages.dropFirst().first
        == "m.xml:4:26: error: 'wheelchiar' is not a class of the ladder (barrierReduced, barrierFree, wheelchair); did you mean 'wheelchair'?"
    )
  }

  @Test(
    "A household's profile, category and own needs add up; wheelchairs and rollators imply no steps"
  )
  func resolving() throws {
    let households = try Fixture.households(
      """
      <household id="a" profile="rollator"><bedrooms count="2"/><carerRoom/></household>
      <household id="b" category="A"/>
      <household id="c" category="E+"><noBath/></household>
      <household id="d"><wheelchair use="outdoors"/></household>
      <household id="e"><walkingAid kind="stick"/><maxSteps count="4"/></household>
      <household id="f"><near facility="cafe" within="250.5"/><highestStoreyWithoutLift storey="1"/></household>
      """)
    #expect(households.map(\.id) == ["a", "b", "c", "d", "e", "f"])
    #expect(households[0].needs.mapped == ["walkingAid", "floorLevelShower"])
    #expect(households[0].needs.maxSteps == 0)
    #expect(households[0].needs.bedroomsRequired == 3)
    #expect(households[1].category == RegisterCategoryRef(scheme: "london", category: "A"))
    #expect(households[1].needs.mapped == ["wheelchairFullTime", "floorLevelShower"])
    #expect(households[2].needs.maxSteps == 6)
    #expect(households[2].needs.mapped == ["noBath"])
    #expect(households[3].needs.maxSteps == 0)
    #expect(households[4].needs.maxSteps == 4)
    // A stick asks nothing of doors and areas: no rollator's requirements.
    #expect(households[4].needs.mapped.isEmpty)
    #expect(households[4].needs.walkingAid == "stick")
    #expect(households[5].needs.near == [Needs.Nearness(facility: "cafe", within: .mm(250_500))])
    #expect(households[5].needs.highestStoreyWithoutLift == 1)
    #expect(households[5].origin == "households.xml:8:1")
  }

  @Test(
    "Bad needs: file, line, column and a did-you-mean",
    arguments: [
      (
        #"<household id="a"><walkinAid/></household>"#,
        "households.xml:3:19: error: <walkinAid> is not expected here; expected here: wheelchair, walkingAid, maxSteps, floorLevelShower, noBath, carerRoom, bedrooms, highestStoreyWithoutLift, near, requires; did you mean <walkingAid>? (check the spelling and the order of elements: see Schemas/needs.xsd)"
      ),
      (
        #"<household id="a" category="E-"/>"#,
        "households.xml:3:19: error: the london scheme has no category 'E-'; did you mean 'E'? (categories: A, B, C, D, E, E+, F, G)"
      ),
      (
        #"<household id="a" profile="rolator"/>"#,
        "households.xml:3:19: error: no need profile 'rolator'; did you mean 'rollator'? (profiles: wheelchair-full-time, wheelchair-essential-rooms, wheelchair-outdoors, rollator, step-free, few-steps, minimal-steps, general-needs)"
      ),
      (
        #"<household id="a"><wheelchair use="fullTime"/><maxSteps count="3"/></household>"#,
        "households.xml:3:1: error: impossible combination: a wheelchair user with <maxSteps count=\"3\"/>; a wheelchair user's way has no steps: leave out <maxSteps>, or, for someone who walks and climbs steps, give <walkingAid kind=\"stick\"/> (or \"crutches\") instead of the wheelchair"
      ),
      (
        #"<household id="a" category="A"><walkingAid/></household>"#,
        "households.xml:3:1: error: impossible combination (with its profile or category): <walkingAid/> (a rollator or frame) and <wheelchair use=\"fullTime\"/>; a household gives one kind of mobility, the one that asks most"
      ),
      (
        #"<household id="a"><walkingAid kind="rollator"/><maxSteps count="2"/></household>"#,
        "households.xml:3:1: error: impossible combination: a rollator with <maxSteps count=\"2\"/>; a rollator or frame is not carried up steps (give kind=\"stick\" or \"crutches\" for an aid that is)"
      ),
      (
        #"<household id="a"><wheelchair use="fullTime"/><highestStoreyWithoutLift storey="2"/></household>"#,
        "households.xml:3:1: error: impossible combination: a full-time wheelchair user who reaches storey 2 by stairs; leave out <highestStoreyWithoutLift> or the wheelchair"
      ),
      (
        #"<household id="a"><maxSteps count="0"/><highestStoreyWithoutLift storey="3"/></household>"#,
        "households.xml:3:1: error: impossible combination: <maxSteps count=\"0\"/> and stairs up to storey 3; someone who climbs no step reaches no storey by stairs: leave out one of them"
      ),
      (
        #"<household id="a"><noBath/><noBath/></household>"#,
        "households.xml:3:28: error: <noBath> is given twice; give each need once"
      ),
      (
        #"<household id="a"><requires need="wheelchairEssentialRoom"/></household>"#,
        "households.xml:3:29: error: no need 'wheelchairEssentialRoom' in the mapping for din18040-2-r; did you mean 'wheelchairEssentialRooms'?"
      ),
      (
        #"<household id="a"><near facility="cafe" within="0"/></household>"#,
        "households.xml:3:41: error: near: within is 0; it must be more than 0"
      ),
      (
        #"<household id="a"><maxSteps count="-1"/></household>"#,
        "households.xml:3:29: error: maxSteps: count '-1' is not a count; write a whole number from 0 to 1000"
      ),
    ])
  func badNeeds(body: String, message: String) {
    #expect(Fixture.error(body) == message)
  }

  @Test("A category needs a scheme; the scheme must exist")
  func schemes() {
    #expect(
      Fixture.error(#"<household id="a" category="C"/>"#, scheme: nil)
        == "households.xml:3:19: error: category 'C' names no scheme: add scheme=\"…\" to the household or to <households>, or choose one with --scheme (schemes: london, kingston, solihull)"
    )
    #expect(
      Fixture.error(#"<household id="a" category="2" scheme="kingstn"/>"#, scheme: nil)
        == "households.xml:3:32: error: no register scheme 'kingstn'; did you mean 'kingston'?"
    )
    #expect(
      Fixture.error(#"<household id="a" category="G"/>"#)
        == "households.xml:3:19: error: category 'G' of london means not assessed: give the household's needs, or a category it is assessed in"
    )
  }

  @Test("The household file example in README.md reads, and means what it says")
  func readmeExample() throws {
    let readme = try String(
      contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let blocks = readme.split(separator: "```xml\n").dropFirst().map {
      String($0.prefix { $0 != "`" })
    }
    let example = try #require(blocks.first { $0.contains("<households") })
    let households = try NeedsReader.readHouseholds(
      bytes: Array(example.utf8), fileName: "README.md", library: NeedsReader.builtInLibrary,
      mapping: Fixture.mapping())
    #expect(households.map(\.id) == ["h03", "h09", "h05"])
    #expect(households[0].needs.near.first?.within == .mm(300_000))
    #expect(households[1].needs.mapped.contains("wheelchairFullTime"))
    #expect(households[2].needs.maxSteps == 3)
  }
}
