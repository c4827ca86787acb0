import DCMCApplication
import DCMCFiles
import DCMCJSON
import DCMCRuntime

/// Everything under `customers/`, read by listing each directory and every record's history:
/// the records that replay, the damaged ones, the files that do not belong, the index files
/// as they are and as the histories make them. `store verify` reports what disagrees,
/// `store rebuild` rewrites the index files from the histories (`docs/store.md`).
///
/// By design an index entry may name a record that does not exist or no longer has the key
/// (an entry is added before the append and dropped after it, so a crash leaves one too many,
/// and lookups read the records they name), and a request file may name a record its request
/// did not add (it is written before the record's first append): neither is damage. An entry
/// too few is: the record cannot be found by its key, or its request would add it again.
struct CustomerScan {
  /// The records whose history replays, by id.
  var records: [String: CustomerState] = [:]
  /// The request that added each record added by one, by id.
  var addedBy: [String: String] = [:]
  /// The records whose history cannot make them, with what is wrong (sorted by id).
  var damaged: [(id: String, problem: String)] = []
  /// The damaged histories as verify names them and rebuild refuses them, one line each, with
  /// whether the history lost what its head recorded (`lost`: mended by a backup or an
  /// accepted loss, where another damaged history is mended by a backup only).
  var damagedLines: [(line: String, lost: Bool)] {
    let lost = Set(lost.map(\.id))
    return damaged.map { ("customer '\($0.id)': \($0.problem)", lost.contains($0.id)) }
  }
  /// Paths relative to the store's root of what does not belong under `customers/`.
  var strays: [(path: String, isDirectory: Bool)] = []
  /// The email, phone and merges index files as they are: the ids each lists, `nil` when
  /// unreadable.
  var indexes: [StorePath: [String]?] = [:]
  /// The request files as they are: the record each names, `nil` when unreadable.
  var requests: [StorePath: String?] = [:]
  /// The entries of the name index as they are (`CustomerNameEntry`).
  var names: Set<CustomerNameEntry> = []
  /// The head of each record's history as it is (`CustomerHead`), by id.
  var heads: [String: CustomerHead.Found] = [:]
  /// The chain of each record's history: what its head should record.
  var chains: [String: HistoryChain] = [:]
  /// The histories that lost or changed events their head recorded, or that are missing while
  /// their head is there, with what is lost (sorted by id): damage, in `damaged` too unless the
  /// loss is accepted (then the record is read from what its history holds).
  var lost: [(id: String, problem: String)] = []
  /// The ids of heads whose history is missing.
  var orphanHeads: Set<String> = []

  static let directories: Set<String> = ["streams", "emails", "phones", "requests", "merges", "heads"]

  /// Reads `customers/` of `repository`'s store; a store without customers has nothing there.
  /// `acceptingLoss`: a record whose history is shorter than (or other than) its head recorded
  /// is read from its history, as `store rebuild --accept-loss` rebuilds it, not as damaged.
  init(_ repository: FileCaseRepository, acceptingLoss: Bool = false) throws(StoreError) {
    let store = repository.store
    let scan = try IndexScan("customers", keyDepth: 1, in: store.root, fileSystem: store.fileSystem) { _, name in
      Self.directories.contains(name)
    }
    // The numbering file is checked with the others (`sequenceProblems`), the name index by
    // `readNames`: its entries are `CustomerNameEntry.depth` directories deep.
    strays = scan.strays.filter { $0 != ("customers/sequence.json", false) && $0 != ("customers/names", true) }
    try readNames(repository)
    var logged: Set<String> = []
    var headed: [String] = []
    for entry in scan.entries {
      let directory = entry.key[0].rawValue
      let name = entry.name.rawValue
      let path = FileCaseRepository.customerPath(directory, name)
      switch directory {
      case "streams" where name.hasSuffix(".log") && (try? StoreID(String(name.dropLast(4)))) != nil:
        logged.insert(String(name.dropLast(4)))
        try read(String(name.dropLast(4)), repository, acceptingLoss: acceptingLoss)
      case "heads" where name.hasSuffix(".json") && (try? StoreID(String(name.dropLast(5)))) != nil:
        headed.append(String(name.dropLast(5)))
      case "emails" where Self.isDigestName(name), "phones" where Self.isPhoneName(name),
        "merges" where FileCaseRepository.mergesPath(String(name.dropLast(5))) != nil && name.hasSuffix(".json"):
        indexes.updateValue(try store.contents(of: path).flatMap(Self.ids(in:)), forKey: path)
      case "requests" where name.hasSuffix(".json") && (try? StoreID(String(name.dropLast(5)))) != nil:
        let named = try store.contents(of: path).flatMap { FileCaseRepository.strings($0)?["customer"] }
        requests.updateValue(named.flatMap { (try? StoreID($0)) != nil ? $0 : nil }, forKey: path)
      default:
        strays.append(("customers/\(directory)/\(name)", false))
      }
    }
    for id in headed where !logged.contains(id) {
      // A head that does not read counts nothing: a stray.
      guard case .chain(let recorded) = try Self.head(of: id, repository), recorded.sequence > 0 else {
        strays.append(("customers/heads/\(id).json", false))
        continue
      }
      let problem = CaseDamage.missing("customers/streams/\(id).log", recorded: recorded.sequence, by: Self.headEvidence)
      lost.append((id, problem))
      orphanHeads.insert(id)
      if !acceptingLoss { damaged.append((id, problem)) }
    }
    damaged.sort { $0.id < $1.id }
    lost.sort { $0.id < $1.id }
    strays.sort { $0.path < $1.path }
  }

  /// What a customer's head is called when it is the evidence.
  static let headEvidence = "its head"

  /// The head of record `id` (`CustomerHead`); one that is not a regular file is unreadable.
  static func head(of id: String, _ repository: FileCaseRepository) throws(StoreError) -> CustomerHead.Found {
    do throws(StoreError) {
      guard let bytes = try repository.store.contents(of: FileCaseRepository.customerHeadPath(StoreID(id))) else {
        return .absent
      }
      return CustomerHead.read(bytes).map(CustomerHead.Found.chain) ?? .unreadable
    } catch where error.isNotRegularFile {
      return .unreadable
    }
  }

  /// The name index: entries in their buckets, anything else a stray.
  private mutating func readNames(_ repository: FileCaseRepository) throws(StoreError) {
    let store = repository.store
    let scan = try IndexScan(
      "customers/names", keyDepth: CustomerNameEntry.depth, in: store.root, fileSystem: store.fileSystem
    ) { _, name in CustomerNameEntry.isBucket(name) }
    strays += scan.strays
    for entry in scan.entries {
      if let named = CustomerNameEntry(bucket: entry.key, name: entry.name) {
        names.insert(named)
      } else {
        strays.append((CustomerNameEntry.path(entry.key, entry.name), false))
      }
    }
  }

  /// Replays record `id`'s history; what keeps it from making the record is its damage.
  /// Then its head: a history shorter than (or other than) its head recorded is damage
  /// (`historyProblem`, the rule of cases), unless `acceptingLoss`.
  private mutating func read(_ id: String, _ repository: FileCaseRepository, acceptingLoss: Bool) throws(StoreError) {
    let log = "customers/streams/\(id).log"
    let history: History
    let events: [CustomerEvent]
    do throws(StoreError) {
      guard let read = try repository.customerLog(StoreID(id)).read() else { return }
      history = read
      events = try history.decode(CustomerEvent.self)
    } catch {
      if case .file = error { throw error }
      damaged.append((id, "\(error)"))
      return
    }
    guard let state = CustomerState.replay(events) else {
      damaged.append((id, "\(log) does not start with the customer's addition"))
      return
    }
    guard state.id == id else {
      damaged.append((id, "\(log) holds the history of customer '\(state.id)'"))
      return
    }
    guard events.map(\.seq) == Array(1...events.count) else {
      damaged.append((id, "\(log): event numbers are not 1 to \(events.count)"))
      return
    }
    let head = try Self.head(of: id, repository)
    if case .chain(let recorded) = head,
      let problem = FileCaseRepository.historyProblem(log, history, recorded: recorded, by: Self.headEvidence)
    {
      lost.append((id, problem))
      guard acceptingLoss else {
        damaged.append((id, problem))
        return
      }
    }
    heads[id] = head
    chains[id] = HistoryChain(history.records)
    records[id] = state
    if case .added(let added) = events[0].change, let request = added.request { addedBy[id] = request }
  }

  /// The email, phone and merges index files as the histories make them: each record in use is
  /// listed in the file of its email and of its phone number, each merged record in the file
  /// of the record it was merged into.
  var expectedIndexes: [StorePath: Set<String>] {
    var expected: [StorePath: Set<String>] = [:]
    for (id, state) in records {
      if let keep = state.mergedInto {
        if let path = FileCaseRepository.mergesPath(keep) { expected[path, default: []].insert(id) }
        continue
      }
      if let key = state.email?.key { expected[FileCaseRepository.emailPath(key), default: []].insert(id) }
      if let path = state.phone.flatMap({ FileCaseRepository.phonePath($0.e164) }) {
        expected[path, default: []].insert(id)
      }
    }
    return expected
  }

  /// The name index as the histories make it: an entry for each record in use.
  var expectedNames: Set<CustomerNameEntry> { Set(records.values.compactMap(\.nameEntry)) }

  /// The request files as the histories make them: each request that added a record names it.
  var expectedRequests: [StorePath: String] {
    var expected: [StorePath: String] = [:]
    for (id, request) in addedBy {
      guard let file = try? StoreID(request + ".json") else { continue }
      expected[StorePath([FileCaseRepository.customers, StoreID(derived: "requests"), file])] = id
    }
    return expected
  }

  /// `<64 lowercase hex digits>.json`: an email file's name.
  static func isDigestName(_ name: String) -> Bool {
    let digits = name.utf8.dropLast(5)
    return name.hasSuffix(".json") && digits.count == 64
      && digits.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  /// `<E.164>.json`: a phone file's name.
  static func isPhoneName(_ name: String) -> Bool {
    name.hasSuffix(".json") && FileCaseRepository.phonePath(String(name.dropLast(5))) != nil
  }

  /// The ids an index file lists; `nil` when it is not a JSON array of ids.
  static func ids(in bytes: [UInt8]) -> [String]? {
    guard case .array(let items)? = try? JSONValue.parse(bytes, limits: .store) else { return nil }
    var ids: [String] = []
    for item in items {
      guard case .string(let id) = item, (try? StoreID(id)) != nil else { return nil }
      ids.append(id)
    }
    return ids
  }
}
