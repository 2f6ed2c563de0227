import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Foundation
import Testing

/// The built-in profiles, resolved over the profiles they extend.
let builtInProfiles: [String: Profile] = {
  var result: [String: Profile] = [:]
  for profile in ProfileLibrary.builtIn.profiles {
    if let top = (try? ProfileLibrary.builtIn.ladder(for: profile.id))?.top {
      result[profile.id] = top
    }
  }
  return result
}()

/// Every example of every rule, named for test output.
let allExamples: [(rule: String, example: RuleExample)] = allRules.flatMap { rule in
  let id = rule.description.id
  return (rule.examples + OtherStandardExamples.examples(of: id)).map { (id, $0) }
}

@Suite("Rule catalogue")
struct RuleCatalogueTests {
  @Test("Every rule gives each of its examples the expected status")
  func examples() throws {
    for (id, example) in allExamples {
      let source = SourceLocation(
        fileID: "BarrierFreeRules/\(example.file)", filePath: example.file, line: example.line,
        column: 1)
      guard let rule = rule(withID: id) else {
        Issue.record("no rule \(id)")
        continue
      }
      guard let profile = builtInProfiles[example.profile] else {
        Issue.record("\(id): no built-in profile \(example.profile)", sourceLocation: source)
        continue
      }
      let bindings = profile.bindings(of: id).filter { $0.covers(example.element.scopeToken) }
      guard bindings.count == 1, let binding = bindings.first else {
        Issue.record(
          Comment(
            rawValue: "\(id): \(bindings.count) bindings in \(example.profile) cover the "
              + "example '\(example.note)'"), sourceLocation: source)
        continue
      }
      #expect(
        rule.description.outcomes.contains(example.expected) || example.expected == .notApplicable,
        "\(id): \(example.expected) is not among the rule's outcomes", sourceLocation: source)
      let evaluation = rule.evaluate(example.element, binding.thresholds)
      #expect(
        evaluation?.status == example.expected,
        "\(id) at \(example.profile), \(example.note): \(evaluation?.message ?? "nil")",
        sourceLocation: source)
    }
  }

  @Test("Every binding of every built-in profile has an example of each outcome of its rule")
  func boundaryCoverage() {
    for written in ProfileLibrary.builtIn.profiles {
      Self.checkCoverage(written)
    }
  }

  static func checkCoverage(_ written: Profile) {
    do {
      guard let resolved = builtInProfiles[written.id] else { return }
      for binding in written.bindings {
        let covered = allExamples.filter { id, example in
          id == binding.rule && example.profile == written.id
            && resolved.bindings(of: id).contains { $0 == binding }
            && binding.covers(example.element.scopeToken)
        }
        let statuses = Set(covered.map(\.example.expected))
        let outcomes = rule(withID: binding.rule)?.description.outcomes ?? []
        for needed in FindingStatus.allCases
        where outcomes.contains(needed) && !statuses.contains(needed) {
          Issue.record(
            Comment(
              rawValue: "\(written.id): \(binding.rule) (scope "
                + "\(binding.scope?.sorted() ?? ["all"])) has no \(needed) example"))
        }
      }
    }
  }

  @Test("Rule ids are unique, well-formed, and the registry is in alphabetical order")
  func identifiers() throws {
    let ids = allRules.map { $0.description.id }
    #expect(Set(ids).count == ids.count)
    let pattern = try Regex("^[a-z0-9]+([.-][a-z0-9]+)*$")
    for id in ids {
      #expect(id.wholeMatch(of: pattern) != nil, "\(id)")
    }
    let names = allRules.map { typeName($0) }
    #expect(names == names.sorted())
  }

  @Test("Every rule cites a clause and a reference row, and is bound by a built-in profile")
  func citations() {
    let bound = Set(ProfileLibrary.builtIn.profiles.flatMap { $0.bindings.map(\.rule) })
    for rule in allRules {
      let description = rule.description
      #expect(!description.clause.isEmpty, "\(description.id)")
      #expect(!description.reference.isEmpty, "\(description.id)")
      #expect(!description.appliesTo.isEmpty, "\(description.id)")
      #expect(bound.contains(description.id), "\(description.id) is in no built-in profile")
    }
  }

  @Test("A missing threshold makes a rule say unknown, never pass")
  func missingThreshold() {
    for (id, example) in allExamples where example.expected == .pass {
      guard let rule = rule(withID: id), !rule.description.parameters.isEmpty else { continue }
      let evaluation = rule.evaluate(example.element, Thresholds())
      #expect(
        evaluation?.status == .unknown || evaluation?.status == .notApplicable,
        "\(id), \(example.note): \(evaluation?.status.rawValue ?? "nil")")
    }
  }
}

/// A rule type's name, for the order of the registry.
func typeName(_ rule: any Rule.Type) -> String {
  "\(rule)"
}
