import DCMCJSON
internal import DCMCText

/// Reading ids from a bundle, each checked against `BundleID`'s rule; a refusal names the id
/// and, as it unwinds, where it is.
extension JSONFields {
  /// The id at `key`, which must be there.
  func id(_ key: String) throws(JSONShapeError) -> String {
    try Self.checked(required(key), at: key, BundleID.isValid)
  }

  /// The id at `key`, or `nil` when it is missing or `null`.
  func optionalID(_ key: String) throws(JSONShapeError) -> String? {
    guard let text: String = try optional(key) else { return nil }
    return try Self.checked(text, at: key, BundleID.isValid)
  }

  /// The array of ids at `key`, which must be there.
  func ids(_ key: String) throws(JSONShapeError) -> [String] {
    let texts: [String] = try required(key)
    for (index, text) in texts.enumerated() where !BundleID.isValid(text) {
      throw Self.invalid(text).inside(String(index)).inside(key)
    }
    return texts
  }

  /// The calendar id at `key` (an id or `24x7`), which must be there.
  func calendarID(_ key: String) throws(JSONShapeError) -> String {
    try Self.checked(required(key), at: key, BundleID.isCalendar)
  }

  private static func checked(_ text: String, at key: String, _ isValid: (String) -> Bool) throws(JSONShapeError)
    -> String
  {
    guard isValid(text) else { throw invalid(text).inside(key) }
    return text
  }

  /// `invalid id '../x'`, the words `BundleLoadError` shows with the place: the id's first
  /// 40 characters, control characters as `\u{1b}`, so a forged id cannot break the line or
  /// drive the terminal.
  private static func invalid(_ text: String) -> JSONShapeError {
    JSONShapeError(.refused("invalid id '\(shown(text))'"))
  }

  /// `text` as a refusal shows it: its first 40 characters, control and bidirectional
  /// characters as `\u{1b}` (`String.escapingControls`).
  static func shown(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))).escapingControls
  }
}
