import DCMCApplication
import DCMCCalendar
import Foundation
import Testing

/// The outbox's leases, the same on every store (issue 14 item 16).
extension RepositoryConformance {
  /// A lease keeps a pending notification from every other owner until it expires; its owner
  /// renews it; an expired one is taken over; a release records a failure only for the lease's
  /// owner; a delivered notification is leased to no one and its record goes.
  public static func notificationLeases(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let note = try #require(created.outbox.first?.notification.id)
    let repository = store.repository
    func lease(_ owner: String, at seconds: Int) throws -> [String] {
      let now = RepositoryUnderTest.monday.adding(seconds: seconds)
      return try repository.leaseNotifications(
        [note, "TEC-999999/n1", created.id + "/n99", "no-slash"],
        NotificationLease(owner: owner, expires: now.adding(seconds: 300)), at: now)
    }
    #expect(try lease("a", at: 0) == [note])
    #expect(try lease("b", at: 60) == [])
    #expect(try lease("a", at: 60) == [note], "the owner cannot renew its lease")
    #expect(try repository.deliveryRecords()[note]?.lease?.expires == RepositoryUnderTest.monday.adding(seconds: 360))
    #expect(try lease("b", at: 359) == [])
    #expect(try lease("b", at: 360) == [note], "an expired lease is not taken over")
    // The run that lost its lease reports a failure: nothing is recorded, b keeps it.
    try repository.releaseNotifications([(note, .failed(reason: "late"))], of: "a")
    #expect(try repository.deliveryRecords()[note] == DeliveryRecord(
      caseID: created.id, lease: NotificationLease(owner: "b", expires: RepositoryUnderTest.monday.adding(seconds: 660))))
    try repository.releaseNotifications([(note, .failed(reason: "the relay is down"))], of: "b")
    #expect(try repository.deliveryRecords()[note] == DeliveryRecord(caseID: created.id, failures: 1, lastFailure: "the relay is down"))
    #expect(try lease("c", at: 400) == [note])
    try repository.releaseNotifications([(note, .untried)], of: "c")
    #expect(try repository.deliveryRecords()[note]?.failures == 1)
    #expect(try repository.deliveryRecords()[note]?.lease == nil)
    try store.at(500).acknowledge(notification: note, by: nil)
    #expect(try lease("d", at: 600) == [])
    #expect(try repository.deliveryRecords()[note] == nil)
  }

  /// Owners leasing the same notifications at the same instant from several threads: each
  /// notification goes to exactly one of them.
  public static func concurrentLeasesTakeEachOnce(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let notes = try (0..<3).flatMap { try store.technical($0 * 60).outbox.map(\.notification.id) }
    let now = RepositoryUnderTest.monday.adding(seconds: 600)
    let leased = Results()
    DispatchQueue.concurrentPerform(iterations: 4) { index in
      let lease = NotificationLease(owner: "run \(index)", expires: now.adding(seconds: 300))
      for id in (try? store.repository.leaseNotifications(notes, lease, at: now)) ?? [] { leased.add(id) }
    }
    #expect(leased.values.sorted() == notes.sorted())
  }
}
