public import DCMCApplication
public import DCMCCalendar
public import DCMCRuntime

extension FileCaseRepository {
  /// Every case, rebuilt from its history (the derived states are caches for people and
  /// for `store verify`), oldest first.
  public func cases(_ filter: CaseFilter) throws(RepositoryError) -> [CaseState] {
    var states: [CaseState] = []
    for stream in try wrap({ () throws(StoreError) in try store.streams() }) {
      if let state = try read(stream), filter.matches(state) { states.append(state) }
    }
    return states.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
  }

  public func casesWithTimers(dueBy now: Instant) throws(RepositoryError) -> [String] {
    var seen: Set<String> = []
    var order: [String] = []
    // A case listed under several minutes has entries there that a crash or a moved timer
    // (a resumed SLA) left behind: it is named once, at its earliest.
    for (_, ids) in try wrap({ () throws(StoreError) in try casesWithTimers(until: now) }) {
      for id in ids where seen.insert(id.rawValue).inserted { order.append(id.rawValue) }
    }
    return order
  }

  /// The active tasks of some workbins (all when `targets` is nil), with their cases.
  public func activeTasks(in targets: [String]?) throws(RepositoryError) -> [(task: TaskState, of: CaseState)] {
    var found: [(TaskState, CaseState)] = []
    var cases: [String: CaseState] = [:]
    var all: [String] = []
    if targets == nil { all = try wrap { () throws(StoreError) in try workbins() }.map(\.rawValue) }
    for target in targets ?? all {
      for taskID in try wrap({ () throws(StoreError) in try workbin(target) }).map(\.rawValue) {
        guard let dot = taskID.lastIndex(of: ".") else { continue }
        let caseID = String(taskID[..<dot])
        if cases[caseID] == nil, let stream = try? StoreID(caseID), let state = try read(stream) {
          cases[caseID] = state
        }
        guard let state = cases[caseID], let task = state.task(taskID), task.status.isActive, task.target == target
        else { continue }
        found.append((task, state))
      }
    }
    return found
  }

  /// What `store verify` finds: each case replayed from its history and compared with its
  /// derived state.
  public func verify() throws(RepositoryError) -> (cases: Int, problems: [String]) {
    var problems: [String] = []
    let streams = try wrap { () throws(StoreError) in try store.streams() }
    for stream in streams {
      let events: [CaseEvent]?
      do {
        events = try history(of: stream.rawValue)
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
      var entries: IndexEntries?
      do throws(RepositoryError) { entries = try IndexEntries(replayed) } catch {
        problems.append("case '\(stream)': its tasks cannot be indexed: \(error)")
      }
      if let key = entries?.timer, !((try? timerIndex.names(under: key))?.contains(stream) ?? false) {
        problems.append("case '\(stream)': the timer index has no entry for its next timer (timers/\(StorePath(key)))")
      }
      for entry in (entries?.workbin ?? []).sorted(by: { $0.lexicographicallyPrecedes($1) })
      where !((try? workbinIndex.names(under: [entry[0]]))?.contains(entry[1]) ?? false) {
        problems.append("task '\(entry[1])': missing from workbin '\(entry[0])'")
      }
      // A cache written before states recorded `updated_at` lacks it; the rest must agree.
      var expected = replayed
      if stored.updatedAt == nil { expected.updatedAt = nil }
      if stored != expected {
        problems.append(
          "case '\(stream)': states/\(stream).json (event \(stored.version)) differs from its history (event \(replayed.version))")
      }
    }
    return (streams.count, problems)
  }
}
