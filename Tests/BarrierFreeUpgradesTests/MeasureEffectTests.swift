import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import Testing

@testable import BarrierFreeUpgrades

/// A measure that claims a rule must clear it: its change, applied to each
/// failing example of the rule in the measure's scope, leaves no fail. A
/// claim that does not hold is a catalogue error this test finds, not a
/// user (the automatic door operator claimed the manoeuvring area, which
/// DIN 18040-2 asks of powered swing doors too).
@Suite("Measures clear the rules they claim")
struct MeasureEffectTests {
  /// The top profile of each built-in ladder, by id.
  static let profiles: [String: Profile] = {
    var result: [String: Profile] = [:]
    for profile in ProfileLibrary.builtIn.profiles {
      if let top = (try? ProfileLibrary.builtIn.ladder(for: profile.id))?.top {
        result[profile.id] = top
      }
    }
    return result
  }()

  /// `element` with `attribute` set; nil when the element has no such
  /// attribute (the planner does not use the measure there).
  static func setting(_ attribute: String, to value: ResolvedValue, in element: Element)
    -> Element?
  {
    func change<Value: SettableAttributes>(_ value: Value, _ wrap: (Value) -> Element) -> Element? {
      var changed = value
      return changed.set(attribute, to: resolved) ? wrap(changed) : nil
    }
    let resolved = value
    return switch element {
    case .door(let door, let role, let side):
      change(door) { .door($0, role: role, innerSide: side) }
    case .fixture(let fixture, let room): change(fixture) { .fixture($0, room: room) }
    case .steps(let steps, let stairLift, let inFlat):
      change(steps) { .steps($0, stairLift: stairLift, inFlat: inFlat) }
    case .ramp(let ramp): change(ramp) { .ramp($0) }
    case .path(let path): change(path) { .path($0) }
    case .lift(let lift): change(lift) { .lift($0) }
    default: nil
    }
  }

  /// What `rule` requires of `element` under `profile`: its evaluation's
  /// required value.
  static func required(_ rule: String, of element: Element, in profile: Profile) -> Requirement? {
    guard let type = BarrierFreeRules.rule(withID: rule),
      let binding = profile.bindings(of: rule).first(where: { $0.covers(element.scopeToken) })
    else { return nil }
    return type.evaluate(element, binding.thresholds)?.required
  }

  @Test("Each built-in measure's change clears every failing example of the rules it claims")
  func builtInMeasuresClearTheirRules() throws {
    var checked = 0
    for measure in try MeasureCatalogue.builtIn.measures {
      let sets = measure.changes.compactMap { change -> (String, ChangeValue)? in
        guard case .set(let attribute, let value) = change else { return nil }
        return (attribute, value)
      }
      // Survey-only measures change nothing; ramps and lift stops change the
      // building, and the plan tests apply them.
      guard !sets.isEmpty, sets.count == measure.changes.count else { continue }
      for cleared in measure.clears {
        let id = currentRuleID(cleared.rule)
        let found = BarrierFreeRules.rule(withID: id)
        let type = try #require(found, "\(measure.id): no rule \(id)")
        for example in type.examples
        where example.expected == .fail && cleared.covers(example.element.scopeToken) {
          guard let profile = Self.profiles[example.profile],
            let binding = profile.bindings(of: id).first(where: {
              $0.covers(example.element.scopeToken)
            })
          else { continue }
          var element: Element? = example.element
          for (attribute, value) in sets {
            let rule: String =
              if case .requiredBy(let other) = value { currentRuleID(other) } else { id }
            let requirement =
              rule == id
              ? type.evaluate(example.element, binding.thresholds)?.required
              : Self.required(rule, of: example.element, in: profile)
            guard let current = element,
              let resolved = ResolvedValue(value, required: requirement)
            else {
              element = nil
              break
            }
            element = Self.setting(attribute, to: resolved, in: current)
          }
          // The element has not the attributes the measure sets: the
          // planner never applies the measure to it.
          guard let element else { continue }
          checked += 1
          let after = type.evaluate(element, binding.thresholds)
          #expect(
            after?.status != .fail,
            "\(measure.id) leaves \(id) failing on its example '\(example.note)' (\(example.profile)): \(after?.message ?? "")"
          )
        }
      }
    }
    // The test must look at something: every door, threshold and shower
    // measure has failing examples to clear.
    #expect(checked >= 20, "only \(checked) examples checked")
  }
}
