public import DCMCApplication
import DCMCCalendar
public import DCMCRuntime

/// The indexes push offers read instead of whole workbins (SPEC section 15):
///
/// `queues/<target>/<priority>/<day>/<minute>/<entry>` files each queued task of a workbin so
/// that names sort most urgent first (`Urgency`) at every level: `<priority>` is 2·10⁹ less
/// the priority, in 10 digits (highest first); `<day>` is `a<yyyymmdd>` of the OLA due time,
/// or `b<yyyymmdd>` of the creation for a task without OLA (after every task with one);
/// `<minute>` is `<hhmm>` of the same instant (UTC); the entry is
/// `<due>-<created>-<task id>`, each instant in 12 digits of seconds since 0001-01-01 (the
/// creation twice for a task without OLA). The urgency's time shards bound each directory by
/// the tasks queued for one minute, so the most urgent tasks are found by listing a few small
/// directories, never the 100,000 names of a long queue.
///
/// `holders/<user>/<task id>` files each task by the user whose capacity it takes (its
/// assignee while in hand, the user it is offered to while offered), so a user's load is read
/// from their own tasks.
extension FileCaseRepository {
  var queueIndex: EntryIndex {
    EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/queues", keptLevels: 1)
  }
  var holderIndex: EntryIndex {
    EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/holders", keptLevels: 1)
  }

  /// `[priority, day, minute, entry]` of the task of `urgency`, whose id is `id`, in its
  /// workbin's queue.
  static func queueEntry(of urgency: Urgency, id: StoreID) -> [StoreID] {
    let origin = Instant.supported.lowerBound.secondsSinceEpoch
    func seconds(_ instant: Instant) -> String { digits(max(0, instant.secondsSinceEpoch - origin), 12) }
    let priority = digits(2_000_000_000 - min(max(urgency.priority, -1_000_000_000), 1_000_000_000), 10)
    let (shard, instant) = urgency.olaDue.map { ("a", $0) } ?? ("b", urgency.createdAt)
    let minute = timerKey(instant)
    return [
      StoreID(derived: priority), StoreID(derived: shard + minute[0].rawValue), minute[1],
      StoreID(derived: seconds(instant) + "-" + seconds(urgency.createdAt) + "-" + id.rawValue),
    ]
  }

  /// The task id a queue entry names: what follows its two instants.
  static func queuedTaskID(_ entry: StoreID) -> String { String(entry.rawValue.dropFirst(26)) }

  public func queuedTasks(in target: String, after position: Urgency?, limit: Int) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    guard let workbin = try? StoreID(target), limit > 0 else { return ([], []) }
    var cursor: [StoreID]?
    if let position, let id = try? StoreID(position.task) { cursor = Self.queueEntry(of: position, id: id) }
    var found: [(task: TaskState, of: CaseState)] = []
    var cases: [String: CaseState] = [:]
    var damaged: [String: CaseDamage] = [:]
    while found.count < limit {
      let wanted = limit - found.count
      let entries = try wrap { () throws(StoreError) in try queueEntries(of: workbin, after: cursor, limit: wanted) }
      for entry in entries {
        let taskID = Self.queuedTaskID(entry[3])
        guard let dot = taskID.lastIndex(of: "."), let id = try? StoreID(taskID) else { continue }
        let caseID = String(taskID[..<dot])
        if cases[caseID] == nil, damaged[caseID] == nil, let stream = try? StoreID(caseID) {
          do throws(RepositoryError) { cases[caseID] = try read(stream) } catch {
            guard let damage = Self.damage(in: error) else { throw error }
            damaged[caseID] = damage
          }
        }
        // An entry a crash left behind, or filed under the urgency the task had before, is not
        // the task's place: the entry its state makes is.
        guard let state = cases[caseID], let task = state.task(taskID), task.status == .queued,
          task.target == target, Self.queueEntry(of: task.urgency, id: id) == entry
        else { continue }
        found.append((task, state))
      }
      guard entries.count == wanted, let last = entries.last else { break }
      cursor = last
    }
    return (found, damaged.values.sorted { $0.caseID < $1.caseID })
  }

  /// Up to `limit` entries `[priority, day, minute, entry]` of `workbin`'s queue after `cursor`,
  /// in order: only the directories up to the last entry given are listed.
  func queueEntries(of workbin: StoreID, after cursor: [StoreID]?, limit: Int) throws(StoreError) -> [[StoreID]] {
    var found: [[StoreID]] = []
    func walk(_ key: [StoreID], bounded: Bool) throws(StoreError) {
      let depth = key.count - 1
      for name in try queueIndex.names(under: key) {
        guard found.count < limit else { return }
        if bounded, let cursor, name < cursor[depth] || (depth == 3 && name == cursor[3]) { continue }
        if depth == 3 {
          found.append(Array(key.dropFirst()) + [name])
        } else {
          try walk(key + [name], bounded: bounded && name == cursor?[depth])
        }
      }
    }
    try walk([workbin], bounded: cursor != nil)
    return found
  }

  public func heldTasks(of user: String) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    guard let holder = try? StoreID(user) else { return ([], []) }
    var found: [(task: TaskState, of: CaseState)] = []
    var damaged: [CaseDamage] = []
    for id in try wrap({ () throws(StoreError) in try holderIndex.names(under: [holder]) }).map(\.rawValue) {
      guard let dot = id.lastIndex(of: "."), let stream = try? StoreID(String(id[..<dot])) else { continue }
      do throws(RepositoryError) {
        if let state = try read(stream), let task = state.task(id), task.holder == user { found.append((task, state)) }
      } catch {
        guard let damage = Self.damage(in: error) else { throw error }
        damaged.append(damage)
      }
    }
    return (found, damaged)
  }
}
