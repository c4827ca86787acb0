/// "Did you mean" support: the closest candidates by edit distance.
public enum Suggestion {
  /// The candidate closest to `word` within `maxDistance` edits (Damerau-Levenshtein with
  /// adjacent transpositions, case-insensitive), or `nil`. Ties keep the earlier candidate.
  /// Short words allow fewer edits (one per three characters, at least one), so 'de' does
  /// not suggest 'fr'.
  public static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int = 2)
    -> String?
  {
    let target = Array(word.lowercased().unicodeScalars)
    let maxDistance = min(maxDistance, max(1, target.count / 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != word {
      let other = Array(candidate.lowercased().unicodeScalars)
      if abs(other.count - target.count) > maxDistance { continue }
      let distance = editDistance(target, other)
      if distance <= maxDistance, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// Optimal-string-alignment distance between two scalar arrays.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let width = b.count + 1
    var previous2 = [Int](repeating: 0, count: width)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: width)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
