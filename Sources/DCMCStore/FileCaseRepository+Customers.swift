public import DCMCApplication
import DCMCBundle
import DCMCJSON
public import DCMCRuntime

/// The customer records of the file store, under `customers/`, with the guarantees of cases:
/// each record's history log (`customers/streams/<id>.log`, the commit point, appended under
/// the store's write lock, durable when the append returns), and files derived from the
/// histories: the request-id index (`customers/requests/`), the numbering
/// (`customers/sequence.json`) and one small file per email and per phone number listing the
/// ids of the records with it (`customers/emails/<sha-256 of the address in lower case>.json`,
/// `customers/phones/<E.164>.json`), one per record that others were merged into, listing
/// them (`customers/merges/<id>.json`), and the name index (`customers/names/`,
/// `FileCaseRepository+CustomerNames.swift`).
///
/// An index entry is added before the append and dropped after it, so a crash leaves an entry
/// too many, never one too few; a lookup reads the records it names and keeps those that have
/// the key now.
extension FileCaseRepository: CustomerRepository {
  static let customers = StoreID(derived: "customers")
  static let customerDirectories = ["streams", "emails", "phones", "requests", "merges"].map { StoreID(derived: $0) }

  static func customerPath(_ directory: String, _ file: String) -> StorePath {
    StorePath([customers, StoreID(derived: directory), StoreID(derived: file)])
  }

  func customerLog(_ id: StoreID) -> HistoryLog {
    HistoryLog(fileSystem: store.fileSystem, path: Self.customerPath("streams", id.rawValue + ".log"), root: store.root)
  }

  /// The record replayed from its log, or the one replayed before when the log's identity is
  /// the same (`customerStates`); a log read with a torn tail (an append in progress, or a
  /// crashed one that the next append cuts) is replayed but not kept.
  public func loadCustomer(_ id: String) throws(RepositoryError) -> CustomerState? {
    let log = customerLog(try Self.id(id))
    let identity = try fileIdentity(log.absolutePath)
    if let identity, let kept = customerStates.value(id, identity: identity) { return kept }
    guard let history = try wrap({ () throws(StoreError) in try log.read() }) else { return nil }
    let state = CustomerState.replay(try wrap { () throws(StoreError) in try history.decode(CustomerEvent.self) })
    if let identity, let state, history.tornBytes == 0 { customerStates.keep(state, for: id, identity: identity) }
    return state
  }

  public func customerHistory(of id: String) throws(RepositoryError) -> [CustomerEvent]? {
    let stream = try Self.id(id)
    guard let history = try wrap({ () throws(StoreError) in try customerLog(stream).read() }) else { return nil }
    return try wrap { () throws(StoreError) in try history.decode(CustomerEvent.self) }
  }

  /// Appends the change under the write lock (`append`).
  public func appendCustomer(_ change: CustomerChangeSet) throws(RepositoryError) -> AppendOutcome {
    let prepared = try prepare(change)
    return try locked { transaction throws(RepositoryError) in try append(prepared, transaction) }
  }

  /// `appendCustomer` with the check of `appendCustomer(unlessKeyTaken:)`: the index files of the
  /// record's new email and phone are read under the write lock, which every writer of them takes.
  public func appendCustomer(unlessKeyTaken change: CustomerChangeSet) throws(RepositoryError)
    -> CustomerAddOutcome
  {
    let prepared = try prepare(change)
    return try locked { transaction throws(RepositoryError) in
      var taken: Set<String> = []
      let keys = change.newKeys
      if let key = keys.email { taken.formUnion(try customers(withEmail: key)) }
      if let key = keys.phone { taken.formUnion(try customers(withPhone: key)) }
      taken.remove(change.after.id)
      guard taken.isEmpty else { return .keyTaken(taken.sorted()) }
      switch try append(prepared, transaction) {
      case .appended: return .added
      case .conflict(let version): return .conflict(version: version)
      }
    }
  }

  /// A change with the ids it names checked as store ids.
  private struct PreparedChange {
    var change: CustomerChangeSet
    var stream: StoreID
    var request: StoreID?
    var unmoved: [(StoreID, Int)]
  }

  private func prepare(_ change: CustomerChangeSet) throws(RepositoryError) -> PreparedChange {
    let request = try change.request.map { text throws(RepositoryError) in try Self.id(text) }
    var unmoved: [(StoreID, Int)] = []
    for (other, version) in change.unmoved.sorted(by: { $0.key < $1.key }) {
      unmoved.append((try Self.id(other), version))
    }
    return PreparedChange(change: change, stream: try Self.id(change.after.id), request: request, unmoved: unmoved)
  }

  /// Under the write lock: the version checked against the log (and its head,
  /// `checkedHead`), the request and the new index entries written, the events appended (the
  /// commit point), then the head (`writeCustomerHead`), the numbering and the dropped index
  /// entries, which a failure leaves behind (`derivedFileFailed`).
  private func append(_ prepared: PreparedChange, _ transaction: StoreTransaction) throws(RepositoryError)
    -> AppendOutcome
  {
    let (change, stream, request, unmoved) = (prepared.change, prepared.stream, prepared.request, prepared.unmoved)
    var damage: CustomerHistoryDamage?
    let outcome = try wrap { () throws(StoreError) in
      let log = customerLog(stream)
      let opened = try log.open()
      defer { log.close(opened) }
      let version = opened.scan?.count ?? 0
      guard version == change.expectedVersion else {
        return AppendOutcome.conflict(version: version)
      }
      for (other, expected) in unmoved {
        guard (try customerLog(other).scan()?.count ?? 0) == expected else {
          return AppendOutcome.conflict(version: version)
        }
      }
      let chain = opened.scan?.chain ?? .empty
      let head = try checkedHead(stream, log, chain)
      if let found = head.damage {
        damage = found
        return AppendOutcome.conflict(version: version)
      }
      // A head whose history is missing is a damaged record, not a free id: a new record under
      // its id would write over the evidence.
      if version == 0, let recorded = head.chain, recorded.sequence > 0 {
        return AppendOutcome.conflict(version: recorded.sequence)
      }
      // A new record makes sure of the directories (each made durable, an existing one
      // kept); a record's later changes find them made.
      if version == 0 {
        try transaction.makeDirectory(StorePath([Self.customers]))
        for directory in Self.customerDirectories {
          try transaction.makeDirectory(StorePath([Self.customers, directory]))
        }
      }
      let before = Self.indexKeys(change.before)
      let after = Self.indexKeys(change.after)
      for path in after.subtracting(before).sorted(by: { $0.description < $1.description }) {
        try updateEntry(path, id: stream.rawValue, add: true, transaction)
      }
      try addNameEntry(change)
      if let request {
        try transaction.replace(
          Self.customerPath("requests", request.rawValue + ".json"), with: Self.json(["customer": stream.rawValue]))
      }
      let written = try log.write(HistoryLog.Command(change.events.map { $0.json.compact() }, after: version), to: opened)
      try log.flush(written)
      writeCustomerHead(stream, chain.extended(with: written.records), length: head.length, transaction)
      if let sequence = change.sequence, sequence > (try? lastCustomerSequence()) ?? 0 {
        refresh(Self.customerSequencePath, with: Self.json(["last": String(sequence)]), transaction)
      }
      for path in before.subtracting(after) {
        do throws(StoreError) { try updateEntry(path, id: stream.rawValue, add: false, transaction) } catch {
          derivedFileFailed?(error)
        }
      }
      dropNameEntry(change)
      return AppendOutcome.appended
    }
    if let damage { throw .unavailable(damage) }
    return outcome
  }

  public func customerAdded(byRequest id: String) throws(RepositoryError) -> String? {
    let request = try Self.id(id)
    // Written before the record's first append: only a record whose addition records the
    // request counts.
    guard
      let bytes = try wrap({ () throws(StoreError) in
        try store.contents(of: Self.customerPath("requests", request.rawValue + ".json"))
      }),
      let customer = Self.strings(bytes)?["customer"], (try? StoreID(customer)) != nil,
      case .added(let added) = try customerHistory(of: customer)?.first?.change, added.request == id
    else { return nil }
    return customer
  }

  public func lastCustomerSequence() throws(RepositoryError) -> Int {
    (try recordedSequence(at: Self.customerSequencePath) ?? nil) ?? 0
  }

  public func customers(withEmail key: String) throws(RepositoryError) -> [String] {
    try records(under: emailIndexFile(key)) { $0.mergedInto == nil && $0.email?.key == key }
  }

  public func customers(withPhone e164: String) throws(RepositoryError) -> [String] {
    guard let path = Self.phonePath(e164) else { return [] }
    return try records(under: CustomerIndexFile(path, in: store.root)) {
      $0.mergedInto == nil && $0.phone?.e164 == e164
    }
  }

  public func customers(mergedInto id: String) throws(RepositoryError) -> [String] {
    guard let path = Self.mergesPath(id) else { return [] }
    return try records(under: CustomerIndexFile(path, in: store.root)) { $0.mergedInto == id }
  }

  /// The index file of the email address `key` (`emailPath`), made once an address
  /// (`emailIndexFiles`).
  func emailIndexFile(_ key: String) -> CustomerIndexFile {
    emailIndexFiles.value(key) { CustomerIndexFile(Self.emailPath(key), in: store.root) }
  }

  /// The ids an index file lists whose record has the key now (`matches`).
  private func records(under file: CustomerIndexFile, matching matches: (CustomerState) -> Bool) throws(RepositoryError)
    -> [String]
  {
    var ids: [String] = []
    for id in try indexFileIDs(file) {
      guard let state = try loadCustomer(id), matches(state) else { continue }
      ids.append(id)
    }
    return ids.sorted()
  }

  /// The ids the index file at `path` lists (none when there is no file), or those it listed
  /// when read before with the same identity (`customerIndexFiles`; each change replaces the
  /// file whole, a new inode).
  private func indexFileIDs(_ file: CustomerIndexFile) throws(RepositoryError) -> [String] {
    let identity = try fileIdentity(file.absolute)
    if let identity, let kept = customerIndexFiles.value(file.key, identity: identity) { return kept }
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: file.path) }) else { return [] }
    let ids = Self.ids(in: bytes)
    if let identity { customerIndexFiles.keep(ids, for: file.key, identity: identity) }
    return ids
  }

  /// Adds `id` to the index file at `path`, or takes it out (the file goes with its last id).
  private func updateEntry(_ path: StorePath, id: String, add: Bool, _ transaction: StoreTransaction)
    throws(StoreError)
  {
    var ids = Set(try store.contents(of: path).map(Self.ids(in:)) ?? [])
    guard add ? ids.insert(id).inserted : ids.remove(id) != nil else { return }
    if ids.isEmpty {
      try transaction.remove(path)
    } else {
      try transaction.replace(path, with: JSONValue.array(ids.sorted().map { .string($0) }).compact() + [10])
    }
  }

  /// The ids an index file lists; none when it is not a JSON array of strings.
  private static func ids(in bytes: [UInt8]) -> [String] {
    guard case .array(let items)? = try? JSONValue.parse(bytes, limits: .store) else { return [] }
    return items.compactMap { if case .string(let id) = $0, (try? StoreID(id)) != nil { id } else { nil } }
  }

  /// The index files a record is listed in: once it is merged, only the file of the records
  /// merged into the record it was merged into.
  private static func indexKeys(_ state: CustomerState?) -> Set<StorePath> {
    guard let state else { return [] }
    if let keep = state.mergedInto { return Set([mergesPath(keep)].compactMap { $0 }) }
    var paths: Set<StorePath> = []
    if let key = state.email?.key { paths.insert(emailPath(key)) }
    if let path = state.phone.flatMap({ phonePath($0.e164) }) { paths.insert(path) }
    return paths
  }

  /// An address can hold any character a file name cannot: its file is named by its digest.
  static func emailPath(_ key: String) -> StorePath {
    customerPath("emails", SHA256.hexDigest(of: Array(key.utf8)) + ".json")
  }

  /// The file of the records merged into record `id`; `nil` for an id that names no file (read
  /// from a forged history): no record has it.
  static func mergesPath(_ id: String) -> StorePath? {
    guard (try? StoreID(id)) != nil else { return nil }
    return customerPath("merges", id + ".json")
  }

  static func phonePath(_ e164: String) -> StorePath? {
    guard e164.first == "+", e164.count <= 16, e164.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return nil
    }
    return customerPath("phones", e164 + ".json")
  }
}

/// A customer index file: its path, the path's text (the key of `customerIndexFiles`) and its
/// absolute text (what its identity is taken of).
struct CustomerIndexFile: Sendable {
  let path: StorePath
  let key: String
  let absolute: String

  init(_ path: StorePath, in root: String) {
    self.path = path
    key = path.description
    absolute = path.absolute(in: root)
  }
}
