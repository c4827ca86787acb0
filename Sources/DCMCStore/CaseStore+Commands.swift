public import DCMCCalendar
public import DCMCRuntime
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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
        let events = try decided(engine, command, nil, user, now)
        guard let state = CaseState.replay(events) else { throw .refused(Refusal(.invalidInput, "no case made")) }
        let id = try Self.id(state.id)
        if try wrap({ () throws(StoreError) in try transaction.history(of: id) }) != nil {
          sequence += 1
          continue
        }
        if let request {
          // The request is recorded before the case: a crash between the two leaves a request
          // pointing at no case, which the retry then creates.
          try wrap { () throws(StoreError) in try transaction.replace(Self.requestPath(request), with: Self.json(["case": state.id])) }
        }
        try wrap { () throws(StoreError) in
          try addEntries(of: state, comparedTo: nil)
          _ = try transaction.append(values: events, to: id)
          try transaction.replaceCache(Self.sequencePath(type), with: Self.json(["last": String(sequence)]))
          try transaction.replaceCache(Self.statePath(id), with: Self.encode(state))
        }
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
      guard let state = try readCase(stream) else {
        throw .refused(Refusal(.notFound, "no case '\(id)'"))
      }
      let engine = Engine(definitions: try definitions(bundle: state.bundle))
      let events = try decided(engine, command, state, user, now)
      guard !events.isEmpty else { return state }
      var after = state
      for event in events { after.evolve(event) }
      try wrap { () throws(StoreError) in
        try addEntries(of: after, comparedTo: state)
        _ = try transaction.append(values: events, to: stream)
        try transaction.replaceCache(Self.statePath(stream), with: Self.encode(after))
        try removeEntries(of: state, comparedTo: after)
      }
      return after
    }
  }

  /// A case rebuilt from its history; `nil` when there is none.
  public func readCase(_ id: StoreID) throws(CaseStoreError) -> CaseState? {
    try history(of: id).flatMap(CaseState.replay)
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

  private func requestedCase(_ request: StoreID) throws(CaseStoreError) -> StoreID? {
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.requestPath(request)) }),
      let object = Self.strings(bytes), let id = object["case"],
      let stream = try? StoreID(id), try history(of: stream) != nil
    else { return nil }
    return stream
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
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return ((try? encoder.encode(object)).map(Array.init) ?? []) + [10]
  }

  /// The strings of a small derived file; `nil` when it is not such an object.
  static func strings(_ bytes: [UInt8]) -> [String: String]? {
    try? JSONDecoder().decode([String: String].self, from: Data(bytes))
  }

  static func encode(_ state: CaseState) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    return ((try? encoder.encode(state)).map(Array.init) ?? []) + [10]
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
        try transaction.replaceCache(Self.statePath(stream), with: Self.encode(after))
      }
      return after
    }
  }
}
