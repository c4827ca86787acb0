import DCMCApplication
import DCMCJSON
import DCMCRuntime

/// How the file store tells a damaged case from a healthy one: a state cache records how far
/// its history went (`HistoryChain`), so a log shorter than that, missing, or other than what
/// the state was made from is damage; so is a corrupt log, or one that is another case's.
extension FileCaseRepository {
  /// The state cache of case `id` when it is whole and is this case's; `nil` otherwise (no
  /// cache, or one a crash left torn: readers then replay the history).
  func cache(of id: StoreID) throws(RepositoryError) -> StateCache.Contents? {
    guard let bytes = try derivedContents(Self.statePath(id)),
      let cached = StateCache.read(bytes), cached.state.id == id.rawValue
    else { return nil }
    return cached
  }

  /// The chain the state cache of `id` records, when it is whole and this case's
  /// (`StateCache.history`: its state is not decoded), and the cache's length (`nil`: there is
  /// no cache), which lets the append that rewrites it leave out the `ftruncate`.
  func recordedHistory(of id: StoreID) throws(RepositoryError) -> (chain: HistoryChain?, length: Int?) {
    let bytes = try derivedContents(Self.statePath(id))
    return (bytes.flatMap { StateCache.history($0, of: id.rawValue) }, bytes?.count)
  }

  /// The history sequence number a cache says its state was made from.
  static func recorded(_ cached: StateCache.Contents) -> Int { cached.history?.sequence ?? cached.state.version }

  /// The damage of a log that ends (complete commands) at `end` while its state recorded more
  /// events; `nil` when the log reaches what the state recorded. A crash never leaves this: a
  /// state is written only after its events are flushed.
  static func loss(_ id: StoreID, end: Int, _ cached: StateCache.Contents) -> CaseDamage? {
    loss(id, end: end, recorded: recorded(cached), by: "its state")
  }

  /// The damage of a log that ends at `end` while a derived record (`by`) recorded more.
  static func loss(_ id: StoreID, end: Int, recorded: Int, by: String) -> CaseDamage? {
    guard end < recorded else { return nil }
    return CaseDamage(
      caseID: id.rawValue, problem: CaseDamage.lost(Store.logPath(id).description, end: end, recorded: recorded, by: by))
  }

  /// What the line of a customer's case summaries is called when it is the evidence.
  static let summariesEvidence = "its customer's case summaries"

  /// The damage of case `id`'s history by what was derived from it: its state cache (`cached`)
  /// first, then the furthest line of its customers' case summaries (`line`,
  /// `summaryHistories`) when that goes further than the cache (or there is none): a
  /// history shorter than either recorded, or other than the one either was made from. Both
  /// are written only after their events were flushed, so no crash leaves this.
  static func historyDamage(_ id: StoreID, _ history: History, _ cached: StateCache.Contents?, line: HistoryChain?)
    -> CaseDamage?
  {
    if let cached, let damage = loss(id, end: history.lastSequence, cached) ?? divergence(id, history, cached) {
      return damage
    }
    guard let line, line.sequence > (cached.map(recorded) ?? 0) else { return nil }
    return historyProblem(Store.logPath(id).description, history, recorded: line, by: summariesEvidence).map {
      CaseDamage(caseID: id.rawValue, problem: $0)
    }
  }

  /// The rule for every history of which a record written after its appends says how far it
  /// went (`recorded`, by the record `by`; `log`: the history's path, for the words): a history
  /// that ends before `recorded` lost acknowledged events, one that reaches it with another
  /// chain there is not the history the record was made from. `nil`: the history holds at
  /// least what was recorded. Used for cases (a customer's case summaries line) and for
  /// customer histories (their head, `CustomerHead`).
  static func historyProblem(_ log: String, _ history: History, recorded: HistoryChain, by: String) -> String? {
    if history.lastSequence < recorded.sequence {
      return CaseDamage.lost(log, end: history.lastSequence, recorded: recorded.sequence, by: by)
    }
    return diverges(history, from: recorded) ? CaseDamage.differs(log, recorded: recorded.sequence, by: by) : nil
  }

  /// Whether `history` reaches `recorded` but its chain differs there.
  static func diverges(_ history: History, from recorded: HistoryChain) -> Bool {
    recorded.sequence > 0 && recorded.sequence <= history.lastSequence
      && HistoryChain(history.records.prefix(recorded.sequence)) != recorded
  }

  /// The damage of a case whose state exists without its log.
  static func missingLog(_ id: StoreID, _ cached: StateCache.Contents) -> CaseDamage {
    CaseDamage(
      caseID: id.rawValue,
      problem: CaseDamage.missing(Store.logPath(id).description, recorded: recorded(cached), by: "its state"))
  }

  /// A failure to read case `id`'s history, as damage of that case when the log holds damage
  /// (corrupt, malformed) or is not a regular file (a directory, a link, a FIFO); a failure of
  /// the store itself (I/O) stays one.
  static func damaged(_ id: StoreID, _ error: StoreError) -> RepositoryError {
    switch error {
    case .corruptHistory, .malformedRecord: .damaged(CaseDamage(caseID: id.rawValue, problem: "\(error)"))
    case .file(let file) where file.isNotRegularFile:
      .damaged(CaseDamage(caseID: id.rawValue, problem: notRegular(Store.logPath(id).description, file)))
    default: .unavailable(error)
    }
  }

  /// The case replayed from its whole history; damage when the history does not make case `id`,
  /// or is not the history `cached` recorded (its chain differs at the recorded sequence).
  func replay(_ id: StoreID, checking cached: StateCache.Contents?) throws(RepositoryError) -> CaseState? {
    let history: History
    do throws(StoreError) {
      guard let read = try store.history(of: id) else { return nil }
      history = read
    } catch {
      throw Self.damaged(id, error)
    }
    if let cached, let differs = Self.divergence(id, history, cached) { throw .damaged(differs) }
    let events: [CaseEvent]
    do throws(StoreError) { events = try Self.events(history, of: id) } catch { throw Self.damaged(id, error) }
    guard let state = CaseState.replay(events) else {
      throw .damaged(
        CaseDamage(caseID: id.rawValue, problem: "\(Store.logPath(id)) does not start with the case's creation"))
    }
    guard state.id == id.rawValue else { throw .damaged(Self.otherCase(id, state.id)) }
    return state
  }

  /// The damage of case `id` whose log holds case `owner`'s history (copied or swapped in):
  /// `streams/TEC-000004.log holds case TEC-000003's history`.
  static func otherCase(_ id: StoreID, _ owner: String) -> CaseDamage {
    CaseDamage(caseID: id.rawValue, problem: "\(Store.logPath(id)) holds case \(StoreError.printable(owner))'s history")
  }

  /// The damage of case `id`'s log when more bytes follow its last complete command than a
  /// crash leaves (`History.maximumTornBytes`): `nil` for a torn tail within it. The next
  /// append would cut them as a torn tail, so they are named before one does.
  static func oversizedTail(_ id: StoreID, _ history: History) -> CaseDamage? {
    guard history.tornBytes > History.maximumTornBytes else { return nil }
    return CaseDamage(
      caseID: id.rawValue,
      problem: "\(Store.logPath(id)) holds \(history.tornBytes) bytes after its last record (event "
        + "\(history.lastSequence), which ends at byte \(history.validLength)), more than a crash leaves "
        + "(\(History.maximumTornBytes) at most): the case's next change would cut them; look at them, then cut "
        + "the log back to \(history.validLength) bytes or restore it from a backup")
  }

  /// The case whose creation `history` starts with, when it is another than `id` (a log
  /// copied or swapped from another case): its events name that case's tasks, so decoding them
  /// as `id`'s would fail on the first that does (`'TEC-000003.1' is not a task id of case
  /// 'TEC-000004'`) and hide what happened. `nil` when its first record names `id`, or no case.
  static func owner(of history: History, otherThan id: StoreID) -> String? {
    guard let first = history.records.first,
      case .object(let members)? = try? JSONValue.parse(first.payload, limits: .store),
      case .string(CaseChange.Kind.caseCreated.rawValue)? = members.first(where: { $0.0 == "type" })?.1,
      case .string(let owner)? = members.first(where: { $0.0 == "case" })?.1, owner != id.rawValue
    else { return nil }
    return owner
  }

  /// The events of case `id`'s history.
  static func events(_ history: History, of id: StoreID) throws(StoreError) -> [CaseEvent] {
    try history.decode { json throws(JSONShapeError) in try CaseEvent(json: json, caseID: id.rawValue) }
  }

  /// The damage of a log that reaches what its state recorded but is not the history the
  /// state was made from (its chain differs there): an edited log, or another case's.
  static func divergence(_ id: StoreID, _ history: History, _ cached: StateCache.Contents) -> CaseDamage? {
    cached.history.flatMap { divergence(id, history, recorded: $0, by: "its state") }
  }

  /// The damage of a log that reaches `recorded` but whose chain differs there from what a
  /// derived record (`by`) recorded.
  static func divergence(_ id: StoreID, _ history: History, recorded: HistoryChain, by: String) -> CaseDamage? {
    diverges(history, from: recorded) ? divergence(id, recorded, by: by) : nil
  }

  static func divergence(_ id: StoreID, _ recorded: HistoryChain, by: String = "its state") -> CaseDamage {
    CaseDamage(
      caseID: id.rawValue, problem: CaseDamage.differs(Store.logPath(id).description, recorded: recorded.sequence, by: by))
  }

  /// Whether `error` is damage of one case, which a query over many reports and goes past.
  static func damage(in error: RepositoryError) -> CaseDamage? {
    if case .damaged(let damage) = error { return damage }
    return nil
  }
}
