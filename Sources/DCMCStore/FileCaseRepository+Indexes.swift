import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// The runtime's derived indexes, all rebuildable from the histories:
/// `timers/<yyyymmdd>/<hhmm>/<case id>` files the case's next timer (UTC, to the minute),
/// so `tick` reads only the minutes that are due; `workbins/<target>/<task id>` files each
/// active task in its workbin, so `task list` and `task next` read only the workbins asked;
/// `queues/<target>/...` files each queued task by urgency and `holders/<user>/<task id>` each
/// task by whose capacity it takes (`FileCaseRepository+Queues.swift`), so push offers read
/// only the tasks they make offers of; `open/<case id>` files each case not finished
/// (`FileCaseRepository+OpenCases.swift`), so the reports read only those; `by-customer/<customer id>/<case id>` files each case
/// under the customer record it is linked to (`FileCaseRepository+CustomerCases.swift`), so a
/// customer's cases are read alone; `created/<yyyymmdd>/<hhmm>/<ss>/<case id>` files each case
/// under the second it was created in (`FileCaseRepository+CreatedCases.swift`), so a page of
/// the case list reads only the cases it passes.
extension FileCaseRepository {
  var timerIndex: EntryIndex { EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/timers") }
  var workbinIndex: EntryIndex {
    EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/workbins", keptLevels: 1)
  }

  /// `["20260303", "1200"]`: the minute bucket of an instant, in UTC.
  static func timerKey(_ instant: Instant) -> [StoreID] {
    let seconds = instant.secondsSinceEpoch
    let second = (seconds % 86_400 + 86_400) % 86_400
    let date = LocalDate(dayNumber: (seconds - second) / 86_400)
    return [
      StoreID(derived: digits(date.year, 4) + digits(date.month, 2) + digits(date.day, 2)),
      StoreID(derived: digits(second / 3600, 2) + digits(second % 3600 / 60, 2)),
    ]
  }

  /// `value` in decimal, padded with zeros to `width` digits (`value` is not negative).
  static func digits(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  /// The minute of the next timer of `state`, if it has one.
  static func timerKey(of state: CaseState?) -> [StoreID]? {
    state.flatMap { $0.timers.first.map { timerKey($0.due) } }
  }

  /// What a case puts in the indexes.
  struct IndexEntries: Equatable, Sendable {
    var timer: [StoreID]?
    /// `[target, task id]` of each active task.
    var workbin: Set<[StoreID]>
    /// `[target, priority, day, minute, entry]` of each queued task (`queueEntry(of:)`).
    var queue: Set<[StoreID]>
    /// `[user, task id]` of each task that takes someone's capacity (`TaskState.holder`).
    var holder: Set<[StoreID]>
    /// The customer record the case is linked to.
    var customer: StoreID?
    /// `[case id]` while the case is not finished (`open/`).
    var open: Set<[StoreID]>
    /// `[day, minute, second, case id]` of its creation (`created/`).
    var created: Set<[StoreID]>

    /// The entries of the task indexes (`taskIndexes`), in their order.
    static let tasks: [KeyPath<IndexEntries, Set<[StoreID]>> & Sendable] = [
      \.workbin, \.queue, \.holder, \.open, \.created,
    ]

    /// Refuses a case whose targets or tasks cannot name a file (a target `../x` from a
    /// forged bundle): their entries would be paths outside the index.
    init(_ state: CaseState?) throws(RepositoryError) {
      timer = FileCaseRepository.timerKey(of: state)
      (workbin, queue, holder) = ([], [], [])
      for task in state?.activeTasks ?? [] {
        let (target, id) = (try FileCaseRepository.id(task.target), try FileCaseRepository.id(task.id))
        workbin.insert([target, id])
        if task.status == .queued { queue.insert([target] + FileCaseRepository.queueEntry(of: task.urgency, id: id)) }
        if let user = task.holder { holder.insert([try FileCaseRepository.id(user), id]) }
      }
      customer = try state?.customer.map { id throws(RepositoryError) in try FileCaseRepository.id(id) }
      open = []
      if let state, state.status != .closed, state.status != .cancelled { open = [[try FileCaseRepository.id(state.id)]] }
      created = try state.map { state throws(RepositoryError) in
        [FileCaseRepository.createdKey(state.createdAt) + [try FileCaseRepository.id(state.id)]]
      } ?? []
    }
  }

  /// One command's change of a case, as the indexes see it: made once (a class: a batch's
  /// lists share it, not copy it), before the store's lock for a prepared change
  /// (`PreparedCaseChange`), with every task index's entries added and removed.
  final class IndexChange: Sendable {
    let before: CaseState?
    let after: CaseState
    /// The case's id: the name of its timer entry.
    let id: StoreID
    let old: IndexEntries
    let new: IndexEntries
    /// `added(_:)` and `removed(_:)` of each task index, in `IndexEntries.tasks`' order.
    private let additions: [[[StoreID]]]
    private let removals: [[[StoreID]]]

    init(before: CaseState?, after: CaseState) throws(RepositoryError) {
      (self.before, self.after) = (before, after)
      id = try FileCaseRepository.id(after.id)
      let (old, new) = (try IndexEntries(before), try IndexEntries(after))
      (self.old, self.new) = (old, new)
      additions = IndexEntries.tasks.map { Self.entries(of: new, without: old, $0) }
      removals = IndexEntries.tasks.map { Self.entries(of: old, without: new, $0) }
    }

    /// The entries of `entries` in `these` that `those` lacks, in order.
    private static func entries(
      of these: IndexEntries, without those: IndexEntries, _ entries: KeyPath<IndexEntries, Set<[StoreID]>>
    ) -> [[StoreID]] {
      these[keyPath: entries].subtracting(those[keyPath: entries]).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The timer entry `after` needs and `before` lacks.
    var addedTimer: [StoreID]? {
      guard let key = new.timer, key != old.timer else { return nil }
      return key
    }
    /// The entries of a task index (`taskIndexes`) `after` needs and `before` lacks: `[key..., name]`.
    /// (Made in `init` for the task indexes; any other entries are compared when asked.)
    func added(_ entries: KeyPath<IndexEntries, Set<[StoreID]>>) -> [[StoreID]] {
      guard let position = IndexEntries.tasks.firstIndex(where: { $0 == entries }) else {
        return Self.entries(of: new, without: old, entries)
      }
      return additions[position]
    }
    /// The entries of a task index `before` has and `after` no longer needs.
    func removed(_ entries: KeyPath<IndexEntries, Set<[StoreID]>>) -> [[StoreID]] {
      guard let position = IndexEntries.tasks.firstIndex(where: { $0 == entries }) else {
        return Self.entries(of: old, without: new, entries)
      }
      return removals[position]
    }
    /// The customer record `after` is filed under and `before` is not.
    var addedCustomer: StoreID? {
      guard let customer = new.customer, customer != old.customer else { return nil }
      return customer
    }
  }

  /// The indexes that file tasks, each entry `[key..., name]`, with what a case puts in each;
  /// and the open cases' (`open/`), whose entries are `[case id]`, and the cases' by creation
  /// (`created/`), `[day, minute, second, case id]`.
  var taskIndexes: [(index: EntryIndex, entries: KeyPath<IndexEntries, Set<[StoreID]>>)] {
    zip([workbinIndex, queueIndex, holderIndex, openIndex, createdIndex], IndexEntries.tasks).map { ($0, $1) }
  }

  /// Adds the entries of each `after` that its `before` lacks, each touched directory
  /// flushed once: done before the commands' appends. An added entry reuses the file of an
  /// entry its command removes after the append (the case's previous timer, a task that
  /// ended), when there is one.
  func addEntries(_ changes: [IndexChange]) throws(StoreError) {
    try flushDirectories(insertEntries(changes))
  }

  /// Makes the entries of `directories` durable (`fsync` of each), before the appends they index.
  func flushDirectories(_ directories: [String]) throws(StoreError) {
    for path in directories { try io(store.fileSystem.synchronizeDirectory(path)) }
  }

  /// Makes what a batch wrote before its appends durable, in one flush: the facts journal's
  /// lines (`journal`: the store keeps facts and this change's lines are not `again`), the
  /// entries added to `directories` (each one a directory an entry was made in during this
  /// change, once) and the new logs' temporary files (`staged`, `LogBatch.stage`). The journal
  /// and at most one directory each get their own flush (the journal's `fdatasync`, the
  /// directory's `fsync`); more directories, or any new log, get one `syncfs`. A `syncfs`
  /// waits for the disk once where a flush of each file waits once per file, but it writes
  /// back every dirty file of the file system first (this store's state caches, summaries and
  /// day files, and any other program's), so the journal and one directory (an assignment
  /// to a user's existing holder directory) get the two small flushes, which write back only
  /// their own files and took a fifth less system time in the runtime benchmark
  /// (`docs/performance.md`, "Branch `storewrite2`"). The logs are changed only after it
  /// returns, so it never makes an append durable before the journal and entries that must
  /// precede it.
  func flushBeforeAppends(
    journal: FactsJournal?, directories: [String], staged: Bool, _ transaction: StoreTransaction
  ) throws(StoreError) {
    guard !staged, directories.count <= 1 else { return try transaction.synchronizeFileSystem() }
    try journal?.flush()
    try flushDirectories(directories)
  }

  /// `addEntries(_:)` without the flushes: returns the directories to flush (`flushDirectories`).
  ///
  /// A batch of at least `splitEntries` entries is made on two threads (`HelperThread`): the
  /// indexes in two halves of about as many entries each, one half on the helper while the
  /// caller makes the other, each half's entries sharing an inode of their own. The halves
  /// write different directories (ext4 serializes the entries made in one directory on its
  /// lock), and both have ended when this returns or throws: a failure of either is the
  /// batch's, whose caller takes back every change's entries (`undoEntries`), whichever half
  /// made them. What is written, and that all of it precedes the flush, is as on one thread.
  func insertEntries(_ changes: [IndexChange]) throws(StoreError) -> [String] {
    let additions = entriesToAdd(changes)
    guard additions.reduce(0, { $0 + $1.additions.count }) >= Self.splitEntries else {
      return try Self.insert(additions).get()
    }
    let (mine, theirs) = Self.halves(additions)
    let made = helperThread.run({ Self.insert(theirs) }, alongside: { Self.insert(mine) })
    return try made.mine.get() + made.theirs.get()
  }

  /// The fewest entries a batch makes on two threads (`insertEntries`): fewer take less time
  /// on the caller alone than the helper takes to wake (`docs/performance.md`, branch `split`).
  static let splitEntries = 16

  /// The entries `changes` add, by index (timers, the task indexes, the customers'), each with
  /// the file of an entry its change removes after the append, when there is one (`donor`).
  private func entriesToAdd(_ changes: [IndexChange]) -> [(index: EntryIndex, additions: [EntryIndex.Addition])] {
    var timers: [EntryIndex.Addition] = []
    let indexes = taskIndexes
    var tasks = Array(repeating: [EntryIndex.Addition](), count: indexes.count)
    var customers: [EntryIndex.Addition] = []
    for change in changes {
      let (old, new) = (change.old, change.new)
      var donors: [String] = indexes.flatMap { index, entries in
        change.removed(entries).map { index.path(of: $0[$0.count - 1], under: Array($0.dropLast())) }
      }
      if let key = old.timer, key != new.timer { donors.append(timerIndex.path(of: change.id, under: key)) }
      if let key = old.customer, key != new.customer {
        donors.append(customerCaseIndex.path(of: change.id, under: [key]))
      }
      if let key = change.addedTimer { timers.append(.init(entry: change.id, key: key, donor: donors.popLast())) }
      for (position, (_, entries)) in indexes.enumerated() {
        for entry in change.added(entries) {
          tasks[position].append(.init(entry: entry[entry.count - 1], key: Array(entry.dropLast()), donor: donors.popLast()))
        }
      }
      if let key = change.addedCustomer {
        customers.append(.init(entry: change.id, key: [key], donor: donors.popLast()))
      }
    }
    return [(timerIndex, timers)] + zip(indexes.map(\.index), tasks).map { ($0, $1) } + [(customerCaseIndex, customers)]
  }

  /// `additions` split by index in two parts of about as many entries each (the largest index
  /// first, each to the part with fewer), each part in the indexes' order.
  private static func halves(_ additions: [(index: EntryIndex, additions: [EntryIndex.Addition])])
    -> (mine: [(index: EntryIndex, additions: [EntryIndex.Addition])],
        theirs: [(index: EntryIndex, additions: [EntryIndex.Addition])])
  {
    var (mine, theirs) = (Set<Int>(), Set<Int>())
    var (ours, others) = (0, 0)
    for position in additions.indices.sorted(by: { additions[$0].additions.count > additions[$1].additions.count }) {
      if ours <= others {
        mine.insert(position)
        ours += additions[position].additions.count
      } else {
        theirs.insert(position)
        others += additions[position].additions.count
      }
    }
    return (
      additions.indices.filter(mine.contains).map { additions[$0] },
      additions.indices.filter(theirs.contains).map { additions[$0] }
    )
  }

  /// Makes `additions` in order, their entries sharing one inode (`EntryIndex.insert(_:sharing:)`):
  /// the directories changed, or the first failure (the entries made before it stay, for the
  /// caller to take back).
  private static func insert(_ additions: [(index: EntryIndex, additions: [EntryIndex.Addition])])
    -> Result<[String], StoreError>
  {
    var shared: String?
    var directories: [String] = []
    do throws(StoreError) {
      for (index, entries) in additions { directories += try index.insert(entries, sharing: &shared) }
    } catch {
      return .failure(error)
    }
    return .success(directories)
  }

  /// Takes back what `addEntries` added for commands whose appends failed (best effort: an
  /// entry left behind points at nothing due and is dropped by its reader).
  func undoEntries(_ changes: [IndexChange]) {
    for change in changes {
      if let key = change.addedTimer { try? timerIndex.takeBack(change.id, under: key) }
      for (index, entries) in taskIndexes {
        for entry in change.added(entries) { try? index.takeBack(entry[entry.count - 1], under: Array(entry.dropLast())) }
      }
      if let key = change.addedCustomer { try? customerCaseIndex.takeBack(change.id, under: [key]) }
    }
    for index in [timerIndex, customerCaseIndex] + taskIndexes.map(\.index) { index.removeIfEmpty() }
  }

  /// Removes the entries of `before` that `after` no longer has: done after the append. A new
  /// case had none (nothing is built for it: a round of creates calls this once a case).
  func removeEntries(_ change: IndexChange) throws(StoreError) {
    guard change.before != nil else { return }
    let (old, new) = (change.old, change.new)
    if let key = old.timer, key != new.timer { try timerIndex.remove(change.id, under: key) }
    for (index, entries) in taskIndexes {
      for entry in change.removed(entries) { try index.remove(entry[entry.count - 1], under: Array(entry.dropLast())) }
    }
    if let key = old.customer, key != new.customer { try customerCaseIndex.remove(change.id, under: [key]) }
  }

  /// The ids of the cases whose next timer falls in a minute at or before `now`'s, earliest
  /// minute first.
  func casesWithTimers(until now: Instant) throws(StoreError) -> [(key: [StoreID], cases: [StoreID])] {
    let limit = Self.timerKey(now)
    var due: [(key: [StoreID], cases: [StoreID])] = []
    for day in try timerIndex.names(under: []) where day <= limit[0] {
      for minute in try timerIndex.names(under: [day]) where [day, minute].lexicographicallyPrecedes(limit) || [day, minute] == limit {
        due.append(([day, minute], try timerIndex.names(under: [day, minute])))
      }
    }
    return due
  }

  /// The ids of the active tasks in `target`'s workbin.
  func workbin(_ target: String) throws(StoreError) -> [StoreID] {
    guard let id = try? StoreID(target) else { return [] }
    return try workbinIndex.names(under: [id])
  }

  /// Every workbin that has tasks.
  func workbins() throws(StoreError) -> [StoreID] { try workbinIndex.names(under: []) }
}
