import DCMCPostgres
import Foundation

/// A fresh database on the server `DCMC_TEST_POSTGRES` names (a libpq URL; `.ci/postgres`
/// starts a throwaway cluster and sets it), for one store under test: created empty with a
/// random name, dropped by `drop()`.
public struct PostgresTestDatabase: Sendable {
  public static let variable = "DCMC_TEST_POSTGRES"
  /// The server's URL; `nil` when the variable is not set.
  public static var serverURL: String? {
    ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
  }
  /// Whether the PostgreSQL suites run: the server is given, or this is CI, where it must be
  /// (`.ci/run` always gives it), so its absence fails every suite rather than skipping it.
  public static var suitesRun: Bool { serverURL != nil || ProcessInfo.processInfo.environment["CI"] != nil }
  /// Why the PostgreSQL suites are skipped here.
  public static let skipped = "DCMC_TEST_POSTGRES is not set: the PostgreSQL store is not tested (run '.ci/postgres swift test')"

  /// The URL of the database, for `PostgresPool` and `dcmc --store`.
  public let url: String
  public let name: String
  let server: String

  /// Creates an empty database; without a server, fails saying how to give one.
  public init() throws {
    guard let server = Self.serverURL else { throw PostgresError(Self.skipped) }
    self.server = server
    name = "dcmc_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    let connection = try PostgresConnection(url: server)
    // The name is ours (letters and digits): an identifier cannot be a parameter.
    try connection.query("CREATE DATABASE \(name)")
    url = Self.url(server, database: name)
  }

  /// Drops the database, closing the connections still open on it.
  public func drop() {
    _ = try? PostgresConnection(url: server).query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
  }

  /// `server` with its database replaced by `database`.
  public static func url(_ server: String, database: String) -> String {
    guard let scheme = server.range(of: "://") else { return server }
    let rest = server[scheme.upperBound...]
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    let query = rest[authorityEnd...].firstIndex(of: "?") ?? rest.endIndex
    return String(server[..<authorityEnd]) + "/" + database + String(rest[query...])
  }
}
