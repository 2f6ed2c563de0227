/// Aggregates over many building assessments: what a portfolio summary
/// needs, without holding the buildings.
public struct AssessmentSummary: Sendable, Hashable {
  /// Buildings counted.
  public var buildings = 0
  /// Flats counted.
  public var flats = 0
  /// Flats per class (``Classification/level``).
  public var byClass: [String: Int] = [:]
  /// Flats per class whose class is unverified.
  public var unverifiedByClass: [String: Int] = [:]
  /// Findings of the top level, per status: the flats' findings (their
  /// routes included) and the building's own, as a report lists them.
  public var findings: [FindingStatus: Int] = [:]
  /// The flats nearest their next class, and the rules whose fix would
  /// lift the most.
  public var fixFirst = FixFirst()

  /// An empty summary.
  public init() {}

  /// Counts one building's flats and findings.
  public mutating func add(_ building: BuildingAssessment) {
    buildings += 1
    // Counted in a fixed array: a dictionary update per finding was 2 % of
    // a whole check.
    var counts = Array(repeating: 0, count: FindingStatus.allCases.count)
    func count(_ list: [Finding]) {
      for finding in list { counts[finding.status.index] += 1 }
    }
    count(building.results.last?.findings ?? [])
    for flat in building.flats {
      flats += 1
      let classification = flat.classification
      byClass[classification.class, default: 0] += 1
      if !classification.verified {
        unverifiedByClass[classification.class, default: 0] += 1
      }
      fixFirst.add(flat, of: building.id)
      count(flat.findings)
    }
    for status in FindingStatus.allCases where counts[status.index] > 0 {
      findings[status, default: 0] += counts[status.index]
    }
  }

  /// Adds another summary's counts.
  public mutating func add(_ other: AssessmentSummary) {
    buildings += other.buildings
    flats += other.flats
    byClass.merge(other.byClass, uniquingKeysWith: +)
    unverifiedByClass.merge(other.unverifiedByClass, uniquingKeysWith: +)
    findings.merge(other.findings, uniquingKeysWith: +)
    fixFirst.add(other.fixFirst)
  }
}
