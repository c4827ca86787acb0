public import DCMCCalendar
public import DCMCRuntime

/// The presence histories of the in-memory store, under the same lock as its cases, so a
/// scenario's snapshot holds them too.
extension InMemoryCaseRepository: PresenceRepository {
  public func loadPresence(_ user: String) throws(RepositoryError) -> PresenceState? {
    contents.withLock { $0.presence[user].flatMap(PresenceState.replay) }
  }

  public func presenceHistory(of user: String) throws(RepositoryError) -> [PresenceEvent]? {
    contents.withLock { $0.presence[user] }
  }

  public func appendPresence(_ changes: [PresenceChangeSet]) throws(RepositoryError) -> [AppendOutcome] {
    contents.withLock { store in
      var users: Set<String> = []
      return changes.map { change in
        let version = store.presence[change.after.user]?.count ?? 0
        guard version == change.expectedVersion, users.insert(change.after.user).inserted else {
          return .conflict(version: version)
        }
        store.presence[change.after.user, default: []] += change.events
        store.record(ReportFact.facts(of: change))
        return .appended
      }
    }
  }

  public func wrapUpsEnded(by now: Instant) throws(RepositoryError) -> [PresenceState] {
    contents.withLock { store in
      store.presence.keys.sorted().compactMap { store.presence[$0].flatMap(PresenceState.replay) }
        .filter { state in if case .wrapUp(let end) = state.status { end <= now } else { false } }
    }
  }

  public func readyUsers() throws(RepositoryError) -> Set<String> {
    contents.withLock { store in
      Set(store.presence.compactMap { user, events in PresenceState.replay(events)?.status == .ready ? user : nil })
    }
  }

  public func notePendingRONAs(_ ronas: [PendingRONA]) throws(RepositoryError) -> String {
    contents.withLock { store in
      store.lastRONANote += 1
      let note = String(store.lastRONANote)
      store.pendingRONAs[note] = ronas
      return note
    }
  }

  public func pendingRONAs() throws(RepositoryError) -> [(note: String, ronas: [PendingRONA])] {
    contents.withLock { store in store.pendingRONAs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
  }

  public func clearPendingRONAs(_ note: String) throws(RepositoryError) {
    contents.withLock { store in store.pendingRONAs[note] = nil }
  }
}
