/// An interaction a case records (`case link --interaction`, `POST /api/v1/cases/{id}/links`):
/// `CHANNEL:ID`, like `phone:call-20260302-0042`.
public enum Interaction {
  /// What a valid one looks like, for the refusals.
  public static let form = "CHANNEL:ID, like phone:call-20260302-0042"

  /// Whether `text` is one: both parts present, on one line and at most 200 characters.
  public static func isValid(_ text: String) -> Bool {
    guard let colon = text.firstIndex(of: ":") else { return false }
    return colon != text.startIndex && text.index(after: colon) != text.endIndex && text.count <= 200
      && !text.contains(where: \.isNewline)
  }
}
