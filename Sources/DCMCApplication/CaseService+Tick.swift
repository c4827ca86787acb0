import DCMCBundle
import DCMCCalendar
public import DCMCRuntime

extension CaseService {
  /// Fires every timer due now, each once, earliest first; returns the cases that changed.
  /// A case whose history already goes past now (a later tick or command changed it) is left
  /// for a tick at or after its last event, so its history never runs backwards; a tick
  /// earlier than the last one is no refusal, so one tick far in the future stops no later
  /// tick.
  ///
  /// Only the cases the timer index names are read. The due cases are claimed a batch at a
  /// time (`CaseRepository.claimTimers`), decided, and appended while the claim holds them:
  /// on PostgreSQL, ticks on other hosts skip the cases this one holds and take the next. A
  /// case another writer changed meanwhile (a store without claims: another tick, a command)
  /// is claimed and decided again on its new state, so no timer fires twice.
  ///
  /// `user`, recorded on the events the tick writes, must be a user id (`UserID.checked`), as
  /// every acting user's is: no command checked it here, since a tick asks no permission.
  public func tick(by user: String?) throws(ServiceError) -> [CaseState] {
    if let user { _ = try UserID.checked(user) }
    let now = clock.now()
    // The presence timers (wrap-ups' ends) are read before anything is appended, so a store
    // that cannot be read fails the tick with nothing changed.
    let due = try wrapUpsDue()
    // So are the RONAs earlier ticks noted and were killed before making.
    let left = try pendingRONAs()
    var notes = left.map(\.note)
    // A store with nothing due may have nothing deployed yet: the directory is asked only
    // when there is a case, a wrap-up or a RONA to decide.
    var workgroups: [BundleWorkgroup]?
    var changed: [CaseState] = []
    var appended: [CaseChangeSet] = []
    var decided: Set<String> = []
    var races = 0
    var tick: Instant? = now
    while true {
      var changes: [CaseChangeSet] = []
      let claim = try repository.claimTimers(dueBy: now, limit: Self.claimSize, excluding: decided, tick: tick) {
        (ids) throws(ServiceError) in
        guard !ids.isEmpty else { return [] }
        let groups: [BundleWorkgroup]
        if let known = workgroups {
          groups = known
        } else {
          groups = try directory.workgroups()
          workgroups = groups
        }
        changes = try timerChanges(ids, at: now, by: user, groups)
        // The RONAs are noted before the expiries are appended, and the note cleared once
        // they are made: a tick killed between the two leaves them to the next.
        if let note = try notePendingRONAs(for: changes) { notes.append(note) }
        return changes
      }
      tick = nil
      guard !claim.claimed.isEmpty else { break }
      decided.formUnion(claim.claimed)
      feed?.publish(changes, claim.outcomes)
      var lost: String?
      for (change, outcome) in zip(changes, claim.outcomes) {
        if outcome == .appended {
          changed.append(change.after)
          appended.append(change)
        } else {
          decided.remove(change.after.id)
          lost = change.after.id
        }
      }
      if let lost {
        races += 1
        guard races < Self.attempts else { throw .refused(.busy(case: lost)) }
      } else if claim.claimed.count < Self.claimSize {
        break  // a claim short of its limit took every due case left to it
      }
    }
    if workgroups == nil, !due.isEmpty || !left.isEmpty { workgroups = try directory.workgroups() }
    // The timers fired: a store failure while following them up is not the tick's, and the
    // next tick tries the wrap-ups again.
    return (try? offerWork(afterTick: appended, changed, due, left, clearing: notes, workgroups ?? [])) ?? changed
  }

  /// The changes a tick at `now` makes to the cases `ids`: their due timers fired. A case not
  /// there (the index is a cache), damaged (reported; the others still fire), whose timers the
  /// engine refuses to decide (reported, `timersRefused`; the others still fire) or with a
  /// history past `now` is left as it is.
  private func timerChanges(_ ids: [String], at now: Instant, by user: String?, _ workgroups: [BundleWorkgroup])
    throws(ServiceError) -> [CaseChangeSet]
  {
    var changes: [CaseChangeSet] = []
    for id in ids {
      let found: CaseState?
      do throws(ServiceError) {
        found = try ServiceError.wrap { () throws(RepositoryError) in try repository.load(id) }
      } catch {
        if case .repository(.damaged(let damage)) = error {
          damageFound?(damage)
          continue
        }
        guard case .refused(.invalidID) = error else { throw error }
        continue
      }
      guard let before = try found.map(dated) else { continue }
      if let last = before.updatedAt, now < last { continue }
      let events: [CaseEvent]
      do throws(ServiceError) {
        events = try decide(.tick, on: before, by: user, at: now, workgroups)
      } catch {
        // Timers the engine cannot decide (a deadline past 9999) stop their case only.
        guard case .refused(.rule(let refusal)) = error else { throw error }
        timersRefused?(id, refusal)
        continue
      }
      guard !events.isEmpty else { continue }
      changes.append(CaseChangeSet(before: before, events: events, after: Self.applying(events, to: before)))
    }
    return changes
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
