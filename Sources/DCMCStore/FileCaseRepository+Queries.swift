public import DCMCApplication
public import DCMCCalendar
public import DCMCRuntime
import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FileCaseRepository {
  /// Every case, rebuilt from its history (the derived states are caches for people and
  /// for `store verify`), oldest first; each damaged case is left out and named, with each
  /// state whose log is missing. The cases of one customer are read through their index
  /// (`cases(ofCustomer:_:)`), the open ones through theirs (`openCases`), and a page
  /// (`CaseFilter.limit`) of any other filter through the index of the cases by creation
  /// (`pagedCases`), which names only the damaged cases the page passes.
  public func cases(_ filter: CaseFilter) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage]) {
    if let customer = filter.customer { return try cases(ofCustomer: customer, filter) }
    if filter.open, let found = try openCases(filter) { return found }
    if let limit = filter.limit, let found = try pagedCases(filter, limit: limit) { return found }
    let streams = try wrap { () throws(StoreError) in try store.streams() }
    var found = try cases(streams, filter)
    // A state listed without its log is damage unless the log is there now: a case created
    // by another process between the two listings.
    for stream in try statesWithoutLogs(Set(streams)) {
      do throws(RepositoryError) { _ = try read(stream) } catch {
        guard let damage = Self.damage(in: error) else { throw error }
        found.damaged.append(damage)
      }
    }
    return found
  }

  /// The cases of `streams` that `filter` matches, its page of them (`CaseFilter.page`), and
  /// those that cannot be read: every case of `streams` is read.
  func cases(_ streams: [StoreID], _ filter: CaseFilter) throws(RepositoryError)
    -> (cases: [CaseState], damaged: [CaseDamage])
  {
    var states: [CaseState] = []
    var damaged: [CaseDamage] = []
    for stream in streams {
      do throws(RepositoryError) {
        if let state = try read(stream), filter.matches(state) { states.append(state) }
      } catch {
        guard let damage = Self.damage(in: error) else { throw error }
        damaged.append(damage)
      }
    }
    return (filter.page(states), damaged)
  }

  /// The cases with a file in `states/` and no log among `streams`, sorted.
  func statesWithoutLogs(_ streams: Set<StoreID>) throws(RepositoryError) -> [StoreID] {
    let entries: [DirectoryEntry]
    do throws(StoreError) {
      entries = try io(store.fileSystem.list(store.root + "/states"))
    } catch {
      if error.code == ENOENT { return [] }
      throw .unavailable(error)
    }
    return entries.compactMap { entry in
      guard !entry.isDirectory, entry.name.hasSuffix(".json"), let id = try? StoreID(String(entry.name.dropLast(5)))
      else { return nil }
      return streams.contains(id) ? nil : id
    }.sorted()
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
  public func activeTasks(in targets: [String]?) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    var found: [(TaskState, CaseState)] = []
    var cases: [String: CaseState] = [:]
    var damaged: [String: CaseDamage] = [:]
    var all: [String] = []
    if targets == nil { all = try wrap { () throws(StoreError) in try workbins() }.map(\.rawValue) }
    for target in targets ?? all {
      for taskID in try wrap({ () throws(StoreError) in try workbin(target) }).map(\.rawValue) {
        guard let dot = taskID.lastIndex(of: ".") else { continue }
        let caseID = String(taskID[..<dot])
        if cases[caseID] == nil, damaged[caseID] == nil, let stream = try? StoreID(caseID) {
          do throws(RepositoryError) { cases[caseID] = try read(stream) } catch {
            guard let damage = Self.damage(in: error) else { throw error }
            damaged[caseID] = damage
          }
        }
        guard let state = cases[caseID], let task = state.task(taskID), task.status.isActive, task.target == target
        else { continue }
        found.append((task, state))
      }
    }
    return (found, damaged.values.sorted { $0.caseID < $1.caseID })
  }
}
