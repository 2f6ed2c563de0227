import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import BarrierFreeXMLSupport
import Foundation
import Testing

let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Reads a profile given as text; the diagnostics when it fails.
func readProfile(_ text: String) -> Result<Profile, ImportError> {
  do throws(ImportError) {
    return .success(try ProfileReader.read(bytes: Array(text.utf8), fileName: "p.xml"))
  } catch {
    return .failure(error)
  }
}

/// The first diagnostic of a profile that must fail, as
/// `line:column: message`.
func firstProblem(_ text: String) -> String {
  switch readProfile(text) {
  case .success: return "no problem"
  case .failure(let error):
    guard let first = error.diagnostics.first else { return "no diagnostics" }
    return "\(first.location.line):\(first.location.column): \(first.message)"
  }
}

/// A profile around `rules` (lines from line 3 on).
func profile(_ rules: String, extends: String = "") -> String {
  """
  <?xml version="1.0" encoding="UTF-8"?>
  <profile xmlns="urn:barrierfree:profile:1" id="acme" level="acme" title="Acme" standard="Acme rules" edition="2026"\(extends)>
  \(rules)
  </profile>
  """
}

@Suite("Profile reader")
struct ProfileReaderTests {
  @Test("The built-in profiles load without a problem, and the embedded copies match the files")
  func builtIns() throws {
    #expect(ProfileLibrary.builtInProblems.isEmpty)
    #expect(
      ProfileLibrary.builtIn.profiles.map(\.id)
        == [
          "din18040-2-r", "din18040-2", "icc-a117.1-type-a", "icc-a117.1-type-b",
          "kfw-barrier-reduced", "uk-m4-2", "uk-m4-3",
        ])
    for (file, text) in ProfileLibrary.builtInTexts {
      let onDisk = try String(
        contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
      #expect(
        text == onDisk, "\(file) differs from its embedded copy: run Scripts/embed-schemas.sh")
    }
    let files = try FileManager.default.contentsOfDirectory(
      atPath: repositoryRoot.appendingPathComponent("Profiles").path
    ).filter { $0.hasSuffix(".xml") }
    #expect(files.count == ProfileLibrary.builtInTexts.count)
    let schema = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Schemas/profile.xsd"), encoding: .utf8)
    #expect(ProfileSchema.xsd == schema)
  }

  @Test("The German ladder: KfW below barrier-free below wheelchair, R inheriting B's rules")
  func germanLadder() throws {
    let ladder = try ProfileLibrary.builtIn.ladder(for: "din18040-2-r")
    #expect(ladder.profiles.map(\.id) == ["kfw-barrier-reduced", "din18040-2", "din18040-2-r"])
    #expect(ladder.profiles.map(\.class) == ["barrierReduced", "barrierFree", "wheelchair"])
    // DIN 18040-2 stands above KfW without taking its rules: its sanitary
    // movement area stays 1200 x 1200 mm, KfW's is 900 x 1200 mm.
    let kfw = ladder.profiles[0].bindings(of: "sanitary.movement-area")
    let din = ladder.profiles[1].bindings(of: "sanitary.movement-area")
    #expect(kfw.map { $0.thresholds.values["width"] } == [900])
    #expect(din.map { $0.thresholds.values["width"] } == [1200])
    #expect(ladder.profiles[1].bindings.count == 45)
    let r = try #require(ladder.top)
    // Rebound: one binding of 900 mm for every door.
    let widths = r.bindings(of: "door.clear-width")
    #expect(widths.count == 1)
    #expect(widths.first?.thresholds.values["minimum"] == 900)
    // Inherited: the threshold limit of the base level.
    #expect(r.bindings(of: "door.threshold").count == 2)
    #expect(r.standardEdition == "DIN 18040-2:2011-09")
  }

  @Test("Thresholds in cm, m and inches are converted to millimetres")
  func units() throws {
    let text = profile(
      """
        <rule id="door.clear-width" scope="flatEntrance"><threshold name="minimum" value="90" unit="cm"/></rule>
        <rule id="door.clear-width" scope="interior"><threshold name="minimum" value="0.85" unit="m"/></rule>
        <rule id="door.clear-width" scope="bathroom outdoor"><threshold name="minimum" value="32" unit="in"/></rule>
      """)
    let loaded = try readProfile(text).get()
    let values = loaded.bindings.map { $0.thresholds.values["minimum"] }
    #expect(values == [900, 850, 812.8])
    #expect(loaded.bindings[0].citation.standard == "Acme rules:2026")
    #expect(loaded.bindings[0].citation.clause == "4.3.3.2, 5.3.1")
  }

  @Test("A profile without units takes those of the profile it extends; its own win")
  func inheritedUnits() throws {
    func top(_ extra: String) throws -> Profile? {
      var library = ProfileLibrary.builtIn
      let text = profile(
        """
          <rule id="door.clear-width"><threshold name="minimum" value="34" unit="in"/></rule>
        """, extends: extra)
      try library.add(try readProfile(text).get())
      return try library.ladder(for: "acme").top
    }
    let fromICC = try top(#" extends="icc-a117.1-type-b""#)
    #expect(fromICC?.units == .imperial)
    #expect(fromICC?.declaredUnits == .imperial)
    #expect(try top(#" extends="icc-a117.1-type-b" units="metric""#)?.units == .metric)
    #expect(try top(#" extends="din18040-2""#)?.units == .metric)
    #expect(try top("")?.units == .metric)
    #expect(try top("")?.declaredUnits == nil)
    // Through two levels: Type A extends Type B, and a profile extends Type A.
    #expect(try top(#" extends="icc-a117.1-type-a""#)?.units == .imperial)
  }

  @Test("A threshold of -0 is 0: reports would write -0, and it would differ from 0")
  func negativeZero() throws {
    let loaded = try readProfile(
      profile(
        """
          <rule id="door.threshold"><threshold name="maximum" value="-0" unit="mm"/></rule>
        """)
    ).get()
    let value = try #require(loaded.bindings.first?.thresholds.values["maximum"])
    #expect(value == 0)
    #expect(value.sign == .plus)
  }

  @Test("An unknown rule id is named at its attribute, with the nearest known id")
  func unknownRule() {
    let text = profile(
      """
        <rule id="door.clear-widht"><threshold name="minimum" value="900" unit="mm"/></rule>
      """)
    #expect(
      firstProblem(text)
        == "3:9: unknown rule 'door.clear-widht'; did you mean "
        + "'door.clear-width'? (`barrierfree rules` lists them)")
  }

  @Test("A threshold the rule does not take, in the wrong unit, or not a number")
  func badThresholds() {
    #expect(
      firstProblem(
        profile(
          """
            <rule id="door.clear-width">
              <threshold name="minimun" value="900" unit="mm"/>
            </rule>
          """))
        == "4:16: rule 'door.clear-width' has no threshold 'minimun'; it takes 'minimum'"
    )
    #expect(
      firstProblem(
        profile(
          """
            <rule id="door.clear-width">
              <threshold name="minimum" value="900" unit="%"/>
            </rule>
          """))
        == "4:43: the threshold 'minimum' of rule 'door.clear-width' is a length; "
        + "'%' is not a unit of length (use mm, cm, m or in)")
    let comma = firstProblem(
      profile(
        """
          <rule id="door.clear-width">
            <threshold name="minimum" value="12,5" unit="cm"/>
          </rule>
        """))
    #expect(comma.hasPrefix("4:31: threshold: value '12,5' is not a number; "), "\(comma)")
    #expect(comma.contains("12,5"), "\(comma)")
  }

  @Test("A missing threshold, a scope the rule does not know, and overlapping scopes")
  func incompleteBindings() {
    #expect(
      firstProblem(profile("  <rule id=\"hallway.width\"/>"))
        == "3:3: rule 'hallway.width' needs the threshold 'minimum' "
        + "(smallest clear width)")
    #expect(
      firstProblem(
        profile(
          """
            <rule id="bathroom-door.unlockable" scope="kitchen"/>
          """))
        == "3:3: rule 'bathroom-door.unlockable' cannot be scoped to 'kitchen'; "
        + "expected one of bathroom")
    #expect(
      firstProblem(
        profile(
          """
            <rule id="door.clear-width" scope="interior"><threshold name="minimum" value="900" unit="mm"/></rule>
            <rule id="door.clear-width" scope="bathroom interior"><threshold name="minimum" value="800" unit="mm"/></rule>
          """))
        == "4:3: rule 'door.clear-width' is bound twice for interior")
  }

  @Test("Bad XML, a DOCTYPE, and a wrong namespace are refused with their place")
  func badDocuments() {
    #expect(firstProblem("").hasPrefix("1:1: the file is empty"))
    #expect(
      firstProblem(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE profile [<!ENTITY x \"y\">]>\n<profile/>")
        == "2:1: the profile has a DOCTYPE; a BarrierFree profile has none: remove the DOCTYPE")
    let broken = firstProblem(profile("  <rule id=\"flat.shower\">"))
    #expect(broken.hasPrefix("4:11: "), "\(broken)")
    #expect(broken.contains("</profile>"), "\(broken)")
    #expect(
      firstProblem("<profile xmlns=\"urn:other\" id=\"x\"/>")
        == "1:1: the root element <profile> is in namespace 'urn:other'; a BarrierFree profile "
        + "starts with <profile xmlns=\"urn:barrierfree:profile:1\">")
  }

  @Test("The profile in README.md is Samples/profiles/house-rules.xml")
  func readmeProfile() throws {
    let readme = try String(
      contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.firstRange(of: "```xml\n<profile"))
    let end = try #require(readme[start.upperBound...].firstRange(of: "```"))
    let example = "<profile" + readme[start.upperBound..<end.lowerBound]
    // The sample keeps the former ids (it shows that they still work); README
    // shows the current ones.
    var sample = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Samples/profiles/house-rules.xml"),
      encoding: .utf8)
    #expect(sample.contains("<rule id=\"din18040-2.door.clear-width\""))
    for (former, current) in renamedRuleIDs {
      sample = sample.replacing("<rule id=\"\(former)\"", with: "<rule id=\"\(current)\"")
    }
    #expect(sample.hasSuffix(example), "README's profile is not the end of the sample file")
    // The error README shows for a typo in the first rule id.
    let typo = sample.replacing(
      "<rule id=\"door.clear-width\"", with: "<rule id=\"door.clear-widht\"")
    let name = "Samples/profiles/house-rules.xml"
    var shown = "nothing"
    do throws(ImportError) {
      _ = try ProfileReader.read(bytes: Array(typo.utf8), fileName: name)
    } catch {
      shown = error.description
    }
    #expect(readme.contains("\n\(shown)\n"), "\(shown)")
  }

  @Test("Ladders refuse a class named twice or named none; a minimum above the maximum is an error")
  func badLadders() throws {
    var library = ProfileLibrary.builtIn
    let twice = profile("", extends: " extends=\"din18040-2\"").replacing(
      "level=\"acme\"", with: "level=\"barrierFree\"")
    #expect(throws: ProfileError.self) { try library.add(try readProfile(twice).get()) }
    do {
      try library.add(try readProfile(twice).get())
    } catch let error as ProfileError {
      #expect(
        error.description
          == "p.xml:2:1: error: profile 'acme' names its class 'barrierFree' (its level "
          + "attribute), as 'din18040-2' below it does; each class of a ladder needs a name "
          + "of its own")
    }
    let none = profile("").replacing("level=\"acme\"", with: "level=\"none\"")
    #expect(throws: ProfileError.self) { try library.add(try readProfile(none).get()) }
    #expect(library.profile("acme") == nil, "a refused profile is not kept")
    #expect(
      firstProblem(
        profile(
          """
            <rule id="control.height">
              <threshold name="minimum" value="1050" unit="mm"/>
              <threshold name="maximum" value="850" unit="mm"/>
            </rule>
          """))
        == "3:3: rule 'control.height': the minimum 1050 is above the maximum 850; "
        + "no element could pass")
  }

  @Test("Profiles must be UTF-8: UTF-16 and other declared encodings are refused")
  func encodings() throws {
    let text = profile("")
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    for bytes in [
      utf16,
      Array(text.replacing("encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"").utf8),
    ] {
      do throws(ImportError) {
        _ = try ProfileReader.read(bytes: bytes, fileName: "p.xml")
        Issue.record("accepted")
      } catch {
        #expect(error.diagnostics.first?.message.hasPrefix("the profile is not UTF-8") == true)
      }
    }
  }

  @Test("A scoped binding in an extending profile replaces the base only for its scope")
  func scopedOverride() throws {
    let text = profile(
      """
        <rule id="door.threshold" scope="outdoor"><threshold name="maximum" value="0" unit="mm"/></rule>
      """, extends: " extends=\"din18040-2\"")
    var library = ProfileLibrary.builtIn
    try library.add(try readProfile(text).get())
    let top = try #require(try library.ladder(for: "acme").top)
    let bindings = top.bindings(of: "door.threshold")
    #expect(
      bindings.map { $0.scope?.sorted() ?? [] } == [
        ["bathroom", "common", "flatEntrance", "interior"], ["outdoor"],
      ])
    #expect(bindings.map { $0.thresholds.values["maximum"] } == [20, 0])
  }

  @Test("A user's profile extends a built-in one and forms a ladder on top of it")
  func userProfile() throws {
    let text = profile(
      """
        <rule id="door.clear-width"><threshold name="minimum" value="900" unit="mm"/></rule>
      """, extends: " extends=\"din18040-2\"")
    var library = ProfileLibrary.builtIn
    try library.add(try readProfile(text).get())
    let ladder = try library.ladder(for: "acme")
    #expect(ladder.profiles.map(\.class) == ["barrierReduced", "barrierFree", "acme"])
    #expect(ladder.top?.bindings(of: "door.clear-width").count == 1)
    #expect(ladder.top?.bindings(of: "shower.size").count == 1)

    let orphan = profile("", extends: " extends=\"din18040-3\"").replacing(
      "id=\"acme\"", with: "id=\"orphan\"")
    do {
      try library.add(try readProfile(orphan).get())
      Issue.record("an unknown extends was accepted")
    } catch let error as ProfileError {
      #expect(
        error.description
          == "p.xml:2:1: error: the profile extends 'din18040-3', which is unknown; "
          + "`barrierfree profiles` lists the profiles")
    }
    #expect(throws: ProfileError.self) { try library.add(try readProfile(text).get()) }
  }
}
