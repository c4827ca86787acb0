import DCMCCalendar
import DCMCRuntime

// The RONA crash window (docs/distribution.md, "Consistency"): an expiry is an append to the
// case's history and its RONA a later append to the user's presence history. A tick notes its
// RONAs (`PresenceRepository.notePendingRONAs`) before its case appends and clears the note
// after its presence appends; a tick killed between the two leaves the note, and the next tick
// makes the RONAs the note names whose expiry the case's history holds, for users whose
// presence has not changed since (`PresenceStep.owedRONA`), then clears it.

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

  /// The RONAs of `notes` whose offer's expiry their case's history holds: those a tick made
  /// the case append of and may not have made the RONA of. A RONA whose expiry is not there was
  /// never appended; the offer's timer is still due, and a tick expires it afresh.
  func owedRONAs(_ notes: [(note: String, ronas: [PendingRONA])]) throws(ServiceError) -> [PendingRONA] {
    var histories: [String: [CaseEvent]] = [:]
    var owed: [PendingRONA] = []
    for rona in notes.flatMap(\.ronas) {
      if histories[rona.caseID] == nil {
        histories[rona.caseID] =
          try ServiceError.wrap { () throws(RepositoryError) in try repository.history(of: rona.caseID) } ?? []
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
