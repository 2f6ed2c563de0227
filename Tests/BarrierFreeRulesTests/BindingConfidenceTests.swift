import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Testing

/// Profiles mark how sure each binding's threshold and clause are.
@Suite("Binding confidence")
struct BindingConfidenceTests {
  @Test("Every binding of every built-in profile states its confidence")
  func builtInsAreMarked() {
    for (id, profile) in builtInProfiles {
      for binding in profile.bindings {
        #expect(binding.citation.confidence != nil, "\(id): \(binding.rule) has no confidence")
      }
    }
    // Marks from the reference tables: D1 (VV) at a reconstructed clause,
    // the ICC clear floor space unsure in its dimensions.
    let door = builtInProfiles["din18040-2"]?.bindings(of: "door.clear-width").first
    #expect(door?.citation.confidence == .confirmed)
    #expect(door?.citation.clauseUnsure == true)
    #expect(door?.citation.unsureMarks == "clause ?")
    #expect(door?.citation.confidenceLabel == "VV; clause ?")
    let space = builtInProfiles["icc-a117.1-type-b"]?.bindings(
      of: "sanitary.movement-area"
    )
    .first
    #expect(space?.citation.confidence == .unsure)
    #expect(space?.citation.unsureMarks == "threshold ?")
  }

  @Test("A profile reads confidence and clauseUnsure; other marks are refused")
  func reading() throws {
    let read = try readProfile(
      profile(
        """
        <rule id="door.clear-width" confidence="K" clauseUnsure="true"><threshold name="minimum" value="900" unit="mm"/></rule>
        """)
    ).get()
    #expect(read.bindings.first?.citation.confidence == .recalled)
    #expect(read.bindings.first?.citation.clauseUnsure == true)
    let plain = try readProfile(
      profile(
        """
        <rule id="door.clear-width"><threshold name="minimum" value="900" unit="mm"/></rule>
        """)
    ).get()
    #expect(plain.bindings.first?.citation.confidence == nil)
    #expect(plain.bindings.first?.citation.clauseUnsure == false)
    #expect(plain.bindings.first?.citation.confidenceLabel == "")
    #expect(
      firstProblem(
        profile(
          """
          <rule id="door.clear-width" confidence="sure"><threshold name="minimum" value="900" unit="mm"/></rule>
          """)) != "no problem")
  }
}
