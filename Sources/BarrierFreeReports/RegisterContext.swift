import BarrierFreeMatching
import BarrierFreeModel
import BarrierFreeRules

/// What a check needs to give each flat its category in a housing
/// register's scheme (London's A–G, Kingston's 1–4): the scheme, the need
/// mapping of the check's ladder and the need profiles its categories name.
///
/// A flat's category is the first of the scheme's categories (most
/// accessible first) whose need profile the flat suits now, judged by the
/// rules the mapping names at their class and by the steps on its route and
/// inside it; a category only not known (not failed) is "possible" and the
/// walk goes on; a flat that would fall to general needs with a better
/// category possible gets the scheme's not-assessed category (London's G).
/// See `Matcher.category(of:in:)`.
public struct RegisterContext: Sendable, Hashable {
  /// The scheme.
  public let scheme: RegisterScheme
  private let matcher: Matcher
  private let summariser: FlatSummariser

  /// A context for `scheme`, on `ladder` with `mapping` and `library`'s need
  /// profiles.
  public init(scheme: RegisterScheme, mapping: NeedMapping, library: NeedsLibrary, ladder: Ladder)
    throws(MatchError)
  {
    self.scheme = scheme
    matcher = try Matcher(mapping: mapping, library: library)
    summariser = FlatSummariser(mapping: mapping, ladder: ladder, planner: nil)
  }

  /// Each flat's category in `assessment` (which must carry its building),
  /// by flat id.
  public func categories(for assessment: BuildingAssessment) -> [String: RegisterResult] {
    var result: [String: RegisterResult] = [:]
    for summary in summariser.summaries(of: assessment) {
      result[summary.flat] = matcher.category(of: summary, in: scheme)
    }
    return result
  }

  /// `result` as the reports show it, with this context's scheme.
  public func entry(_ result: RegisterResult) -> FlatRegister {
    FlatRegister(scheme: scheme.id, category: result.category, possible: result.possible)
  }

  /// Equal when the schemes and the mappings are.
  public static func == (lhs: RegisterContext, rhs: RegisterContext) -> Bool {
    lhs.scheme == rhs.scheme && lhs.matcher.mapping == rhs.matcher.mapping
      && lhs.matcher.library == rhs.matcher.library
  }

  /// Hashes what `==` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(scheme)
    hasher.combine(matcher.mapping)
  }
}

extension RegisterResult {
  /// `C`, or `G (A, B possible)`.
  public var words: String {
    possible.isEmpty ? category : "\(category) (\(possible.joined(separator: ", ")) possible)"
  }
}

/// A flat's category in a register scheme, as the reports show it.
public struct FlatRegister: Sendable, Hashable, Codable {
  /// The scheme's id (`london`).
  public var scheme: String
  /// The category (`C`, or the not-assessed `G`).
  public var category: String
  /// More accessible categories not measured enough to rule out.
  public var possible: [String]

  /// Creates a register entry.
  public init(scheme: String, category: String, possible: [String]) {
    self.scheme = scheme
    self.category = category
    self.possible = possible
  }

  /// `london C`, `london G (A, B possible)`.
  public var words: String {
    "\(scheme) "
      + (possible.isEmpty
        ? category : "\(category) (\(possible.joined(separator: ", ")) possible)")
  }
}
