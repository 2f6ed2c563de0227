import BarrierFreeModel

/// One level of accessibility as a standard (or a client) defines it: which
/// rules apply, with which thresholds, to which elements.
///
/// Profiles are data: the built-in ones and users' own are read from XML
/// files valid against Schemas/profile.xsd. A profile may extend another;
/// the resolved profile holds the base's bindings with its own in place of
/// those it binds again.
public struct Profile: Sendable, Hashable, Identifiable {
  /// Identifier: `din18040-2`, `din18040-2-r`.
  public var id: String
  /// A title for people.
  public var title: String
  /// The standard: `DIN 18040-2`.
  public var standard: String
  /// Its edition: `2011-09`.
  public var edition: String
  /// The class a flat reaches when it passes this profile: `barrierFree`,
  /// `wheelchair`, or a client's own name (the profile file's `level`
  /// attribute).
  public var `class`: String
  /// The profile this one builds on, the next class down the ladder: its
  /// rules apply here too, unless this profile binds them again.
  public var extends: String?
  /// The next class down the ladder when this profile does not build on it:
  /// a flat must pass that profile to reach this one's class, but its rules
  /// are its own (DIN 18040-2 above the KfW retrofit minimum).
  public var above: String?
  /// How reports for this profile show lengths: millimetres, or inches.
  /// The profile's own ``declaredUnits``, else metric; a profile resolved
  /// over a base without units of its own has the base's.
  public var units: UnitSystem {
    get { declaredUnits ?? .metric }
    set { declaredUnits = newValue }
  }
  /// The units the profile names itself; nil leaves them to the profile it
  /// extends (a user's profile that extends an ICC profile reports in
  /// inches, as its base does).
  public var declaredUnits: UnitSystem?
  /// What the profile is for, and what to know about its thresholds.
  public var summary: String
  /// The rules with their thresholds and scopes.
  public var bindings: [RuleBinding]
  /// Where the profile is written (`file:line:column` of its root element),
  /// for messages.
  public var origin: String?

  /// Creates a profile.
  public init(
    id: String, title: String, standard: String, edition: String,
    class: String, extends: String? = nil, above: String? = nil, summary: String = "",
    bindings: [RuleBinding] = [], origin: String? = nil
  ) {
    self.origin = origin
    self.id = id
    self.title = title
    self.standard = standard
    self.edition = edition
    self.class = `class`
    self.extends = extends
    self.above = above
    self.summary = summary
    self.bindings = bindings
  }

  /// The profile one class down its ladder: the one it extends, or the one
  /// it stands above.
  public var below: String? { extends ?? above }

  /// The standard with its edition: `DIN 18040-2:2011-09`.
  public var standardEdition: String { "\(standard):\(edition)" }

  /// This profile on top of `base`: the base's bindings, each narrowed to the
  /// elements this profile does not bind the same rule for, then this
  /// profile's own.
  ///
  /// Binding `door.threshold` with `scope="outdoor"` replaces the
  /// base's threshold for balcony doors and keeps it for the other doors;
  /// binding a rule without a scope replaces all of the base's bindings of it.
  public func resolved(over base: Profile, rules: [any Rule.Type] = allRules) -> Profile {
    var own: [String: Set<String>?] = [:]
    for binding in bindings {
      switch (own[binding.rule], binding.scope) {
      case (nil, let scope): own[binding.rule] = .some(scope)
      case (.some(.some(let seen)), .some(let scope)): own[binding.rule] = .some(seen.union(scope))
      default: own[binding.rule] = .some(nil)  // unscoped: covers everything
      }
    }
    var inherited: [RuleBinding] = []
    for var binding in base.bindings {
      guard let covered = own[binding.rule] else {
        inherited.append(binding)
        continue
      }
      guard let covered else { continue }  // replaced everywhere
      let all =
        binding.scope
        ?? Set(rules.first { $0.description.id == binding.rule }?.description.scopes ?? [])
      let remaining = all.subtracting(covered)
      guard !remaining.isEmpty else { continue }
      binding.scope = remaining
      inherited.append(binding)
    }
    var merged = self
    merged.bindings = inherited + bindings
    if declaredUnits == nil { merged.declaredUnits = base.declaredUnits }
    return merged
  }

  /// The bindings of one rule, by its id or a former id.
  public func bindings(of rule: String) -> [RuleBinding] {
    let id = currentRuleID(rule)
    return bindings.filter { $0.rule == id }
  }
}

/// A rule as a profile uses it: its thresholds, the elements it applies to,
/// and the clause to cite.
public struct RuleBinding: Sendable, Hashable {
  /// The rule's id. A former id given to the initializer is replaced by
  /// the rule's current one (``currentRuleID(_:)``).
  public var rule: String
  /// Scope tokens (door roles, room kinds); `nil` for every element the rule
  /// looks at.
  public var scope: Set<String>?
  /// Where the requirement comes from.
  public var citation: Citation
  /// The thresholds, in canonical units.
  public var thresholds: Thresholds
  /// Where the thresholds were found and how sure they are.
  public var reference: String?
  /// Where the binding is written (`file:line:column`), for messages.
  public var origin: String?

  /// Creates a binding.
  public init(
    rule: String, scope: Set<String>? = nil, citation: Citation,
    thresholds: Thresholds, reference: String? = nil, origin: String? = nil
  ) {
    self.rule = currentRuleID(rule)
    self.scope = scope
    self.citation = citation
    self.thresholds = thresholds
    self.reference = reference
    self.origin = origin
  }

  /// Whether the binding covers an element with this scope token.
  public func covers(_ token: String?) -> Bool {
    guard let scope else { return true }
    return token.map(scope.contains) ?? false
  }
}

/// The classes a flat can reach, lowest first, each with its profile:
/// DIN 18040-2 (barrier-free) below DIN 18040-2 R (wheelchair). A flat
/// below the lowest class is `none`.
public struct Ladder: Sendable, Hashable {
  /// The resolved profiles, one per class, lowest class first.
  public var profiles: [Profile]

  /// Creates a ladder.
  public init(_ profiles: [Profile]) {
    self.profiles = profiles
  }

  /// The class of a flat below every class of the ladder.
  public static let none = "none"

  /// The top class: the profile a check is run against.
  public var top: Profile? { profiles.last }

  /// Problems that make the ladder unusable: no level, a level named
  /// `none`, or two levels with one name.
  public var problems: [ProfileError] {
    var problems: [ProfileError] = []
    if profiles.isEmpty {
      problems.append(ProfileError(origin: nil, message: "the ladder has no classes"))
    }
    var seen: [String: String] = [:]
    for profile in profiles {
      if profile.class == Ladder.none {
        problems.append(
          ProfileError(
            origin: profile.origin,
            message: "profile '\(profile.id)': the class '\(Ladder.none)' (its level "
              + "attribute) is the class below every other; give the class another name"))
      } else if let other = seen[profile.class] {
        problems.append(
          ProfileError(
            origin: profile.origin,
            message: "profile '\(profile.id)' names its class '\(profile.class)' (its level "
              + "attribute), as '\(other)' below it does; each class of a ladder needs a name "
              + "of its own"))
      }
      seen[profile.class] = profile.id
    }
    return problems
  }
}

/// A profile that does not make sense with the rules at hand.
public struct ProfileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Where (`file:line:column`), when known.
  public var origin: String?
  /// What is wrong.
  public var message: String
  /// The index of the binding at fault in its profile, if one is.
  public var binding: Int?

  /// Creates a profile error.
  public init(origin: String?, message: String, binding: Int? = nil) {
    self.origin = origin
    self.message = message
    self.binding = binding
  }

  /// `file:line:column: error: message`, on one line: the message quotes
  /// the profile's text, whose line breaks and controls must not forge a
  /// line of their own.
  public var description: String {
    let message = message.escapedForOneLine
    return origin.map { "\($0.escapedForOneLine): error: \(message)" } ?? "error: \(message)"
  }
}

extension Profile {
  /// Checks the bindings against the rule catalogue: every rule exists, every
  /// threshold it needs is given, every scope token is one it knows, and no
  /// two bindings of a rule cover the same elements.
  public func problems(rules: [any Rule.Type] = allRules) -> [ProfileError] {
    let catalogue = Dictionary(
      rules.map { ($0.description.id, $0.description) }, uniquingKeysWith: { a, _ in a })
    var problems: [ProfileError] = []
    var covered: [String: Set<String>] = [:]
    var coversAll: Set<String> = []
    for (index, binding) in bindings.enumerated() {
      func problem(_ message: String) -> ProfileError {
        ProfileError(origin: binding.origin, message: message, binding: index)
      }
      guard let rule = catalogue[binding.rule] else {
        problems.append(
          problem("unknown rule '\(binding.rule)'; `barrierfree rules` lists them"))
        continue
      }
      for parameter in rule.parameters
      where !parameter.optional && binding.thresholds[parameter.name] == nil {
        problems.append(
          problem(
            "rule '\(rule.id)' needs the threshold '\(parameter.name)' "
              + "(\(parameter.summary))"))
      }
      let known = Set(rule.parameters.map(\.name))
      for name in binding.thresholds.names where !known.contains(name) {
        problems.append(
          problem(
            "rule '\(rule.id)' has no threshold '\(name)'; it takes "
              + rule.parameters.map { "'\($0.name)'" }.joined(separator: ", ")))
      }
      if let scope = binding.scope {
        let allowed = Set(rule.scopes)
        for token in scope.sorted() where !allowed.contains(token) {
          problems.append(
            problem(
              "rule '\(rule.id)' cannot be scoped to '\(token)'"
                + (rule.scopes.isEmpty
                  ? "; it takes no scope"
                  : "; expected one of " + rule.scopes.joined(separator: ", "))))
        }
        let seen = covered[rule.id, default: []]
        let overlap = scope.intersection(seen).sorted()
        if coversAll.contains(rule.id) || !overlap.isEmpty {
          problems.append(
            problem(
              "rule '\(rule.id)' is bound twice for "
                + (overlap.isEmpty ? "the same elements" : overlap.joined(separator: ", "))))
        }
        covered[rule.id] = seen.union(scope)
      } else {
        if coversAll.contains(rule.id) || covered[rule.id] != nil {
          problems.append(
            problem("rule '\(rule.id)' is bound twice for the same elements"))
        }
        coversAll.insert(rule.id)
      }
    }
    return problems
  }
}

extension Profile {
  /// The class a flat reaches when it passes this profile.
  @available(*, deprecated, renamed: "class")
  public var level: String {
    get { self.class }
    set { self.class = newValue }
  }

  /// Creates a profile.
  @available(
    *, deprecated,
    renamed: "init(id:title:standard:edition:class:extends:above:summary:bindings:origin:)"
  )
  public init(
    id: String, title: String, standard: String, edition: String,
    level: String, extends: String? = nil, above: String? = nil, summary: String = "",
    bindings: [RuleBinding] = [], origin: String? = nil
  ) {
    self.init(
      id: id, title: title, standard: standard, edition: edition, class: level,
      extends: extends, above: above, summary: summary, bindings: bindings, origin: origin)
  }
}

extension Ladder {
  /// The resolved profiles, lowest class first.
  @available(*, deprecated, renamed: "profiles")
  public var levels: [Profile] {
    get { profiles }
    set { profiles = newValue }
  }
}
