public import DCMCCalendar
public import DCMCRuntime
import Foundation

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
          sequence += 1
          continue
        }
        if let request {
          // The request is recorded before the case: a crash between the two leaves a request
          // pointing at no case, which the retry then creates.
          try wrap { () throws(StoreError) in try transaction.replace(Self.requestPath(request), with: Self.json(["case": state.id])) }
        }
        try wrap { () throws(StoreError) in
          _ = try transaction.append(values: events, to: id)
          try transaction.replace(Self.sequencePath(type), with: Self.json(["last": String(sequence)]))
          try transaction.replace(Self.statePath(id), with: Self.encode(state))
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
        _ = try transaction.append(values: events, to: stream)
        try transaction.replace(Self.statePath(stream), with: Self.encode(after))
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

  private func decided(_ engine: Engine, _ command: Command, _ state: CaseState?, _ user: String?, _ now: Instant)
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
      let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String], let id = object["case"],
      let stream = try? StoreID(id), case .created(let created) = try history(of: stream)?.first?.change,
      created.request == request.rawValue
    else { return nil }
    return stream
  }

  private func lastSequence(of type: String) throws(CaseStoreError) -> Int {
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.sequencePath(type)) }),
      let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String]
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

  static func json(_ object: [String: String]) -> [UInt8] {
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { Array($0) + [10] } ?? []
  }

  static func encode(_ state: CaseState) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    return ((try? encoder.encode(state)).map(Array.init) ?? []) + [10]
  }
}
