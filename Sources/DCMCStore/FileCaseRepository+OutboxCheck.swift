import DCMCApplication
import DCMCJSON

/// `store verify` and `store rebuild` of `outbox.json` (`FileCaseRepository+Outbox.swift`),
/// checked against the cases' outboxes as their histories leave them.
///
/// What the file holds is only leases and failure counts, never a notification (those are
/// in the histories): dropping a record loses its lease, which re-offers its notification to
/// the next delivery run, and its count of failed attempts. So `store rebuild` drops what
/// cannot be trusted rather than guess at it.
extension FileCaseRepository {
  /// What is wrong in `outbox.json`, one line each, and the records to keep. `outboxes`: the
  /// notification ids in each case's outbox, by case id, for the cases whose history reads;
  /// `cases`: every case with a history (the records of one that does not read are kept
  /// and not checked: the case is reported as itself). `nil` when there is no file.
  ///
  /// Named: a file that is not a delivery file (not JSON, a key twice: the whole file is
  /// emptied); a record that does not read (such as a lease after the year 9999, which an
  /// older `outbox deliver` wrote); a record whose `case` is not its notification's; a record
  /// of a notification no case has (its case, or the notification in its case's outbox,
  /// does not exist).
  func outboxFindings(_ outboxes: [String: Set<String>], cases: Set<String>) throws(RepositoryError)
    -> (problems: [String], kept: DeliveryLedger)?
  {
    let path = Self.deliveriesPath.description
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.deliveriesPath) }
    guard let bytes else { return nil }
    let read: (ledger: DeliveryLedger, refused: [(id: String, why: JSONShapeError)])
    do throws(JSONShapeError) { read = try DeliveryFile.records(bytes) } catch {
      return (["\(path) is not a delivery file (\(error))" + DeliveryRecord.byRebuild("empties it")], DeliveryLedger())
    }
    var problems = read.refused.sorted { $0.id < $1.id }.map { refused in
      "\(path): the record of notification '\(refused.id)' does not read (\(refused.why))"
        + DeliveryRecord.byRebuild("drops it")
    }
    var kept = read.ledger
    for (id, record) in read.ledger.records.sorted(by: { $0.key < $1.key }) {
      guard let problem = DeliveryRecord.finding(notification: id, of: record.caseID, cases: cases, outboxes: outboxes)
      else { continue }
      kept.records[id] = nil
      problems.append("\(path): the record of notification '\(id)' \(problem)" + DeliveryRecord.byRebuild("drops it"))
    }
    return (problems, kept)
  }

  /// Writes `outbox.json` again without what `outboxFindings` names (with no record when it
  /// is not a delivery file at all); returns what was repaired.
  func rebuildOutbox(_ outboxes: [String: Set<String>], cases: Set<String>, _ transaction: StoreTransaction)
    throws(RepositoryError) -> [String]
  {
    guard let found = try outboxFindings(outboxes, cases: cases), !found.problems.isEmpty else { return [] }
    let dropped = found.problems.count
    try wrap { () throws(StoreError) in
      try transaction.replace(Self.deliveriesPath, with: DeliveryFile.encode(found.kept))
    }
    return ["\(Self.deliveriesPath) (\(dropped) finding\(dropped == 1 ? "" : "s") dropped)"]
  }
}
