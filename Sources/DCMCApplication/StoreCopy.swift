import DCMCBundle
import DCMCRuntime

/// `dcmc store copy FROM TO` (SPEC section 18): every aggregate of one store written into
/// another, whichever their kinds, through the ports only, then both tallied and compared.
///
/// The target must be empty or a partial copy of this source (`checkTarget`, before anything
/// is written): every case, customer record and presence history it holds a prefix of the
/// source's, its bundles, tokens, status links and RONA notes among the source's. A run
/// again after an interruption skips what is there already and appends what is missing, a
/// history at a time: each history is appended whole (one change, in its events' order) by
/// the target's own append, which keeps its indexes, numbering, request ids and report facts
/// as any command would; the copy ends with the target's rebuild (`rebuildDerived`), which
/// rewrites a derived file that an interrupted run, or a failed write after an append, left
/// behind the histories. The tick mark is copied last, after that rebuild: the file store's
/// rebuild brings a tick later than every event back to the latest event, so a mark copied
/// before it made every copy of a store that ticked on after its last event differ in `tick`.
///
/// The target is marked unfinished (`StoreInventory.markCopying`) once checked, before the
/// copy writes, and the mark removed (`markCopied`) last, when the tallies compare equal: a
/// copy cut short, or one that differs, is refused by every command but a copy again.
public struct StoreCopy: Sendable {
  public let source: any CopyableStore
  public let target: any CopyableStore
  /// How the source is named in the target's mark (the `FROM` of the command that finishes
  /// the copy); `nil`: not named (a database URL, which may hold a password).
  public let sourceName: String?
  /// How many case changes one append of the target takes.
  public var batchSize = 100

  public init(from source: any CopyableStore, to target: any CopyableStore, sourceName: String? = nil) {
    self.source = source
    self.target = target
    self.sourceName = sourceName
  }

  /// Copies what the target lacks and tallies both stores.
  public func run() throws(StoreCopyError) -> StoreCopyReport {
    try checkTarget()
    try StoreCopyError.wrap { () throws(RepositoryError) in try target.markCopying(from: sourceName) }
    var written: [String: Int] = [:]
    written["bundles"] = try copyBundles()
    written["customers"] = try copyCustomers()
    (written["cases"], written["attachments"]) = try copyCases()
    written["presence"] = try copyPresence()
    written.merge(try copyRecords()) { $1 }
    let refused = try StoreCopyError.wrap { () throws(RepositoryError) in try target.rebuildDerived() }
    if let damage = refused.first { throw .targetDamaged(damage) }
    written["tick"] = try copyTick()
    let (sourceTally, targetTally) = try StoreCopyError.wrap { () throws(RepositoryError) in
      (try StoreTally(of: source), try StoreTally(of: target))
    }
    let report = StoreCopyReport(source: sourceTally, target: targetTally, written: written)
    if report.differences.isEmpty {
      try StoreCopyError.wrap { () throws(RepositoryError) in try target.markCopied() }
    }
    return report
  }

  /// The bundles the target lacks that no deployment of the source's history names, kept
  /// without a deployment; then each deployment of the source's history the target lacks,
  /// in order, by its user at its time (`DeploymentRecord.changes`): the target's history
  /// is the source's, and its current bundle the source's. How many bundles it wrote.
  private func copyBundles() throws(StoreCopyError) -> Int {
    let (hashes, history, copied) = try StoreCopyError.wrap { () throws(RepositoryError) in
      (
        try source.bundleHashes(), DeploymentRecord.changes(try source.deployments()),
        DeploymentRecord.changes(try target.deployments())
      )
    }
    let deployed = Set(history.map(\.bundle))
    var written = 0
    for hash in hashes where !deployed.contains(hash) {
      let present = try StoreCopyError.wrap { () throws(RepositoryError) in try target.bundle(hash) != nil }
      if present { continue }
      let (bundle, bytes) = try load(hash)
      if try StoreCopyError.wrap({ () throws(RepositoryError) in try target.keepBundle(bundle, bytes: bytes) }) {
        written += 1
      }
    }
    // `checkTarget` found the target's history a prefix of the source's.
    for record in history.dropFirst(copied.count) {
      let (bundle, bytes) = try load(record.bundle)
      let isNew = try StoreCopyError.wrap { () throws(RepositoryError) in
        try target.deploy(bundle, bytes: bytes, by: record.by, at: record.at)
      }
      if isNew { written += 1 }
    }
    return written
  }

  /// The source's bundle `hash`, loaded.
  private func load(_ hash: String) throws(StoreCopyError) -> (DefinitionBundle, [UInt8]) {
    guard let bytes = try StoreCopyError.wrap({ () throws(RepositoryError) in try source.bundle(hash) }) else {
      throw .unusableBundle(hash: hash, reason: "it is not in the store")
    }
    do {
      return (try BundleFile.load(bytes), bytes)
    } catch {
      throw .unusableBundle(hash: hash, reason: "\(error)")
    }
  }

  /// Each case's events the target lacks, its attachments first, `batchSize` cases an append;
  /// how many cases and attachments it wrote.
  private func copyCases() throws(StoreCopyError) -> (cases: Int, attachments: Int) {
    let numbering = try StoreCopyError.wrap { () throws(RepositoryError) in try source.caseSequences() }
    var batch: [CaseChangeSet] = []
    var written = 0
    var attachments = 0
    func flush() throws(StoreCopyError) {
      let outcomes = try StoreCopyError.wrap { () throws(RepositoryError) in try target.append(batch, tick: nil) }
      if let moved = zip(batch, outcomes).first(where: { $0.1 != .appended }) {
        throw .targetMoved("case '\(moved.0.after.id)'")
      }
      written += batch.count
      batch.removeAll(keepingCapacity: true)
    }
    for id in try StoreCopyError.wrap({ () throws(RepositoryError) in try source.caseIDs() }) {
      let changes = try caseChanges(id, numbering: numbering, attachments: &attachments)
      guard let first = changes.first else { continue }
      guard changes.count > 1 else {
        batch.append(first)
        if batch.count >= batchSize { try flush() }
        continue
      }
      // One case's pieces each alone, in order: an append takes a case once.
      if !batch.isEmpty { try flush() }
      for change in changes {
        batch = [change]
        try flush()
      }
      written -= changes.count - 1
    }
    if !batch.isEmpty { try flush() }
    return (written, attachments)
  }

  /// The changes that bring the target's case `id` to the source's, in order (none: it is
  /// there). A change records one request (`CaseChangeSet.request`, which the target's append
  /// indexes), so a history recording several (its creation's, a pull's claim...) comes in
  /// pieces, each after the first starting at an event that records one.
  private func caseChanges(_ id: String, numbering: [String: Int], attachments: inout Int) throws(StoreCopyError)
    -> [CaseChangeSet]
  {
    let (events, copied) = try StoreCopyError.wrap { () throws(RepositoryError) in
      (try source.history(of: id) ?? [], try target.history(of: id) ?? [])
    }
    guard events.count > copied.count else { return [] }
    guard CaseState.replay(events) != nil else { throw .unreadable("case '\(id)' of the source does not replay") }
    for case .attachmentAdded(let attachment) in events[copied.count...].map(\.change) {
      try copyAttachment(attachment, of: id)
      attachments += 1
    }
    var starts = [copied.count]
    for index in events.indices.dropFirst(copied.count + 1) where events[index].recordedRequest != nil {
      starts.append(index)
    }
    var changes: [CaseChangeSet] = []
    for (piece, start) in starts.enumerated() {
      let end = piece + 1 < starts.count ? starts[piece + 1] : events.count
      let before: CaseState?
      if start == 0 {
        before = nil
      } else if piece == 0 {
        before = try StoreCopyError.wrap { () throws(RepositoryError) in try target.load(id) }
      } else {
        before = CaseState.replay(Array(events[..<start]))
      }
      guard let after = CaseState.replay(Array(events[..<end])) else {
        throw .unreadable("case '\(id)' of the source does not replay")
      }
      changes.append(
        CaseChangeSet(
          before: before, events: Array(events[start..<end]), after: after,
          sequence: start == 0 ? numbering[after.type] : nil, request: events[start].recordedRequest?.id))
    }
    return changes
  }

  /// Writes the source's copy of `attachment` into the target under the same name.
  private func copyAttachment(_ attachment: Attachment, of id: String) throws(StoreCopyError) {
    let kept = try StoreCopyError.wrap { () throws(RepositoryError) in try source.attachment(at: attachment.stored) }
    if let damage = attachment.damage(ofKept: kept) {
      throw .unreadable("attachment '\(attachment.stored)' of case '\(id)' \(damage)")
    }
    guard let bytes = kept, let file = AttachmentFile(stored: attachment.stored, bytes: bytes) else {
      throw .unreadable("attachment '\(attachment.stored)' of case '\(id)' does not hold the content its name stands for")
    }
    let place = try StoreCopyError.wrap { () throws(RepositoryError) in
      try target.storeAttachment(bytes, as: file, case: id)
    }
    guard place == attachment.stored else {
      throw .unreadable("attachment '\(attachment.stored)' of case '\(id)' was kept as '\(place)'")
    }
  }
}
