public import DCMCCalendar
public import DCMCRuntime
import Foundation

extension CaseStore {
  /// Every case, from the derived states (one file each), and from its history when it has
  /// no state file.
  public func cases() throws(CaseStoreError) -> [CaseState] {
    let directory = store.root + "/states"
    let entries = try wrap { () throws(StoreError) in try store.fileSystem.list(directory) }
    var states: [CaseState] = []
    for entry in entries where !entry.isDirectory && entry.name.hasSuffix(".json") && !entry.name.hasPrefix(".") {
      guard let id = try? StoreID(String(entry.name.dropLast(5))),
        let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.statePath(id)) }),
        let state = try? JSONDecoder().decode(CaseState.self, from: Data(bytes))
      else { continue }
      states.append(state)
    }
    // A case without a readable state file (a crash between its first append and the
    // state's replace, or a failure reported there) is rebuilt from its history; one whose
    // history is damaged too is left to store verify.
    let listed = Set(states.map(\.id))
    for stream in try wrap({ () throws(StoreError) in try store.streams() }) where !listed.contains(stream.rawValue) {
      if let state = try? readCase(stream) { states.append(state) }
    }
    return states.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
  }

  /// Fires every timer due at `now` on every case, earliest case first; returns the cases
  /// that changed.
  /// A tick before the last one is refused: time does not run backwards, and nothing fires.
  ///
  /// Each due case is one command (one append). `tick.json` is written after them, so a tick
  /// that fails before any case's append leaves the store as it was; one that fails later
  /// keeps the cases it ticked, and a retry at the same instant fires the rest.
  public func tick(by user: String?, at now: Instant) throws(CaseStoreError) -> [CaseState] {
    if let last = try lastTick(), now < last {
      throw .refused(
        Refusal(.wrongState, "time does not run backwards: the last tick was at \(last), this one is at \(now)"))
    }
    var changed: [CaseState] = []
    for state in try cases() where (state.timers.first?.due).map({ $0 <= now }) ?? false {
      changed.append(try execute(.tick, onCase: state.id, by: user, at: now))
    }
    do throws(CaseStoreError) {
      try locked { transaction throws(CaseStoreError) in
        // Only forward: a later tick may have finished meanwhile.
        if let last = try lastTick(), now <= last { return }
        let bytes = Self.json(["last": now.description])
        try wrap { () throws(StoreError) in try transaction.replace(Self.tickPath, with: bytes) }
      }
    } catch {
      // Once a case's append is done the tick has happened: tick.json is left behind.
      guard !changed.isEmpty, case .store(let failure) = error else { throw error }
      derivedFileFailed?(failure)
    }
    return changed
  }

  private func lastTick() throws(CaseStoreError) -> Instant? {
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.tickPath) }
    guard let bytes, let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String],
      let text = object["last"]
    else { return nil }
    return Timestamp(text)?.instant
  }

  static let tickPath = StorePath([StoreID(derived: "tick.json")])

  /// What `store verify` finds: each case replayed from its history and compared with its
  /// derived state.
  public func verify() throws(CaseStoreError) -> (cases: Int, problems: [String]) {
    var problems: [String] = []
    let streams = try wrap { () throws(StoreError) in try store.streams() }
    for stream in streams {
      let events: [CaseEvent]?
      do {
        events = try history(of: stream)
      } catch {
        problems.append("case '\(stream)': \(error)")
        continue
      }
      guard let events, let replayed = CaseState.replay(events) else {
        problems.append("case '\(stream)': its history does not start with the case's creation")
        continue
      }
      if events.map(\.seq) != Array(1...events.count) {
        problems.append("case '\(stream)': event numbers are not 1 to \(events.count)")
      }
      let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.statePath(stream)) }
      guard let bytes, let stored = try? JSONDecoder().decode(CaseState.self, from: Data(bytes)) else {
        problems.append("case '\(stream)': states/\(stream).json is missing or unreadable")
        continue
      }
      if stored != replayed {
        problems.append(
          "case '\(stream)': states/\(stream).json (event \(stored.version)) differs from its history (event \(replayed.version))")
      }
    }
    return (streams.count, problems)
  }
}
