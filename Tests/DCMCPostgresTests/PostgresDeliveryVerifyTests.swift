import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import Testing
import _DCMCTestSupport

/// `store verify` on PostgreSQL reads the delivery records (`dcmc_deliveries`) against the
/// cases' outboxes, as the file store reads `outbox.json` (`OutboxFileVerifyTests`), and names
/// each row that cannot be trusted; `store rebuild` deletes those rows, after which their
/// notifications are leased again. Against a real server.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresDeliveryVerifyTests {
  static let suffix = ": 'dcmc store rebuild' drops it (only leases and failure counts are lost: a notification is offered again)"

  @Test func verifyNamesEachRecordThatCannotBeTrustedAndRebuildDeletesIt() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let (first, second) = (try store.technical(), try store.technical(60))
    let (a, b) = (first.id, second.id)
    let (noteA, noteB) = (try #require(first.outbox.first?.notification.id), try #require(second.outbox.first?.notification.id))
    let now = RepositoryUnderTest.monday.adding(seconds: 120)
    let lease = NotificationLease(owner: "run-1", expires: now.adding(seconds: 300))
    #expect(try store.repository.leaseNotifications([noteA, noteB], lease, at: now) == [noteA, noteB])
    let repository = try PostgresCaseRepository.open(url: url)
    #expect(try repository.verify().problems == [])

    // A lease an older `outbox deliver` wrote late in 9999 (year 10000: it held noteB from
    // every run), and rows no dcmc writes: half a lease, a negative count, another case's
    // record, records of a notification the case does not have and of a case that does not exist.
    let connection = try PostgresConnection(url: url)
    try connection.query(
      "UPDATE dcmc_deliveries SET lease_expires = 253402300980 WHERE notification = $1", [.string(noteB)])
    let rows: [(String, String, String?, Int?, Int)] = [
      ("\(a)/n2", b, nil, nil, 1), ("\(b)/n99", b, nil, nil, 1), ("TEC-999999/n1", "TEC-999999", nil, nil, 0),
      ("\(a)/n3", a, "run-0", nil, 0), ("\(a)/n4", a, nil, 1_772_442_000, 0), ("\(a)/n5", a, nil, nil, -1),
    ]
    for (notification, caseID, owner, expires, failures) in rows {
      try connection.query(
        "INSERT INTO dcmc_deliveries (notification, case_id, lease_owner, lease_expires, failures) VALUES ($1, $2, $3, $4, $5)",
        [.string(notification), .string(caseID), owner.map(PostgresValue.string), expires.map(PostgresValue.int), .int(failures)])
    }
    let expected = [
      "\(a)/n2' names case '\(b)', not its notification's",
      "\(a)/n3' does not read ('lease_owner' without 'lease_expires')",
      "\(a)/n4' does not read ('lease_expires' without 'lease_owner')",
      "\(a)/n5' does not read ('failures' -1 is not a count)",
      "\(noteB)' does not read ('lease_expires' 253402300980 is not an instant of the years 1 to 9999)",
      "\(b)/n99' is of a notification case '\(b)' does not have",
      "TEC-999999/n1' is of case 'TEC-999999', which does not exist",
    ].map { "dcmc_deliveries: the record of notification '" + $0 + Self.suffix }
    #expect(try repository.verify().problems == expected)
    // The year-10000 lease keeps noteB from every other run until then.
    let later = NotificationLease(owner: "run-2", expires: now.adding(seconds: 900))
    #expect(try store.repository.leaseNotifications([noteB], later, at: now.adding(seconds: 600)) == [])

    let rebuilt = try repository.rebuild()
    #expect(rebuilt.problems == expected)
    #expect(rebuilt.repaired == ["dcmc_deliveries (7 findings dropped)"])
    #expect(try repository.verify().problems == [])
    #expect(try repository.deliveryRecords() == [noteA: DeliveryRecord(caseID: a, lease: lease)])
    #expect(try store.repository.leaseNotifications([noteB], later, at: now.adding(seconds: 600)) == [noteB])
    try BinaryRunner.verify(store: url)
  }

  /// A record of a case whose history does not replay is not checked: the case is named.
  @Test func aRecordOfADamagedCaseIsNotChecked() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let created = try store.technical()
    let connection = try PostgresConnection(url: url)
    try connection.query(
      "INSERT INTO dcmc_deliveries (notification, case_id, failures) VALUES ($1, $2, 1)",
      [.string(created.id + "/n99"), .string(created.id)])
    try connection.query("UPDATE dcmc_case_events SET event = '{}' WHERE case_id = $1 AND seq = 1", [.string(created.id)])
    let problems = try PostgresCaseRepository.open(url: url).verify().problems
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("case '\(created.id)'") == true, "\(problems)")
  }
}
