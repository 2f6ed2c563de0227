import BarrierFreeModel

/// What a household needs of a flat. Every need is optional: a need not
/// given is no need. A need given is never assumed met: where a flat's
/// survey does not show it, the match is "not known".
public struct Needs: Sendable, Hashable {
  /// Needs of the mapping, by id (`wheelchairFullTime`, `walkingAid`,
  /// `floorLevelShower`, …): each asks the flat to pass some rules at one
  /// class (``NeedMapping``).
  public var mapped: [String]
  /// The most steps (risers) the household can climb at a time, on the
  /// route to the flat and between its rooms.
  public var maxSteps: Int?
  /// The bedrooms the household needs, without a carer's.
  public var bedrooms: Int?
  /// Whether an overnight carer needs a bedroom of their own.
  public var carerRoom: Bool
  /// The highest storey the household reaches by stairs; above it a flat
  /// needs a route that climbs no storey by stairs.
  public var highestStoreyWithoutLift: Int?
  /// Facilities wanted within a distance, step-free.
  public var near: [Nearness]
  /// The walking aid, as the household file names it (for reports).
  public var walkingAid: String?

  /// Creates needs; the default is none.
  public init(
    mapped: [String] = [], maxSteps: Int? = nil, bedrooms: Int? = nil, carerRoom: Bool = false,
    highestStoreyWithoutLift: Int? = nil, near: [Nearness] = [], walkingAid: String? = nil
  ) {
    self.mapped = mapped
    self.maxSteps = maxSteps
    self.bedrooms = bedrooms
    self.carerRoom = carerRoom
    self.highestStoreyWithoutLift = highestStoreyWithoutLift
    self.near = near
    self.walkingAid = walkingAid
  }

  /// A facility within a distance.
  public struct Nearness: Sendable, Hashable {
    /// `cafe` (café or meeting place) or `careBase`.
    public var facility: String
    /// The longest step-free way to it.
    public var within: Length

    /// Creates a nearness need.
    public init(facility: String, within: Length) {
      self.facility = facility
      self.within = within
    }
  }

  /// The bedrooms a flat must have: the household's own (one when a carer's
  /// room is asked and the household's own are not given) and one for a
  /// carer. Nil when nothing is asked, or none.
  public var bedroomsRequired: Int? {
    guard let own = ownBedrooms else { return nil }
    let total = own + (carerRoom ? 1 : 0)
    return total > 0 ? total : nil
  }

  /// The household's own bedrooms as a requirement: as given, else one when
  /// a carer's room is asked.
  private var ownBedrooms: Int? { bedrooms ?? (carerRoom ? 1 : nil) }

  /// These needs and `other`'s: the stricter of each.
  public func adding(_ other: Needs) -> Needs {
    var merged = self
    for need in other.mapped where !merged.mapped.contains(need) { merged.mapped.append(need) }
    merged.maxSteps = [maxSteps, other.maxSteps].compactMap { $0 }.min()
    // The stricter of the two as they count, so that adding a need never
    // relaxes one (a carer's room with no bedrooms given counts one).
    merged.bedrooms = [ownBedrooms, other.ownBedrooms].compactMap { $0 }.max()
    merged.carerRoom = carerRoom || other.carerRoom
    merged.highestStoreyWithoutLift =
      [highestStoreyWithoutLift, other.highestStoreyWithoutLift].compactMap { $0 }.min()
    for nearness in other.near {
      if let index = merged.near.firstIndex(where: { $0.facility == nearness.facility }) {
        merged.near[index].within = min(merged.near[index].within, nearness.within)
      } else {
        merged.near.append(nearness)
      }
    }
    merged.walkingAid = walkingAid ?? other.walkingAid
    return merged
  }

  /// These needs with what they imply: a wheelchair user, and someone who
  /// walks with a rollator or a frame, climbs no step (the register
  /// definitions all ask for a step-free route: needs-matching.md 5.2).
  public func implied() -> Needs {
    var needs = self
    let stepFree =
      mapped.contains { $0.hasPrefix("wheelchair") }
      || (mapped.contains("walkingAid") && Self.stepFreeAids.contains(walkingAid ?? "rollator"))
    if stepFree { needs.maxSteps = 0 }
    return needs
  }

  /// Walking aids that cannot be carried up a step.
  public static let stepFreeAids: Set<String> = ["rollator", "frame", "walking aid"]

  /// Whether there is no need at all.
  public var isEmpty: Bool { self == Needs() }
}

/// A household looking for a flat.
public struct Household: Sendable, Hashable, Identifiable {
  /// Its id in the household file.
  public var id: String
  /// A name for people.
  public var name: String?
  /// The need profile it names, if any.
  public var profile: String?
  /// The register category it names (`C`), with its scheme.
  public var category: RegisterCategoryRef?
  /// What it needs: the profile's and the category's needs with its own.
  public var needs: Needs
  /// Where it is written (`file:line:column`).
  public var origin: String?

  /// Creates a household.
  public init(
    id: String, name: String? = nil, profile: String? = nil,
    category: RegisterCategoryRef? = nil, needs: Needs, origin: String? = nil
  ) {
    self.id = id
    self.name = name
    self.profile = profile
    self.category = category
    self.needs = needs
    self.origin = origin
  }
}

/// A category of a register scheme, by the scheme's id and its own.
public struct RegisterCategoryRef: Sendable, Hashable, CustomStringConvertible {
  /// The scheme (`london`).
  public var scheme: String
  /// The category (`C`).
  public var category: String

  /// Creates a reference.
  public init(scheme: String, category: String) {
    self.scheme = scheme
    self.category = category
  }

  /// `london C`.
  public var description: String { "\(scheme) \(category)" }
}

/// A named set of needs for a common case (`rollator`).
public struct NeedProfile: Sendable, Hashable, Identifiable {
  /// Its id.
  public var id: String
  /// What it is for.
  public var summary: String
  /// The needs.
  public var needs: Needs
  /// Where the definition comes from.
  public var source: String
  /// How sure that is (`C1`, `INF`).
  public var certainty: String

  /// Creates a need profile.
  public init(id: String, summary: String, needs: Needs, source: String, certainty: String) {
    self.id = id
    self.summary = summary
    self.needs = needs
    self.source = source
    self.certainty = certainty
  }
}

/// A housing register's categories for flats and applicants (London's
/// A–G, Kingston's 1–4): data, not an enumeration.
public struct RegisterScheme: Sendable, Hashable, Identifiable {
  /// One category.
  public struct Category: Sendable, Hashable {
    /// `A`, `E+`, `1`.
    public var id: String
    /// Its name in the register.
    public var name: String
    /// The need profile a flat must suit now to get it; nil: general needs
    /// (every flat), or the not-assessed category.
    public var profile: String?
    /// How sure the definition is.
    public var certainty: String

    /// Creates a category.
    public init(id: String, name: String, profile: String?, certainty: String) {
      self.id = id
      self.name = name
      self.profile = profile
      self.certainty = certainty
    }
  }

  /// Its id (`london`).
  public var id: String
  /// Its title.
  public var title: String
  /// What to know about it.
  public var summary: String
  /// Where it comes from.
  public var source: String
  /// The categories, most accessible first.
  public var categories: [Category]
  /// The category of a flat that too much is unknown of (London's `G`).
  public var notAssessed: String

  /// Creates a scheme.
  public init(
    id: String, title: String, summary: String, source: String, categories: [Category],
    notAssessed: String
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.source = source
    self.categories = categories
    self.notAssessed = notAssessed
  }

  /// The category `id`.
  public func category(_ id: String) -> Category? { categories.first { $0.id == id } }
}

/// What one need asks of a flat on one ladder: to pass some rules at one
/// class.
public struct NeedRequirement: Sendable, Hashable, Identifiable {
  /// The need's id (`walkingAid`).
  public var id: String
  /// A short title for reports.
  public var title: String
  /// The class of the ladder whose profile's findings count.
  public var `class`: String
  /// The rules that must pass there; nil: every rule of the class and the
  /// classes below (the flat reaches the class).
  public var rules: [String]?
  /// Where the mapping comes from, and how sure it is.
  public var source: String
  /// `C1`, `INF`, …
  public var certainty: String

  /// Creates a requirement.
  public init(
    id: String, title: String, class: String, rules: [String]?, source: String,
    certainty: String
  ) {
    self.id = id
    self.title = title
    self.class = `class`
    self.rules = rules
    self.source = source
    self.certainty = certainty
  }
}

/// Which rules each need asks a flat to pass, for one ladder (its top
/// profile): DIN 18040-2 with R, or UK M4(2) and M4(3).
public struct NeedMapping: Sendable, Hashable {
  /// The top profile of the ladder.
  public var profile: String
  /// What to know about it.
  public var summary: String
  /// The needs, in the file's order.
  public var needs: [NeedRequirement]

  /// Creates a mapping.
  public init(profile: String, summary: String, needs: [NeedRequirement]) {
    self.profile = profile
    self.summary = summary
    self.needs = needs
  }

  /// The requirement of need `id`.
  public func need(_ id: String) -> NeedRequirement? { needs.first { $0.id == id } }
}

/// The need profiles and register schemes to resolve households with.
public struct NeedsLibrary: Sendable, Hashable {
  /// The need profiles.
  public var profiles: [NeedProfile]
  /// The register schemes.
  public var schemes: [RegisterScheme]

  /// Creates a library.
  public init(profiles: [NeedProfile] = [], schemes: [RegisterScheme] = []) {
    self.profiles = profiles
    self.schemes = schemes
  }

  /// The need profile `id`.
  public func profile(_ id: String) -> NeedProfile? { profiles.first { $0.id == id } }

  /// The scheme `id`.
  public func scheme(_ id: String) -> RegisterScheme? { schemes.first { $0.id == id } }

  /// The needs a category stands for: its profile's; none for general
  /// needs.
  public func needs(of category: RegisterScheme.Category) -> Needs {
    category.profile.flatMap { profile($0)?.needs } ?? Needs()
  }
}
