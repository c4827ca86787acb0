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
