import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules

/// A flat checked against the top class of another profile's ladder: after
/// an upgrade path, whether the changed flat meets what a funding programme
/// requires (KfW's technical minimum requirements, `kfw-barrier-reduced`).
public struct ProfileCheck: Sendable, Hashable {
  /// What the check found.
  public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable {
    /// The flat is at the profile's top class, verified.
    case meets
    /// A rule fails.
    case fails
    /// Nothing fails, but something is not measured: unknown is not pass.
    case unknown
  }

  /// The profile's id (`kfw-barrier-reduced`).
  public var profile: String
  /// What the check found.
  public var verdict: Verdict
  /// The rules that fail (``Verdict/fails``) or are not measured
  /// (``Verdict/unknown``), each once, sorted.
  public var rules: [String]

  /// Creates a check.
  public init(profile: String, verdict: Verdict, rules: [String] = []) {
    self.profile = profile
    self.verdict = verdict
    self.rules = rules
  }

  /// Checks the flat `flatID` of `building` with `assessor`, against its
  /// ladder's top class; nil when the building has no such flat or the
  /// ladder is empty.
  public init?(_ flatID: String, of building: Building, by assessor: Assessor) {
    guard let top = assessor.ladder.top,
      let flat = assessor.assess(flat: flatID, of: building)
    else { return nil }
    let findings = flat.results.flatMap(\.findings)
    let fails = Set(findings.filter { $0.status == .fail }.map(\.rule)).sorted()
    let unknown = Set(findings.filter { $0.status == .unknown }.map(\.rule)).sorted()
    if flat.classification.verifiedClass == top.class {
      self.init(profile: top.id, verdict: .meets)
    } else if !fails.isEmpty {
      self.init(profile: top.id, verdict: .fails, rules: fails)
    } else {
      self.init(profile: top.id, verdict: .unknown, rules: unknown)
    }
  }
}

extension FundingCatalogue {
  /// The profiles the programmes require (``FundingProgramme/requiresProfile``),
  /// each once, in the file's order.
  public var requiredProfiles: [String] {
    var required: [String] = []
    for programme in programmes {
      if let profile = programme.requiresProfile, !required.contains(profile) {
        required.append(profile)
      }
    }
    return required
  }

  /// An assessor for each profile the programmes require, from `library`:
  /// what ``UpgradePlanner/checks`` checks every path against.
  ///
  /// - Throws: `ProfileError` at the `requiresProfile` attribute of the
  ///   first programme whose profile `library` lacks, with the closest id.
  public func checks(in library: ProfileLibrary) throws(ProfileError) -> [Assessor] {
    var checks: [Assessor] = []
    for profile in requiredProfiles {
      do {
        checks.append(try Assessor(ladder: library.ladder(for: profile)))
      } catch {
        guard library.profile(profile) == nil,
          let programme = programmes.first(where: { $0.requiresProfile == profile })
        else { throw error }
        let hint =
          DidYouMean.closest(to: profile, among: library.profiles.map(\.id), limit: 2)
          .map { " (did you mean '\($0)'?)" } ?? ""
        throw ProfileError(
          origin: programme.requiresProfileOrigin,
          message:
            "funding programme '\(programme.id)' requires the profile '\(profile)', "
            + "which is not known\(hint); `barrierfree profiles` lists the profiles")
      }
    }
    return checks
  }
}
