import DCMCPostgres
import Foundation
import Testing

/// The Technical cases the concurrency tests make on a store with the `dcmc` binary: created
/// one a minute on Monday morning, read back as `case history --json` prints them.
public enum TechnicalCases {
  /// A Thursday on which every OLA and SLA timer of cases created on Monday morning is due.
  public static let late = "2026-03-05T12:00:00+01:00"

  /// Creates `count` Technical cases on the deployed `store`, from 09:01 on Monday on.
  public static func create(_ count: Int, store: String) throws {
    for minute in 1...count {
      let created = try BinaryRunner.run([
        "case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice",
        "--at", String(format: "2026-03-02T09:%02d:00+01:00", minute), "--store", store,
      ])
      #expect(created.status == 0, "\(created.stderr)")
    }
  }

  /// A store in a fresh PostgreSQL database, its schema made and the definitions deployed,
  /// with `count` Technical cases; dropped by the caller.
  public static func postgresStore(_ count: Int) throws -> PostgresTestDatabase {
    let database = try PostgresTestDatabase()
    _ = try PostgresCaseRepository.migrate(url: database.url)
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", database.url]).status == 0)
    try create(count, store: database.url)
    return database
  }

  /// The id of the `number`-th Technical case: `TEC-000042`.
  public static func id(_ number: Int) -> String { String(format: "TEC-%06d", number) }

  /// The histories of the first `count` Technical cases of `store`, as `case history --json`
  /// prints them.
  public static func histories(_ count: Int, store: String) throws -> [String] {
    try (1...count).map { number in
      let history = try BinaryRunner.run(["case", "history", id(number), "--json", "--store", store])
      #expect(history.status == 0, "\(history.stderr)")
      return history.stdout
    }
  }
}
