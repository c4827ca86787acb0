public import DCMCCalendar
import DCMCJSON
public import DCMCRuntime

extension CaseStore {
  /// Creates a case on the deployed bundle, idempotently for a `requestID`: a retry with the
  /// same id returns the case the first try made. Returns the new (or found) case.
  public func create(
    type: String, fields: [String: String], customer: String?, requestID: String?, by user: String?, at now: Instant
  ) throws(CaseStoreError) -> CaseState {
    let request = try requestID.map { text throws(CaseStoreError) in try Self.id(text) }
    return try locked { transaction throws(CaseStoreError) in
      if let request, let existing = try requestedCase(request) {
        guard let state = try readCase(existing) else { throw .refused(Refusal(.notFound, "no case '\(existing)'")) }
        return state
      }
      guard let hash = try wrap({ () throws(StoreError) in try deployedHash() }) else {
        throw .notDeployed("nothing is deployed; run 'dcmc deploy' first")
      }
      let engine = Engine(definitions: try definitions(bundle: hash))
      var sequence = try lastSequence(of: type) + 1
      // A sequence file behind its histories (a crash after an append) only costs a retry.
      for _ in 0..<1000 {
        let command = Command.create(type: type, fields: fields, customer: customer, sequence: sequence)
        var events = try decided(engine, command, nil, user, now)
        if let request, case .created(var created) = events.first?.change {
          created.request = request.rawValue
          events[0].change = .created(created)
        }
        guard let state = CaseState.replay(events) else { throw .refused(Refusal(.invalidInput, "no case made")) }
        let id = try Self.id(state.id)
        if try wrap({ () throws(StoreError) in try transaction.history(of: id) }) != nil {
          // A case this request made whose index entry is gone: a create that failed after
          // its append may still have been written (a failed flush leaves the outcome
          // unknown), and the index was put back as it was before it.
          if let request, let taken = try? history(of: id), case .created(let created) = taken.first?.change,
            created.request == request.rawValue, let found = CaseState.replay(taken)
          {
            return found
          }
          sequence += 1
          continue
        }
        // The request is recorded before the case: a crash between the two leaves a request
        // pointing at no case (or at one another request makes later, which the lookup
        // tells apart by the request its creation records), and the retry creates it.
        var indexed: [UInt8]?? = nil
        if let request { indexed = try index(request, to: state.id, transaction) }
        let change = IndexChange(before: nil, after: state)
        do throws(StoreError) {
          try addEntries([change])
          _ = try transaction.append(values: events, to: id)
        } catch {
          // Nothing happened: the index and the entries go back to what they were.
          if let request, case .some(let previous) = indexed {
            restore(Self.requestPath(request), to: previous, transaction)
          }
          undoEntries([change])
          throw .store(error)
        }
        // The append is the commit point: the case exists, whatever happens to the files
        // derived from it.
        refresh(Self.sequencePath(type), with: Self.json(["last": String(sequence)]), transaction)
        refresh(Self.statePath(id), with: StateCache.encode(state), transaction)
        return state
      }
      throw .refused(Refusal(.wrongState, "no free reference for a new '\(type)' case"))
    }
  }

  /// Runs a command on case `id` and returns the case after it.
  public func execute(_ command: Command, onCase id: String, by user: String?, at now: Instant) throws(CaseStoreError)
    -> CaseState
  {
    let stream = try Self.id(id)
    return try locked { transaction throws(CaseStoreError) in
      guard let (state, history) = try read(stream) else {
        throw .refused(Refusal(.notFound, "no case '\(id)'"))
      }
      let engine = Engine(definitions: try definitions(bundle: state.bundle))
      let events = try decided(engine, command, state, user, now)
      guard !events.isEmpty else { return state }
      var after = state
      for event in events { after.evolve(event) }
      let change = IndexChange(before: state, after: after)
      do throws(StoreError) {
        try addEntries([change])
        _ = try transaction.append(values: events, to: stream, after: history)
      } catch {
        undoEntries([change])
        throw .store(error)
      }
      // The append is the commit point: the command has happened, even when its state file
      // or an index entry cannot be updated (they are then behind the history, as after a
      // crash: readers rebuild the case, and a stale entry points at nothing due).
      refresh(Self.statePath(stream), with: StateCache.encode(after), transaction)
      do throws(StoreError) { try removeEntries(change) } catch { derivedFileFailed?(error) }
      return after
    }
  }

  /// A case rebuilt from its history; `nil` when there is none.
  ///
  /// The history is always read and validated; the state cache is used only when it was
  /// written after the history's last event (same version), since decoding one state costs
  /// far less than decoding every event.
  public func readCase(_ id: StoreID) throws(CaseStoreError) -> CaseState? { try read(id)?.state }

  /// A case and the history it was rebuilt from (under the lock, what the next append
  /// extends); `nil` when there is none.
  func read(_ id: StoreID) throws(CaseStoreError) -> (state: CaseState, history: History)? {
    guard let history = try wrap({ () throws(StoreError) in try store.history(of: id) }) else { return nil }
    // A missing or torn cache means a replay; a file that cannot be read fails the command
    // like any other read before the commit point.
    if let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.statePath(id)) }),
      let cached = StateCache.decode(bytes), cached.version == history.lastSequence,
      cached.id == id.rawValue
    {
      return (cached, history)
    }
    let events = try wrap { () throws(StoreError) in try history.decode(CaseEvent.self) }
    return CaseState.replay(events).map { ($0, history) }
  }

  /// Every event of a case's history.
  public func history(of id: StoreID) throws(CaseStoreError) -> [CaseEvent]? {
    guard let history = try wrap({ () throws(StoreError) in try store.history(of: id) }) else { return nil }
    return try wrap { () throws(StoreError) in try history.decode(CaseEvent.self) }
  }

  /// A user-supplied id as a store id, or a refusal that says why it cannot be one.
  public static func id(_ text: String) throws(CaseStoreError) -> StoreID {
    do { return try StoreID(text) } catch { throw .refused(Refusal(.invalidInput, "\(error)")) }
  }

  func decided(_ engine: Engine, _ command: Command, _ state: CaseState?, _ user: String?, _ now: Instant)
    throws(CaseStoreError) -> [CaseEvent]
  {
    switch engine.decide(command, on: state, by: user, at: now) {
    case .success(let events): return events
    case .failure(let refusal): throw .refused(refusal)
    }
  }

  /// The case `request` made. The index is written before the case's first append, so it
  /// may point at a case a crash kept from being made, whose number another create has taken
  /// since: only a case whose creation records the request counts.
  private func requestedCase(_ request: StoreID) throws(CaseStoreError) -> StoreID? {
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.requestPath(request)) }),
      let object = Self.strings(bytes), let id = object["case"],
      let stream = try? StoreID(id), case .created(let created) = try history(of: stream)?.first?.change,
      created.request == request.rawValue
    else { return nil }
    return stream
  }

  /// Points `request` at case `id`; returns the index file's bytes before (`nil`: none), or
  /// `nil` when it already pointed there and was left as it was.
  private func index(_ request: StoreID, to id: String, _ transaction: StoreTransaction) throws(CaseStoreError)
    -> [UInt8]??
  {
    let path = Self.requestPath(request)
    let bytes = Self.json(["case": id])
    let previous = try wrap { () throws(StoreError) in try store.contents(of: path) }
    if previous == bytes { return nil }
    try wrap { () throws(StoreError) in try transaction.replace(path, with: bytes) }
    return .some(previous)
  }

  /// Puts a file written before a failed append back as it was: `nil` removes it. When that
  /// fails too, the file is left pointing ahead of the histories, which readers allow for.
  private func restore(_ path: StorePath, to bytes: [UInt8]?, _ transaction: StoreTransaction) {
    if let bytes { try? transaction.replace(path, with: bytes) } else { try? transaction.remove(path) }
  }

  /// Writes a derived file after a command's append. A failure does not undo the command:
  /// the file stays as it was (each replace is atomic), behind its history, and is reported.
  func refresh(_ path: StorePath, with bytes: [UInt8], _ transaction: StoreTransaction) {
    do {
      try transaction.replaceCache(path, with: bytes)
    } catch {
      derivedFileFailed?(error)
    }
  }

  private func lastSequence(of type: String) throws(CaseStoreError) -> Int {
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.sequencePath(type)) }),
      let object = Self.strings(bytes)
    else { return 0 }
    return object["last"].flatMap { Int($0) } ?? 0
  }

  func locked<T>(_ body: (StoreTransaction) throws(CaseStoreError) -> T) throws(CaseStoreError) -> T {
    var outcome: Result<T, CaseStoreError>?
    do {
      try store.write { transaction throws(StoreError) in
        do throws(CaseStoreError) { outcome = .success(try body(transaction)) } catch { outcome = .failure(error) }
      }
    } catch {
      throw .store(error)
    }
    return try outcome!.get()
  }

  func wrap<T>(_ body: () throws(StoreError) -> T) throws(CaseStoreError) -> T {
    do { return try body() } catch { throw .store(error) }
  }

  static func requestPath(_ id: StoreID) -> StorePath {
    StorePath([StoreID(derived: "requests"), StoreID(derived: id.rawValue + ".json")])
  }

  static func sequencePath(_ type: String) -> StorePath {
    StorePath([StoreID(derived: "sequences"), StoreID(derived: type.filter { $0.isLetter || $0.isNumber || $0 == "_" } + ".json")])
  }

  /// A small derived file: a JSON object of strings, keys sorted, one line.
  static func json(_ object: [String: String]) -> [UInt8] {
    object.json.compact() + [10]
  }

  /// The strings of a small derived file; `nil` when it is not such an object.
  static func strings(_ bytes: [UInt8]) -> [String: String]? {
    try? [String: String](json: JSONValue.parse(bytes, limits: .store))
  }

}

extension CaseStore {
  /// The largest file `case attach` keeps: 10 MiB.
  public static let maximumAttachmentBytes = 10 << 20

  /// Copies a file into the store as an attachment of case `id`: the engine checks the
  /// user may, then the copy is written (atomically, durably) before the event that
  /// records it is appended. A crash between the two leaves an unrecorded copy that the
  /// next attachment of the case replaces.
  public func attach(name: String, bytes: [UInt8], toCase id: String, by user: String?, at now: Instant)
    throws(CaseStoreError) -> CaseState
  {
    let stream = try Self.id(id)
    let file = try Self.id(name)
    guard bytes.count <= Self.maximumAttachmentBytes else {
      throw .refused(
        Refusal(.invalidInput, "'\(name)' has \(bytes.count) bytes; an attachment holds at most \(Self.maximumAttachmentBytes)"))
    }
    return try locked { transaction throws(CaseStoreError) in
      guard let state = try readCase(stream) else { throw .refused(Refusal(.notFound, "no case '\(id)'")) }
      let directory = StorePath([StoreID(derived: "attachments"), stream])
      let path = directory.appending(StoreID(derived: "\(state.attachments.count + 1)-\(file.rawValue)"))
      let attachment = Attachment(name: name, size: bytes.count, stored: path.description)
      let events = try decided(try engine(for: state), .attach(attachment), state, user, now)
      var after = state
      for event in events { after.evolve(event) }
      try wrap { () throws(StoreError) in
        try transaction.makeDirectory(StorePath([StoreID(derived: "attachments")]))
        try transaction.makeDirectory(directory)
        try transaction.replace(path, with: bytes)
        _ = try transaction.append(values: events, to: stream)
        try transaction.replaceCache(Self.statePath(stream), with: StateCache.encode(after))
      }
      return after
    }
  }
}
