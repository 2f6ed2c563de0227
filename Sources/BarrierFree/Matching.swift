import BarrierFreeMatching
import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import BarrierFreeUpgrades
import BarrierFreeXML
import BarrierFreeXMLSupport

/// Matches households with the flats of the portfolios at `paths`: for
/// each household its flats in four groups (suits now, after an upgrade,
/// not known, does not suit), for each flat the households it suits, and
/// each flat's register category.
///
/// ```swift
/// import BarrierFree
///
/// let setup = try NeedsSetup(households: "households.xml")
/// let result = try await BarrierFree.match(["quarter.xml"], setup: setup)
/// for found in result.households {
///   print(found.household.id, found.counts[.suits, default: 0])
/// }
/// ```
///
/// The files are read one building at a time, on `jobs` cores; each
/// flat is summarised (its facts and what each need finds), matched with
/// every kind of household as it comes and then kept as a row of the flat
/// table: memory holds neither the buildings nor the summaries. With `upgrades`, each fail a need meets is put to the
/// upgrade planner with `measures` (nil: the built-in catalogue), whose
/// measures and costs make the "after an upgrade" group; without, every
/// fail does not suit. With `upgradeLimit` above 0 the planner is asked
/// only for needs that fail at most that many rules.
///
/// - Throws: `ImportError` when a portfolio is invalid.
public func match(
  _ paths: [String], setup: NeedsSetup, upgrades: Bool = true, measures: [Measure]? = nil,
  upgradeLimit: Int = FlatSummariser.defaultUpgradeLimit, limit: Int = 10, jobs: Int = 1
) async throws -> MatchResult {
  var accumulator = MatchAccumulator(
    households: setup.households, matcher: setup.matcher, scheme: setup.scheme, limit: limit,
    profile: setup.ladder.top?.id ?? "")
  try await summarise(
    paths, setup: setup, upgrades: upgrades, measures: measures, upgradeLimit: upgradeLimit,
    jobs: jobs
  ) { accumulator.add($0) }
  return accumulator.result()
}

/// The summaries of the flats of the portfolios at `paths`, as matching
/// keeps them, in file order: for a caller that matches them itself
/// (`MatchResult.init(households:flats:matcher:scheme:limit:profile:)`)
/// or looks at what each need finds.
public func flatSummaries(
  _ paths: [String], setup: NeedsSetup, upgrades: Bool = true, measures: [Measure]? = nil,
  upgradeLimit: Int = FlatSummariser.defaultUpgradeLimit, jobs: Int = 1
) async throws -> [FlatSummary] {
  var flats: [FlatSummary] = []
  try await summarise(
    paths, setup: setup, upgrades: upgrades, measures: measures, upgradeLimit: upgradeLimit,
    jobs: jobs
  ) { flats += $0 }
  return flats
}

/// Summarises the flats of `paths` on `jobs` cores and hands them to `body`
/// in file order: a building's flats at once, a quarter's once its view has
/// given them their reach of the café and the care base.
private func summarise(
  _ paths: [String], setup: NeedsSetup, upgrades: Bool, measures: [Measure]?,
  upgradeLimit: Int, jobs: Int, _ body: ([FlatSummary]) -> Void
) async throws {
  let assessor = try Assessor(ladder: setup.ladder)
  let catalogue = upgrades ? try measures ?? MeasureCatalogue.builtIn.measures : nil
  let planner = catalogue.map { UpgradePlanner(assessor: assessor, measures: $0) }
  let summariser = FlatSummariser(
    mapping: setup.mapping, ladder: setup.ladder, planner: planner, upgradeLimit: upgradeLimit)
  // The flats of the quarter being read wait for its view.
  var waiting: [FlatSummary] = []
  var index: [String: Int] = [:]
  for path in paths {
    try await assessor.assessPortfolio(
      at: path, jobs: max(1, jobs),
      render: { summariser.summaries(of: $0) },
      quarterView: { view in
        FlatSummary.addReach(of: view, to: &waiting, at: index)
        body(waiting)
        waiting = []
        index = [:]
      }
    ) { summaries in
      guard summaries.first?.quarter != nil else {
        body(summaries)
        return
      }
      for summary in summaries {
        index[summary.building + "\u{0}" + summary.flat] = waiting.count
        waiting.append(summary)
      }
    }
    // A quarter without a view (a file that ended early) still counts.
    if !waiting.isEmpty {
      body(waiting)
      waiting = []
      index = [:]
    }
  }
}

extension FlatSummary {
  /// Adds the reaches of `view` to the flats of its quarter (`index`: the
  /// index of each, by building and flat id).
  static func addReach(of view: QuarterView, to flats: inout [FlatSummary], at index: [String: Int])
  {
    let cafes = Set(view.presence.first?.facilities ?? [])
    for flat in view.flats {
      guard let at = index[flat.building + "\u{0}" + flat.flat] else { continue }
      for reach in flat.reaches {
        let kind = cafes.contains(reach.facility) ? "cafe" : "careBase"
        flats[at].reach[kind] = FacilityReach(
          status: reach.status, length: reach.length, note: reach.notes.first,
          facility: reach.facility)
      }
    }
  }
}

/// What a match needs besides the portfolios: the households, the ladder
/// they are matched on, the mapping of their needs to its rules, the need
/// profiles and the register scheme.
public struct NeedsSetup: Sendable {
  /// The households, their profiles and categories resolved.
  public var households: [Household]
  /// The ladder of the check's profile.
  public var ladder: Ladder
  /// The mapping of needs to the ladder's rules.
  public var mapping: NeedMapping
  /// The need profiles and schemes.
  public var library: NeedsLibrary
  /// The scheme of the flats' register categories.
  public var scheme: RegisterScheme
  /// The matcher over ``mapping`` and ``library``.
  public var matcher: Matcher

  /// Reads the household file at `path` (or `text`, named `path`), for the
  /// profile `profile`: the built-in mapping of its ladder, or the mapping
  /// file `mappingPath`; the built-in need profiles and schemes, or the
  /// library file `libraryPath`. The scheme is `scheme`, else the household
  /// file's, else `london`.
  ///
  /// - Throws: `ImportError` for a file that is not valid, `ProfileError`
  ///   for an unknown profile, `MatchError` for a ladder without a mapping
  ///   or an unknown scheme.
  public init(
    households path: String, text: String? = nil,
    profile: String = ProfileLibrary.defaultProfile, profiles: ProfileLibrary = .builtIn,
    mapping mappingPath: String? = nil, library libraryPath: String? = nil,
    scheme: String? = nil
  ) throws {
    let ladder = try profiles.ladder(for: profile)
    let mapping: NeedMapping
    if let mappingPath {
      mapping = try NeedsReader.readMapping(
        bytes: NeedsReader.contents(of: mappingPath), fileName: mappingPath, ladder: ladder)
    } else {
      mapping = try NeedsReader.requireBuiltInMapping(for: ladder)
    }
    let library =
      try libraryPath.map {
        try NeedsReader.readLibrary(bytes: NeedsReader.contents(of: $0), fileName: $0)
      } ?? NeedsReader.builtInLibrary
    let bytes = try text.map { Array($0.utf8) } ?? NeedsReader.contents(of: path)
    households = try NeedsReader.readHouseholds(
      bytes: bytes, fileName: path, library: library, mapping: mapping, defaultScheme: scheme)
    let fileScheme = households.lazy.compactMap(\.category?.scheme).first
    let schemeID = scheme ?? fileScheme ?? "london"
    self.ladder = ladder
    self.mapping = mapping
    self.library = library
    self.scheme = try library.requireScheme(schemeID)
    matcher = try Matcher(mapping: mapping, library: library)
  }
}

extension RegisterContext {
  /// A context for the built-in scheme `scheme` on `ladder`, with the
  /// built-in need mapping of the ladder's top profile and the built-in
  /// need profiles.
  ///
  /// - Throws: `MatchError` for a scheme or a ladder the built-in data
  ///   lacks, `ImportError` if the built-in data does not read.
  public init(scheme id: String, ladder: Ladder) throws {
    let library = try NeedsReader.builtInLibrary
    try self.init(
      scheme: library.requireScheme(id), mapping: NeedsReader.requireBuiltInMapping(for: ladder),
      library: library, ladder: ladder)
  }
}

extension NeedsLibrary {
  /// The scheme `id`, or an error that names the schemes there are.
  func requireScheme(_ id: String) throws(MatchError) -> RegisterScheme {
    guard let found = scheme(id) else {
      let near = DidYouMean.closest(
        to: id, among: schemes.map(\.id), limit: 3, ignoringCase: true)
      throw MatchError(
        "no register scheme '\(id)'" + (near.map { " (did you mean '\($0)'?)" } ?? "")
          + "; schemes: " + schemes.map(\.id).joined(separator: ", "))
    }
    return found
  }
}

extension NeedsReader {
  /// The built-in mapping of `ladder`, or an error that says which ladders
  /// have one and how to write another.
  static func requireBuiltInMapping(for ladder: Ladder) throws -> NeedMapping {
    let profile = ladder.top?.id ?? ""
    guard let mapping = try builtInMapping(for: profile, ladder: ladder) else {
      throw MatchError(
        "no built-in need mapping for the ladder of '\(profile)' (built in: "
          + builtInMappingProfiles.joined(separator: ", ")
          + "); write one (Schemas/needs.xsd, root <needMapping>); 'match' takes it with --mapping")
    }
    return mapping
  }
}
