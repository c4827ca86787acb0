import Synchronization

/// The connections of one store: each call borrows an idle connection (or opens one) for
/// the length of `withConnection`, so threads never share one, and a connection that broke
/// or was left in a transaction is closed rather than handed on, as is an idle one the server
/// closed meanwhile, found at checkout.
public final class PostgresPool: Sendable {
  public let url: String
  public let settings: PostgresSettings
  /// How many idle connections are kept open for the next calls (`settings.idleConnections`
  /// unless given).
  let keptIdle: Int
  private let idle = Mutex<[PostgresConnection]>([])

  public init(url: String, settings: PostgresSettings = PostgresSettings(), keptIdle: Int? = nil) {
    self.url = url
    self.settings = settings
    self.keptIdle = keptIdle ?? settings.idleConnections
  }

  /// The connections idle in the pool now.
  package var idleCount: Int { idle.withLock { $0.count } }

  /// Runs `body` on a connection of the pool's own: an idle one that is still open
  /// (`PostgresConnection.isAlive`), else a new one. An idle connection the server closed
  /// meanwhile (a restart, `pg_terminate_backend`, `idle_session_timeout`) is found before
  /// any statement is sent on it and dropped, so nothing of `body` ran on it. A connection
  /// that dies while `body` runs fails `body`, which is not run again: whether its statement
  /// took effect is unknown.
  public func withConnection<Result>(_ body: (PostgresConnection) throws(PostgresError) -> Result)
    throws(PostgresError) -> Result
  {
    let connection: PostgresConnection
    if let reused = reusedConnection() {
      connection = reused
    } else {
      connection = try PostgresConnection(url: url, settings: settings)
    }
    defer { giveBack(connection) }
    return try body(connection)
  }

  /// The first idle connection still open, the dead ones before it closed; `nil` when none
  /// is left. At most `keptIdle` are looked at (as many as the pool keeps).
  private func reusedConnection() -> PostgresConnection? {
    for _ in 0..<max(keptIdle, 1) {
      guard let connection = idle.withLock({ $0.popLast() }) else { return nil }
      if connection.isAlive { return connection }
    }
    return nil
  }

  /// Runs `body` in one transaction on a connection of the pool's own.
  public func transaction<Result>(_ body: (PostgresConnection) throws(PostgresError) -> Result)
    throws(PostgresError) -> Result
  {
    try withConnection { (connection) throws(PostgresError) in
      try connection.transaction { () throws(PostgresError) in try body(connection) }
    }
  }

  private func giveBack(_ connection: PostgresConnection) {
    guard connection.isReusable else { return }
    idle.withLock { connections in
      if connections.count < keptIdle { connections.append(connection) }
    }
  }
}
