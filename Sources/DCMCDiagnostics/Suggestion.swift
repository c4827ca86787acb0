/// "Did you mean" support: the closest candidates by edit distance, and the words and
/// places a suggestion is given with.
public enum Suggestion {
  /// The candidate closest to `word` within `maxDistance` edits (Damerau-Levenshtein with
  /// adjacent transpositions, case-insensitive), or `nil`. Ties keep the earlier candidate,
  /// so pass candidates in a stable order (sorted, or as written), never a dictionary's keys.
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
      let distance = editDistance(target, other, limit: maxDistance)
      if distance <= maxDistance, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// "a task with a similar name exists: 'assess_claim'", with the article `noun` takes.
  public static func message(noun: String, name: String) -> String {
    "\(article(for: noun)) \(noun) with a similar name exists: '\(name)'"
  }

  /// The indefinite article of one of our nouns: "an" before a, e, i and o ("an outcome",
  /// "an action"), "a" otherwise ("a user", "a task"). The nouns of dcmc's messages are
  /// all written in lowercase English and none starts with a silent 'h' or a vowel-sounding
  /// 'u'.
  public static func article(for noun: String) -> String {
    guard let first = noun.unicodeScalars.first else { return "a" }
    return "aeioAEIO".unicodeScalars.contains(first) ? "an" : "a"
  }

  /// Optimal-string-alignment distance between two scalar arrays, or `limit + 1` as soon as
  /// it must exceed `limit`: every cell of a row is above it, so no later row comes back
  /// (suggestions ask for at most 2, and most candidates are ruled out in the first rows).
  package static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
    let cap = limit < Int.max ? limit + 1 : limit
    if a.isEmpty { return min(b.count, cap) }
    if b.isEmpty { return min(a.count, cap) }
    let width = b.count + 1
    var previous2 = [Int](repeating: 0, count: width)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: width)
    var previousMinimum = 0
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      // A transposition reaches back two rows, so both rows must be above the limit.
      if rowMinimum > limit, previousMinimum > limit { return cap }
      previousMinimum = rowMinimum
      (previous2, previous, current) = (previous, current, previous2)
    }
    return min(previous[b.count], cap)
  }
}

extension Diagnostic {
  /// This diagnostic with the suggestion of `name`, a `noun` with a similar name, given the
  /// one way STYLE.md section 3 asks: a located note at `name`'s declaration when it has a
  /// place in the sources, else the help text; and, when `range` is given, the fix-it that
  /// replaces it with `replacement` (by default `name`).
  public func suggesting(
    _ noun: String, _ name: String, declaredAt declaration: SourceRange?, replacing range: SourceRange?,
    with replacement: String? = nil
  ) -> Diagnostic {
    var copy = self
    let message = Suggestion.message(noun: noun, name: name)
    if let declaration {
      copy.notes.append(Note(message, at: declaration))
    } else {
      copy.help = message
    }
    if let range { copy.fixIts.append(FixIt(replacing: range, with: replacement ?? name)) }
    return copy
  }
}
