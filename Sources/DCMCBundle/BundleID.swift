import DCMCJSON

/// The language's id rule (`docs/language.md`, Ids), which the checker applies to YAML:
/// ASCII letters, digits and `_`, starting with a letter, at most 64 characters.
///
/// The loader applies it to every id a bundle holds (of a definition, a stage, a task, a
/// field, an outcome, a resolution, a user, a skill, a template variable) and to every
/// reference to one, so a bundle written by hand cannot name what YAML cannot: a workgroup
/// `../x`, which a store would make a path of.
package enum BundleID {
  /// The longest id, in characters.
  package static let maximumLength = 64

  /// Whether `text` follows the id rule.
  package static func isValid(_ text: String) -> Bool {
    let scalars = text.unicodeScalars
    guard let first = scalars.first, scalars.count <= maximumLength, isLetter(first) else { return false }
    return scalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" }
  }

  /// Whether `text` names a calendar: an id, or the built-in `24x7`.
  static func isCalendar(_ text: String) -> Bool {
    text == BundleCalendar.alwaysOpenID || isValid(text)
  }

  private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }
}
