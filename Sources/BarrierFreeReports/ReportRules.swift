import BarrierFreeModel
import BarrierFreeRules

/// A rule as the JSON report's `rules` table gives it, once for the whole
/// report (schema version 2): its title, its usual remedy, and each
/// citation the checked ladder binds it with. A finding names the rule and,
/// where the rule has more than one citation, which (`cite`).
public struct ReportRule: Sendable, Hashable, Decodable {
  /// One way the ladder cites the rule: a standard, its edition and a
  /// clause, with how sure the profile is of them.
  public struct Citation: Sendable, Hashable, Decodable {
    /// The standard with its edition: `DIN 18040-2:2011-09`.
    public var standard: String
    /// The clause: `4.3.3.2`.
    public var clause: String
    /// Whether the clause is a reconstruction not seen in a source.
    public var clauseUnsure: Bool
    /// How sure the threshold is: `VV`, `V`, `K` or `?`; nil where the
    /// profile does not say.
    public var confidence: String?
    /// The profiles of the ladder that bind the rule with this citation,
    /// lowest class first.
    public var profiles: [String]

    /// Creates a citation.
    public init(
      standard: String, clause: String, clauseUnsure: Bool, confidence: String?,
      profiles: [String]
    ) {
      self.standard = standard
      self.clause = clause
      self.clauseUnsure = clauseUnsure
      self.confidence = confidence
      self.profiles = profiles
    }

    /// Whether `citation` is this one.
    func matches(_ citation: BarrierFreeRules.Citation) -> Bool {
      citation.standard == standard && citation.clause == clause
        && citation.clauseUnsure == clauseUnsure && citation.confidence?.rawValue == confidence
    }
  }

  /// The rule's id, as findings name it: `door.clear-width`.
  public var id: String
  /// A short title: "Door clear width".
  public var title: String
  /// What usually fixes a fail; a finding's own remedy can be more precise.
  public var remedy: String
  /// The unit of the rule's values in the report (`mm`, `in`, `%`, `m²`),
  /// which a finding leaves out unless its own differs; nil for a rule
  /// without thresholds.
  public var unit: String?
  /// The citations, in the order the ladder binds them (lowest class
  /// first); a finding's `cite` is an index here, 0 when left out.
  public var citations: [Citation]

  /// Creates a rule entry.
  public init(
    id: String, title: String, remedy: String, unit: String? = nil, citations: [Citation]
  ) {
    self.id = id
    self.title = title
    self.remedy = remedy
    self.unit = unit
    self.citations = citations
  }

  /// Every rule `ladder` binds, sorted by id, each citation once.
  public static func table(for ladder: Ladder) -> [ReportRule] {
    let units = ladder.top?.units ?? .metric
    var byID: [String: ReportRule] = [:]
    for profile in ladder.profiles {
      for binding in profile.bindings {
        let citation = binding.citation
        var entry =
          byID[binding.rule]
          ?? {
            let description = rule(withID: binding.rule)?.description
            // Lengths in the ladder's units, as the findings show them.
            let unit = description?.parameters.first.map { parameter in
              parameter.kind == .length && units == .imperial
                ? MeasureUnit.inch : parameter.kind.unit
            }
            return ReportRule(
              id: binding.rule, title: description?.title ?? binding.rule,
              remedy: description?.remedy ?? "", unit: unit?.rawValue, citations: [])
          }()
        if let index = entry.citations.firstIndex(where: { $0.matches(citation) }) {
          if !entry.citations[index].profiles.contains(profile.id) {
            entry.citations[index].profiles.append(profile.id)
          }
        } else {
          entry.citations.append(
            Citation(
              standard: citation.standard, clause: citation.clause,
              clauseUnsure: citation.clauseUnsure, confidence: citation.confidence?.rawValue,
              profiles: [profile.id]))
        }
        byID[binding.rule] = entry
      }
    }
    return byID.keys.sorted().compactMap { byID[$0] }
  }
}

/// The rules table as the encoder looks it up: a finding's rule and
/// citation to the `cite` index it writes.
struct CitationIndex: Sendable {
  private let byRule: [String: [ReportRule.Citation]]
  private let units: [String: MeasureUnit]

  init(_ rules: [ReportRule]) {
    byRule = Dictionary(rules.map { ($0.id, $0.citations) }, uniquingKeysWith: { a, _ in a })
    units = Dictionary(
      rules.compactMap { rule in
        rule.unit.flatMap(MeasureUnit.init(rawValue:)).map { (rule.id, $0) }
      },
      uniquingKeysWith: { a, _ in a })
  }

  /// The unit the rules table gives `rule`'s values.
  func unit(of rule: String) -> MeasureUnit? { units[rule] }

  /// The index of `citation` among `rule`'s; 0 when the table lacks it (a
  /// finding of a rule no binding of the ladder names cannot occur).
  func index(of citation: Citation, rule: String) -> Int {
    byRule[rule]?.firstIndex { $0.matches(citation) } ?? 0
  }
}

extension ReportHeader {
  /// `door.clear-width (Door clear width)`: a rule's id with its title from
  /// the rules table; the id alone when the table lacks it.
  public func titled(_ rule: String) -> String {
    guard let title = rules.first(where: { $0.id == rule })?.title, title != rule else {
      return rule
    }
    return "\(rule) (\(title))"
  }
}
