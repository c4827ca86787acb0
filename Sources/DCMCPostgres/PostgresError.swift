/// Why a PostgreSQL call failed: one lowercase line, as the CLI prints it, never a password.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The server's SQLSTATE (`23505`: a unique key taken), `nil` when the server said nothing
  /// (no connection, a lost one).
  public var sqlState: String?
  public var message: String
  /// The statement went unanswered past its deadline and was cancelled: whether it committed
  /// is unknown (`PostgresSettings.answerTimeoutMilliseconds`).
  public var unanswered: Bool

  public init(sqlState: String? = nil, unanswered: Bool = false, _ message: String) {
    self.sqlState = sqlState
    self.unanswered = unanswered
    self.message = message
  }

  public var description: String { message }

  /// The SQLSTATE of `dcmc_fence` (migration 9): the store's versions moved since the write
  /// was decided on them; the transaction was rolled back whole.
  static let versionsMovedState = "DCF01"

  /// `dcmc_fence` refused the transaction (`VersionsMoved`).
  var versionsMoved: Bool { sqlState == Self.versionsMovedState }

  /// Another transaction holds the key a row was to take (unique violation).
  var isUniqueViolation: Bool { sqlState == "23505" }

  /// The first line of libpq's text, without its `ERROR:`/`FATAL:` prefix; libpq's
  /// messages run over several lines (hints, the server's address again).
  static func firstLine(_ text: String) -> String {
    let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    var trimmed = Substring(line.trimmingWhitespace())
    for prefix in ["ERROR:", "FATAL:", "PANIC:"] where trimmed.hasPrefix(prefix) {
      trimmed = trimmed.dropFirst(prefix.count)
    }
    let message = String(trimmed).trimmingWhitespace()
    return message.isEmpty ? "no message from the server" : message
  }
}

extension String {
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }
    return String(String.UnicodeScalarView(scalars.reversed()))
  }
}
