/// "Did you mean …?" for a misspelt name, id or rule: the candidate within
/// a few edits of what was written.
public enum DidYouMean {
  /// The Levenshtein distance between `a` and `b` in Unicode scalars, or
  /// `limit + 1` as soon as it is sure to exceed `limit` (which keeps a
  /// search over many candidates cheap).
  public static func distance(_ a: String, _ b: String, limit: Int) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if abs(a.count - b.count) > limit { return limit + 1 }
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The candidate nearest to `misspelt`, if it is within `limit` edits and
  /// is not `misspelt` itself; the first of equally near ones in
  /// `candidates`' order. With `ignoringCase`, letters compare without case.
  public static func closest(
    to misspelt: String, among candidates: [String], limit: Int, ignoringCase: Bool = false
  ) -> String? {
    guard !misspelt.isEmpty, !candidates.contains(misspelt) else { return nil }
    let written = ignoringCase ? misspelt.lowercased() : misspelt
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = Self.distance(
        written, ignoringCase ? candidate.lowercased() : candidate, limit: limit)
      if distance <= limit && distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }
}
