import DCMCBundle
public import DCMCRuntime

extension CaseService {
  /// Fires every timer due now, each once, earliest first; returns the cases that changed.
  /// A case whose history already goes past now (a later tick or command changed it) is left
  /// for a tick at or after its last event, so its history never runs backwards; a tick
  /// earlier than the last one is no refusal, so one tick far in the future stops no later
  /// tick.
  ///
  /// Only the cases the timer index names are read. Every due case is decided, then all are
  /// appended in one batch (each case atomically, at the version it was decided on); a case
  /// another writer changed meanwhile (another tick, a claim) is decided again on its new
  /// state, so no timer fires twice.
  public func tick(by user: String?) throws(ServiceError) -> [CaseState] {
    let now = clock.now()
    var pending = try ServiceError.wrap { () throws(RepositoryError) in
      try repository.casesWithTimers(dueBy: now)
    }
    // The presence timers (wrap-ups' ends) are read before anything is appended, so a store
    // that cannot be read fails the tick with nothing changed.
    let due = try wrapUpsDue()
    // So are the RONAs earlier ticks noted and were killed before making.
    let left = try pendingRONAs()
    var notes = left.map(\.note)
    // A store with nothing due may have nothing deployed yet: the directory is asked only
    // when there is a case, a wrap-up or a RONA to decide.
    let workgroups = pending.isEmpty && due.isEmpty && left.isEmpty ? [] : try directory.workgroups()
    var changed: [CaseState] = []
    var appended: [CaseChangeSet] = []
    var recorded = false
    for _ in 0..<Self.attempts {
      var changes: [CaseChangeSet] = []
      for id in pending {
        // The index is a cache: an entry may name a case that is not there.
        let found: CaseState?
        do throws(ServiceError) {
          found = try ServiceError.wrap { () throws(RepositoryError) in try repository.load(id) }
        } catch {
          // One damaged case is reported and left as it is; the others still fire.
          if case .repository(.damaged(let damage)) = error {
            damageFound?(damage)
            continue
          }
          guard case .refused(.invalidID) = error else { throw error }
          continue
        }
        guard let before = try found.map(dated) else { continue }
        if let last = before.updatedAt, now < last { continue }
        let events = try decide(.tick, on: before, by: user, at: now, workgroups)
        guard !events.isEmpty else { continue }
        changes.append(
          CaseChangeSet(before: before, events: events, after: Self.applying(events, to: before)))
      }
      // The RONAs are noted before the expiries are appended, and the note cleared once they
      // are made: a tick killed between the two leaves them to the next.
      if let note = try notePendingRONAs(for: changes) { notes.append(note) }
      let outcomes = try append(changes, tick: recorded ? nil : now)
      recorded = true
      pending = []
      for (change, outcome) in zip(changes, outcomes) {
        if outcome == .appended {
          changed.append(change.after)
          appended.append(change)
        } else {
          pending.append(change.after.id)
        }
      }
      // The timers fired: a store failure while following them up is not the tick's, and the
      // next tick tries the wrap-ups again.
      if pending.isEmpty {
        return (try? offerWork(afterTick: appended, changed, due, left, clearing: notes, workgroups)) ?? changed
      }
    }
    throw .refused(.busy(case: pending[0]))
  }

  /// What a tick's `changes` call for (RONA, wrap-up, offers of the tasks queued again), the
  /// wrap-ups `due` by now ended and the RONAs the notes `left` by killed ticks owe, with the
  /// offers they make; then the `notes` are cleared. Returns `changed` with the cases the offers
  /// changed in their place or after them.
  private func offerWork(
    afterTick changes: [CaseChangeSet], _ changed: [CaseState], _ due: [PresenceState],
    _ left: [(note: String, ronas: [PendingRONA])], clearing notes: [String], _ workgroups: [BundleWorkgroup]
  ) throws(ServiceError) -> [CaseState] {
    var offered = try offerWork(after: changes, endingWrapUps: due, owing: try owedRONAs(left), workgroups)
    try clearPendingRONAs(notes)
    var result = changed.map { offered.removeValue(forKey: $0.id) ?? $0 }
    result += offered.keys.sorted().compactMap { offered[$0] }
    return result
  }
}
