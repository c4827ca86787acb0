internal import DCMCText

/// An interaction a case records (`case link --interaction`, `POST /api/v1/cases/{id}/links`):
/// `CHANNEL:ID`, like `phone:call-20260302-0042`.
public enum Interaction {
  /// What a valid one looks like, for the refusals.
  public static let form = "CHANNEL:ID, like phone:call-20260302-0042"

  /// Why `text` is not one (its form, `form`, to say with it), or `nil` when it is: both parts
  /// present, at most 200 characters, and one line of plain text (`OneLine`: no control
  /// character, a newline among them, nor bidirectional formatting character), which the staff
  /// pages and exports would show as written: an ESC drives a terminal, U+202E reorders the
  /// text around it.
  public static func problem(_ text: String) -> String? {
    guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else {
      return "is not \(form)"
    }
    if text.count > 200 { return "is longer than 200 characters" }
    return OneLine.problem(in: text, of: "an interaction")
  }
}
