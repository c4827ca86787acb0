public import DCMCCalendar
package import DCMCJSON
import DCMCRuntime

/// A delivery run's hold on a notification: until `expires`, no other run hands it to a
/// gateway. A lease that has expired (its run crashed, or overran) may be taken over.
public struct NotificationLease: Sendable, Equatable {
  /// The delivery run that holds it (the CLI: host, process id and a random number).
  public var owner: String
  public var expires: Instant

  public init(owner: String, expires: Instant) {
    self.owner = owner
    self.expires = expires
  }
}

/// What a store keeps of a pending notification's delivery beside its case: the lease on it
/// and the attempts that failed. Dropped once the notification is delivered through a run.
public struct DeliveryRecord: Sendable, Equatable {
  /// The case whose outbox holds the notification.
  public var caseID: String
  public var lease: NotificationLease?
  /// How many delivery attempts failed.
  public var failures: Int
  /// Why the last failed attempt failed (lowercase, one clause).
  public var lastFailure: String?

  public init(caseID: String, lease: NotificationLease? = nil, failures: Int = 0, lastFailure: String? = nil) {
    self.caseID = caseID
    self.lease = lease
    self.failures = failures
    self.lastFailure = lastFailure
  }

  /// The record as a store keeps it (`outbox.json`, docs/store.md): `lease` and
  /// `last_failure` are `null` when there is none.
  package var storedJSON: JSONValue {
    .object([
      ("case", .string(caseID)), ("failures", .int(failures)), ("last_failure", .string(lastFailure)),
      ("lease", lease.map { .object([("expires", $0.expires.json), ("owner", .string($0.owner))]) } ?? .null),
    ])
  }

  /// The case id a notification id (`TEC-000042/n1`) names; `nil` when it names none.
  public static func caseID(ofNotification id: String) -> String? {
    guard let slash = id.lastIndex(of: "/"), slash != id.startIndex else { return nil }
    return String(id[..<slash])
  }

  /// What `store verify` finds wrong, on either store, with the record of notification `id`
  /// that says it is of case `caseID`: it names another case than the notification's, its
  /// case does not exist (`cases`: every case the store has), or its case's outbox lacks the
  /// notification (`outboxes`: the notification ids of each case whose history replays).
  /// `nil` when none of those, or when its case's history does not replay (the case is
  /// reported as itself).
  public static func finding(
    notification id: String, of caseID: String, cases: Set<String>, outboxes: [String: Set<String>]
  ) -> String? {
    if caseID != Self.caseID(ofNotification: id) { return "names case '\(caseID)', not its notification's" }
    if !cases.contains(caseID) { return "is of case '\(caseID)', which does not exist" }
    if let outbox = outboxes[caseID], !outbox.contains(id) { return "is of a notification case '\(caseID)' does not have" }
    return nil
  }

  /// What `store rebuild` `does` with a record (or records) `store verify` names, and all
  /// that it loses: a record holds no notification (those are in the histories), only a lease
  /// and failures.
  public static func byRebuild(_ does: String) -> String {
    ": 'dcmc store rebuild' \(does) (only leases and failure counts are lost: a notification is offered again)"
  }
}

/// How a run's lease on one notification ends (`CaseRepository.releaseNotifications`).
public enum LeaseEnd: Sendable, Equatable {
  /// Delivered (and marked so in its case): its record goes.
  case delivered
  /// The attempt failed: counted, with its reason.
  case failed(reason: String)
  /// Not attempted: left for a later run as it was.
  case untried
}
