import Foundation
import Testing

/// A JSON report of schema version 2 as the tests read it: each finding
/// record with its status (from the list it is in) and its citation (from
/// the rules table) filled in, as a reader of the report would resolve
/// them.
struct ReportJSON {
  let report: [String: Any]

  init(_ text: String) throws {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    report = try #require(object as? [String: Any])
    #expect(report["schemaVersion"] as? Int == 2)
  }

  var buildings: [[String: Any]] { (report["buildings"] as? [[String: Any]]) ?? [] }
  var flats: [[String: Any]] { buildings.flatMap { ($0["flats"] as? [[String: Any]]) ?? [] } }
  var rules: [String: [String: Any]] { (report["rules"] as? [String: [String: Any]]) ?? [:] }

  /// `record` with `status` and its rule's title, unit (where the record
  /// has none), standard, clause, clauseUnsure and confidence.
  func resolved(_ record: [String: Any], status: String) -> [String: Any] {
    var finding = record
    finding["status"] = status
    let rule = rules[record["rule"] as? String ?? ""] ?? [:]
    finding["title"] = rule["title"]
    if finding["unit"] == nil, let unit = rule["unit"] { finding["unit"] = unit }
    let citations = (rule["citations"] as? [[String: Any]]) ?? []
    let cite = record["cite"] as? Int ?? 0
    if citations.indices.contains(cite) {
      for key in ["standard", "clause", "clauseUnsure", "confidence"] {
        finding[key] = citations[cite][key]
      }
    }
    return finding
  }

  /// The findings of a building or flat, resolved, fails first, then
  /// unknowns, passes and not applicable.
  func findings(of holder: [String: Any]) -> [[String: Any]] {
    let lists = (holder["findings"] as? [String: [[String: Any]]]) ?? [:]
    return ["fail", "unknown", "pass", "notApplicable"].flatMap { status in
      (lists[status] ?? []).map { resolved($0, status: status) }
    }
  }

  /// Every finding the report lists: the buildings' own and the flats'.
  var allFindings: [[String: Any]] {
    buildings.flatMap { findings(of: $0) } + flats.flatMap { findings(of: $0) }
  }

  /// A flat's blockers (`status` fail) or open questions (unknown), each
  /// reference followed to its record.
  func references(_ key: String, of flat: [String: Any]) -> [[String: Any]] {
    let status = key == "blockers" ? "fail" : "unknown"
    let list = ((flat["findings"] as? [String: [[String: Any]]]) ?? [:])[status] ?? []
    return ((flat[key] as? [[String: Any]]) ?? []).map { entry in
      if let index = entry["finding"] as? Int, list.indices.contains(index) {
        return resolved(list[index], status: status)
      }
      return resolved(entry, status: status)
    }
  }
}
