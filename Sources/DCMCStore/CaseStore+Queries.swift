public import DCMCCalendar
public import DCMCRuntime

extension CaseStore {
  /// Every case, rebuilt from its history (the derived states are caches for people and
  /// for `store verify`), oldest first.
  public func cases() throws(CaseStoreError) -> [CaseState] {
    var states: [CaseState] = []
    for stream in try wrap({ () throws(StoreError) in try store.streams() }) {
      if let state = try readCase(stream) { states.append(state) }
    }
    return states.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
  }

  /// Fires every timer due at `now`, reading only the timer index's minutes that are due,
  /// earliest first; returns the cases that changed. A tick before the last one is refused:
  /// time does not run backwards, and nothing fires.
  ///
  /// The whole tick holds the lock once. Every due case is decided before anything is
  /// written, then the index entries of all of them are added (each directory flushed once),
  /// then each case's events are appended (one append, one commit point, per case), and
  /// `tick.json` is written last. A tick that fails before the first append leaves the store
  /// as it was; one that fails later keeps the cases it ticked, and a retry at the same
  /// instant fires the rest.
  public func tick(by user: String?, at now: Instant) throws(CaseStoreError) -> [CaseState] {
    try locked { transaction throws(CaseStoreError) in
      let last = try lastTick()
      if let last, now < last {
        throw .refused(
          Refusal(.wrongState, "time does not run backwards: the last tick was at \(last), this one is at \(now)"))
      }
      // Each due case once; a case listed under several minutes has entries there that a
      // crash or a moved timer (a resumed SLA) left behind.
      var minutes: [String: [[String]]] = [:]
      var order: [String] = []
      for (key, ids) in try wrap({ () throws(StoreError) in try casesWithTimers(until: now) }) {
        for id in ids {
          if minutes[id] == nil { order.append(id) }
          minutes[id, default: []].append(key)
        }
      }
      var due: [(stream: StoreID, history: History, change: IndexChange, events: [CaseEvent])] = []
      var current: [String: CaseState] = [:]
      for id in order {
        guard let stream = try? StoreID(id), let (before, history) = try read(stream) else { continue }
        current[id] = before
        let events = try decided(try engine(for: before), .tick, before, user, now)
        guard !events.isEmpty else { continue }
        var after = before
        for event in events { after.evolve(event) }
        due.append((stream, history, IndexChange(before: before, after: after), events))
      }
      let changes = due.map { $0.change }
      do throws(StoreError) { try addEntries(changes) } catch {
        undoEntries(changes)
        throw .store(error)
      }
      var changed: [CaseState] = []
      for (index, item) in due.enumerated() {
        do throws(StoreError) {
          _ = try transaction.append(values: item.events, to: item.stream, after: item.history)
        } catch {
          // The cases before this one are ticked; this one and the rest are not.
          undoEntries(Array(changes[index...]))
          throw .store(error)
        }
        let after = item.change.after
        changed.append(after)
        current[after.id] = after
        refresh(Self.statePath(item.stream), with: StateCache.encode(after), transaction)
        do throws(StoreError) { try removeEntries(item.change) } catch {
          derivedFileFailed?(error)
        }
      }
      // Entries that point at no case, or at a minute that is no longer the case's next
      // timer, go (a ticked case's previous minute went with its other old entries); they
      // are derived, so failing to remove one fails nothing.
      var removed: [String: [String]] = [:]
      for item in due { removed[item.change.after.id] = item.change.old.timer }
      for id in order {
        let next = current[id].flatMap { IndexEntries($0).timer }
        for key in minutes[id] ?? [] where key != next && key != removed[id] {
          do throws(StoreError) { try timerIndex.remove(id, under: key) } catch { derivedFileFailed?(error) }
        }
      }
      guard last.map({ now > $0 }) ?? true else { return changed }
      do throws(StoreError) {
        try transaction.replace(Self.tickPath, with: Self.json(["last": now.description]))
      } catch {
        // Once a case's append is done the tick has happened: tick.json is left behind.
        guard !changed.isEmpty else { throw .store(error) }
        derivedFileFailed?(error)
      }
      return changed
    }
  }

  /// The active tasks of some workbins (all when `targets` is nil), with their cases.
  public func activeTasks(in targets: [String]?) throws(CaseStoreError) -> [(task: TaskState, of: CaseState)] {
    var found: [(TaskState, CaseState)] = []
    var cases: [String: CaseState] = [:]
    var all: [String] = []
    if targets == nil { all = try wrap { () throws(StoreError) in try workbins() } }
    for target in targets ?? all {
      for taskID in try wrap({ () throws(StoreError) in try workbin(target) }) {
        guard let dot = taskID.lastIndex(of: ".") else { continue }
        let caseID = String(taskID[..<dot])
        if cases[caseID] == nil, let state = try readCase(Self.id(caseID)) { cases[caseID] = state }
        guard let state = cases[caseID], let task = state.task(taskID), task.status.isActive, task.target == target
        else { continue }
        found.append((task, state))
      }
    }
    return found
  }

  private func lastTick() throws(CaseStoreError) -> Instant? {
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.tickPath) }
    guard let bytes, let object = Self.strings(bytes),
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
      guard let bytes, let stored = StateCache.decode(bytes) else {
        problems.append("case '\(stream)': states/\(stream).json is missing or unreadable")
        continue
      }
      let entries = IndexEntries(replayed)
      if let key = entries.timer, !((try? timerIndex.names(under: key))?.contains(replayed.id) ?? false) {
        problems.append(
          "case '\(stream)': the timer index has no entry for its next timer (timers/\(key.joined(separator: "/"))); run 'dcmc store rebuild'")
      }
      for entry in entries.workbin.sorted(by: { $0.lexicographicallyPrecedes($1) })
      where !((try? workbinIndex.names(under: [entry[0]]))?.contains(entry[1]) ?? false) {
        problems.append("task '\(entry[1])': missing from workbin '\(entry[0])'; run 'dcmc store rebuild'")
      }
      if stored != replayed {
        problems.append(
          "case '\(stream)': states/\(stream).json (event \(stored.version)) differs from its history (event \(replayed.version))")
      }
    }
    return (streams.count, problems)
  }
}
