import DCMCApplication
import DCMCCalendar
import Testing

extension RepositoryUnderTest {
  /// This store as `store copy` sees it: every port it implements.
  public var copyable: any CopyableStore {
    guard let store = repository as? any CopyableStore else {
      preconditionFailure("the \(type(of: repository)) is not a whole store")
    }
    return store
  }

  /// Fills this store with some of every aggregate `store copy` copies: cases made by a
  /// request, linked to customer records (one merged into another), with an attachment, a
  /// tick's escalations and a presence history; a token, a status link, a delivery record
  /// with a failure and a RONA note. Returns the ids of the cases.
  @discardableResult
  public func fillForCopy() throws -> [String] {
    let kept = try customersAt(0).add(
      name: "Jane Doe", email: "jane@example.com", phone: nil, fields: [:], request: "add-1", by: "alice")
    let duplicate = try customersAt(10).add(
      name: "J. Doe", email: nil, phone: "02 555 12 34", fields: [:], request: nil, by: "alice")
    _ = try customersAt(20).merge(keep: kept.id, duplicate: duplicate.id, by: "sam")
    _ = try presenceAt(30).set(.ready, reason: nil, by: "gary")
    let first = try technical(60, request: "web-1", customer: kept.id)
    let second = try technical(120, email: "tom@example.com")
    _ = try at(180).attach(name: "scan.pdf", bytes: Array("scanned".utf8), toCase: first.id, by: "alice")
    _ = try at(3 * 86_400).tick(by: nil)
    let store = copyable
    try store.addToken(
      TokenRecord(
        id: "0123456789abcdef", user: "alice", salt: String(repeating: "a", count: 32),
        hash: String(repeating: "b", count: 64), created: Self.monday, expires: nil, revoked: nil))
    try store.addStatusLink(
      StatusLinkRecord(
        id: "fedcba9876543210", customer: kept.id, salt: String(repeating: "c", count: 32),
        hash: String(repeating: "d", count: 64), created: Self.monday, revoked: nil))
    let notification = try #require(try repository.load(second.id)?.outbox.first?.notification.id)
    let lease = NotificationLease(owner: "run-1", expires: Self.monday.adding(seconds: 3_600))
    _ = try store.leaseNotifications([notification], lease, at: Self.monday)
    try store.releaseNotifications([(notification, .failed(reason: "the mail server refused it"))], of: "run-1")
    _ = try store.notePendingRONAs([PendingRONA(caseID: first.id, task: 1, user: "gary", expired: Self.monday)])
    return [first.id, second.id]
  }
}
