import Synchronization

/// The case changes and presence changes this process commits, told to its receivers once
/// they are durable, in the order they were made so: what `/api/v1/events` builds its exact
/// events from (docs/server.md, "What is exact and what is not"). Case changes come from the
/// group commit's rounds (published by the round's leader after the flush, before the next
/// round starts, so rounds are told in the order they were written), from appends made
/// without it and from the tick's claims (`CaseService.append`, `CaseService.tick`); presence
/// changes from `PresenceService.record`, after their append. Another process's changes (the
/// CLI beside the server, another server on PostgreSQL) never reach it: its receivers must
/// find those otherwise (the events' snapshots).
///
/// Nothing is kept: each publication is handed to the receivers at once, in the committing
/// thread, which is answered only after they return (they must be quick and bounded).
public final class CommitFeed: Sendable {
  /// One publication: case changes, or presence changes, each written and durable.
  public enum Committed: Sendable {
    case cases([CaseChangeSet])
    case presence([PresenceChangeSet])
  }

  private let receivers = Mutex<[@Sendable (Committed) -> Void]>([])

  public init() {}

  /// Adds `receiver`, told of every publication from now on.
  public func receive(_ receiver: @escaping @Sendable (Committed) -> Void) {
    receivers.withLock { $0.append(receiver) }
  }

  /// Tells the receivers of the changes of `changes` whose outcome is `.appended`; nothing
  /// when none is.
  func publish(_ changes: [CaseChangeSet], _ outcomes: [AppendOutcome]) {
    tell(Self.written(changes, outcomes), as: Committed.cases)
  }

  /// As `publish(_:_:)`, for presence changes.
  func publish(presence changes: [PresenceChangeSet], _ outcomes: [AppendOutcome]) {
    tell(Self.written(changes, outcomes), as: Committed.presence)
  }

  private static func written<Change>(_ changes: [Change], _ outcomes: [AppendOutcome]) -> [Change] {
    zip(changes, outcomes).filter { $0.1 == .appended }.map(\.0)
  }

  private func tell<Change>(_ written: [Change], as publication: ([Change]) -> Committed) {
    guard !written.isEmpty else { return }
    let committed = publication(written)
    for receiver in receivers.withLock({ $0 }) { receiver(committed) }
  }
}
