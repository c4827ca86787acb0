internal import DCMCText

/// A mistake in how dcmc was called: exit 2, with the reason on one line and a pointer to
/// the `--help` that shows the right way.
struct UsageError: Error {
  var message: String
  /// `case list`: the words whose `--help` the hint names; `nil` for `dcmc --help`.
  var helpWords: String?

  /// `message` on one line whatever the arguments it quotes hold: their control characters
  /// escaped (`String.escapingControls`; an unknown `--status` with a line break forged a
  /// line of the error output).
  init(_ message: String) { self.message = message.escapingControls }

  /// `Run 'dcmc case list --help' for usage.`
  var hint: String { "Run 'dcmc " + (helpWords.map { $0 + " " } ?? "") + "--help' for usage." }

  /// This error, pointing at `words`' help unless it already points somewhere.
  func pointing(to words: String) -> UsageError {
    var copy = self
    if copy.helpWords == nil { copy.helpWords = words }
    return copy
  }

  /// `unknown status 'opne'; the statuses are open, in_progress, ...`: a value that does
  /// not exist, with the values that do.
  static func unknown(_ noun: String, _ value: String, plural: String, among values: [String]) -> UsageError {
    UsageError(
      "unknown \(noun) '\(value.prefix(40))'; "
        + (values.isEmpty ? "there are no \(plural)" : "the \(plural) are \(values.joined(separator: ", "))"))
  }
}
