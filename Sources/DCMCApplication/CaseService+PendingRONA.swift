import DCMCBundle
import DCMCCalendar
import DCMCRuntime

// The RONA crash window (docs/distribution.md, "Consistency"): an expiry is an append to the
// case's history and its RONA a later append to the user's presence history. A tick notes its
// RONAs (`PresenceRepository.notePendingRONAs`) before its case appends and clears the note
// after its presence appends; a tick killed between the two leaves the note, and the next tick
// makes the RONAs the note names whose expiry the case's history holds, for users whose
// presence has not changed since (`PresenceStep.owedRONA`), then clears it. A command that
// reads presences to set, list or offer by them settles the notes first
// (`settlePendingRONAs`), so a user owed a RONA is not taken for ready until the next tick.

extension CaseService {
  /// The RONAs `change` calls for: one for the user of each offer it expires, dated at the
  /// offer's time-out (`now` when the state before does not say).
  static func expiredOffers(in change: CaseChangeSet, at now: Instant) -> [PendingRONA] {
    change.events.compactMap { event in
      guard case .offerExpired(let number, let user) = event.change else { return nil }
      let expired = change.before?.tasks.first { $0.number == number }?.offer?.expires ?? now
      return PendingRONA(caseID: change.after.id, task: number, user: user, expired: expired)
    }
  }

  /// Notes the RONAs `changes` call for, before they are appended; the note's name, or `nil`
  /// when there are none (or no presence port).
  func notePendingRONAs(for changes: [CaseChangeSet]) throws(ServiceError) -> String? {
    let now = clock.now()
    let ronas = changes.flatMap { Self.expiredOffers(in: $0, at: now) }
    guard let presence, !ronas.isEmpty else { return nil }
    return try ServiceError.wrap { () throws(RepositoryError) in try presence.notePendingRONAs(ronas) }
  }

  /// The notes earlier ticks left; none without a presence port.
  func pendingRONAs() throws(ServiceError) -> [(note: String, ronas: [PendingRONA])] {
    guard let presence else { return [] }
    return try ServiceError.wrap { () throws(RepositoryError) in try presence.pendingRONAs() }
  }

  /// Makes the RONAs the notes of killed ticks owe before a command reads presences to set,
  /// list or offer work by them: each RONA whose expiry its case's history holds, for a user
  /// whose presence has not changed since (made twice, a RONA is made once), with the other
  /// offers standing to the users it takes out of `ready` withdrawn and offered on, as a tick
  /// does (`offerWork(after:)`). A note is cleared
  /// only when its case histories hold every expiry it names: an expiry not there yet may be
  /// the append of a tick still running, whose note is the tick's to clear (a tick clears the
  /// notes of killed ticks whatever they name, and expires afresh the offers never expired).
  public func settlePendingRONAs() throws(ServiceError) {
    let notes = try pendingRONAs()
    guard !notes.isEmpty else { return }
    let owed = try owedRONAs(notes)
    if !owed.isEmpty { _ = try offerWork(after: [], owing: owed, try directory.workgroups()) }
    let made = Set(owed)
    try clearPendingRONAs(notes.filter { $0.ronas.allSatisfy(made.contains) }.map(\.note))
  }

  /// The RONAs of `notes` whose offer's expiry their case's history holds: those a tick made
  /// the case append of and may not have made the RONA of. A RONA whose expiry is not there was
  /// never appended; the offer's timer is still due, and a tick expires it afresh. A damaged
  /// case is passed to `damageFound` and owes none, as an id that names no case: its history cannot
  /// say.
  func owedRONAs(_ notes: [(note: String, ronas: [PendingRONA])]) throws(ServiceError) -> [PendingRONA] {
    var histories: [String: [CaseEvent]] = [:]
    var owed: [PendingRONA] = []
    for rona in notes.flatMap(\.ronas) {
      if histories[rona.caseID] == nil {
        do throws(ServiceError) {
          histories[rona.caseID] =
            try ServiceError.wrap { () throws(RepositoryError) in try repository.history(of: rona.caseID) } ?? []
        } catch {
          switch error {
          case .repository(.damaged(let damage)): damageFound?(damage)
          case .refused(.invalidID): break
          default: throw error
          }
          histories[rona.caseID] = []
        }
      }
      let expired = histories[rona.caseID]?.contains { event in
        if case .offerExpired(rona.task, rona.user) = event.change { true } else { false }
      }
      if expired == true { owed.append(rona) }
    }
    return owed
  }

  /// Removes `notes` once their RONAs are made.
  func clearPendingRONAs(_ notes: [String]) throws(ServiceError) {
    guard let presence else { return }
    for note in notes {
      try ServiceError.wrap { () throws(RepositoryError) in try presence.clearPendingRONAs(note) }
    }
  }
}
