/// The time-outs of every connection: none waits for ever on a server that does not answer.
public struct PostgresSettings: Sendable, Equatable {
  /// Seconds to wait for the server to accept a connection (libpq's minimum is 2).
  public var connectTimeout: Int
  /// Milliseconds a statement may run, lock waits included, before the server cancels it.
  public var statementTimeoutMilliseconds: Int
  /// Milliseconds dcmc waits for a statement's answer before it cancels the statement and
  /// fails the command, the outcome unknown: a commit's wait for a synchronous standby,
  /// which the server's time-out does not bound. By default the statement time-out and 5 s.
  public var answerTimeoutMilliseconds: Int
  /// Milliseconds dcmc waits for a statement's cancel request (`CancelRequests`) before it
  /// drops the connection without it: by default 2 s. libpq 15's cancel has no time-out of its
  /// own, so the command ends at most this long after its answer's deadline.
  public var cancelGraceMilliseconds: Int
  /// How many idle connections a store's pool keeps open for the next calls (`PostgresPool`).
  /// A process that runs more threads on the store at once should keep as many (`dcmc serve`
  /// keeps one per thread, and one for its tick): a connection closed when it is given back
  /// is opened again at the next burst, and a new one costs the server a process, its
  /// caches, and each prepared statement and function plan again.
  public var idleConnections: Int

  public init(
    connectTimeout: Int = 10, statementTimeoutMilliseconds: Int = 30_000, answerTimeoutMilliseconds: Int? = nil,
    idleConnections: Int = 8, cancelGraceMilliseconds: Int = 2_000
  ) {
    self.connectTimeout = connectTimeout
    self.cancelGraceMilliseconds = cancelGraceMilliseconds
    self.idleConnections = idleConnections
    self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
    self.answerTimeoutMilliseconds = answerTimeoutMilliseconds ?? statementTimeoutMilliseconds + 5_000
  }
}
