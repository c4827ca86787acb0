public import DCMCCalendar
public import DCMCRuntime

/// The store's side of presence, the third aggregate beside cases and customers (SPEC
/// section 15): each user's history of `presence.changed` events with its version, and
/// optimistic appends. As for cases, a user's version is the sequence number of their last
/// event (0: none), and an append decided on a version the history has left is refused as a
/// `.conflict`.
public protocol PresenceRepository: Sendable {
  /// The user's presence as their history leaves it; `nil` when they have none.
  func loadPresence(_ user: String) throws(RepositoryError) -> PresenceState?
  /// Every event of the user's history, in order; `nil` when they have none.
  func presenceHistory(of user: String) throws(RepositoryError) -> [PresenceEvent]?
  /// Appends each change's events after the version its `before` had, each user's atomically
  /// and durably, the whole batch under one lock (a tick's RONAs and wrap-up ends). Outcomes are per user, in the changes' order,
  /// as for case appends: a history that moved on is not written and answers `.conflict`, the
  /// others are appended. A second change of one user in a batch answers `.conflict`. When a
  /// write fails, the error is thrown: the changes before it have happened, none after it.
  func appendPresence(_ changes: [PresenceChangeSet]) throws(RepositoryError) -> [AppendOutcome]
  /// The presence of every user in wrap-up whose wrap-up ends at or before `now`, by user id,
  /// without reading every history: the adapter files them by their wrap-up's end (what `tick`
  /// reads for the wrap-ups to end).
  func wrapUpsEnded(by now: Instant) throws(RepositoryError) -> [PresenceState]
  /// The users whose presence is `ready`, without reading every history: the adapter keeps
  /// them apart. It may name a user who is ready no more (a crash between their change and
  /// the index's), so the caller checks each presence it uses.
  func readyUsers() throws(RepositoryError) -> Set<String>
  /// Notes `ronas` durably, before the case appends that expire their offers; returns the
  /// note's name, for `clearPendingRONAs(_:)`.
  func notePendingRONAs(_ ronas: [PendingRONA]) throws(RepositoryError) -> String
  /// Every note not cleared yet, by name: what ticks killed before their RONAs left.
  func pendingRONAs() throws(RepositoryError) -> [(note: String, ronas: [PendingRONA])]
  /// Removes a note once its RONAs are made; a note removed already is no error.
  func clearPendingRONAs(_ note: String) throws(RepositoryError)
}

extension PresenceRepository {
  /// `appendPresence(_:)` of one change.
  public func appendPresence(_ change: PresenceChangeSet) throws(RepositoryError) -> AppendOutcome {
    try appendPresence([change])[0]
  }
}

/// One user's presence events, with their presence before and after them.
public struct PresenceChangeSet: Sendable {
  public var before: PresenceState
  public var events: [PresenceEvent]
  public var after: PresenceState

  public init(before: PresenceState, events: [PresenceEvent], after: PresenceState) {
    self.before = before
    self.events = events
    self.after = after
  }

  /// The version the events were decided on.
  public var expectedVersion: Int { before.version }
}
