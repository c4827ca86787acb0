public import DCMCCalendar
package import DCMCJSON

/// A RONA a tick owes (docs/distribution.md, "Consistency"): the offer of task `task` of case
/// `caseID` to `user` expired at `expired`. A tick notes its RONAs durably before the case
/// appends that withdraw the offers and clears the note after the presence appends that make
/// the RONAs, so a tick killed between the two leaves the note, and the next tick makes the
/// RONAs whose expiry the case's history holds, for the users whose presence has not changed
/// since.
public struct PendingRONA: Sendable, Hashable {
  public var caseID: String
  /// The task's number in its case.
  public var task: Int
  public var user: String
  public var expired: Instant

  public init(caseID: String, task: Int, user: String, expired: Instant) {
    self.caseID = caseID
    self.task = task
    self.user = user
    self.expired = expired
  }

  /// The RONA as a store's note keeps it: `{case, task, user, expired}`, text each.
  package var storedJSON: JSONValue {
    ["case": caseID, "task": String(task), "user": user, "expired": expired.description].json
  }
}
