import DCMCApplication
import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The heads of the customer histories (`CustomerHead`, `customers/heads/<id>.json`): written
/// after each append, checked by `store verify` and written again by `store rebuild`.
extension FileCaseRepository {
  static let customerHeads = StoreID(derived: "heads")

  static func customerHeadPath(_ id: StoreID) -> StorePath {
    StorePath([customers, customerHeads, StoreID(derived: id.rawValue + ".json")])
  }

  /// Writes the head of `stream` after an append that took its history to `chain`, in place and
  /// unflushed, as a state cache: one write. Its directory is made by the first append that
  /// finds it missing (a store made before heads), so an addition makes no more directories.
  /// A failure does not undo the append: the head stays behind, and is reported.
  func writeCustomerHead(_ stream: StoreID, _ chain: HistoryChain, length: Int?, _ transaction: StoreTransaction) {
    let path = Self.customerHeadPath(stream)
    let bytes = CustomerHead.encode(chain)
    do throws(StoreError) {
      do throws(StoreError) {
        try transaction.replaceCache(path, with: bytes, new: length == nil, length: length)
      } catch where error.code == ENOENT {
        try transaction.makeDirectory(StorePath([Self.customers, Self.customerHeads]))
        try transaction.replaceCache(path, with: bytes, new: true)
      }
    } catch {
      derivedFileFailed?(error)
    }
  }

  /// The head of `stream` read under the lock before an append to its `log`, whose scan found
  /// `chain`: its chain (`nil`: none that reads) and its length (`nil`: no file), which spares
  /// the head's rewrite its `ftruncate`. A head other than the log's chain (behind, or damage:
  /// rare) has the log read whole and checked by the rule of `store verify`
  /// (`historyProblem`): `damage` says what a history lost or changed of what its head
  /// recorded, which the append refuses, so that no append buries the evidence.
  func checkedHead(_ stream: StoreID, _ log: HistoryLog, _ chain: HistoryChain) throws(StoreError)
    -> (chain: HistoryChain?, length: Int?, damage: CustomerHistoryDamage?)
  {
    let bytes: [UInt8]?
    do throws(StoreError) {
      bytes = try store.contents(of: Self.customerHeadPath(stream))
    } catch where error.isNotRegularFile {
      return (nil, nil, nil)
    }
    let recorded = bytes.flatMap(CustomerHead.read)
    if let recorded, recorded != chain, chain.sequence > 0, let history = try log.read(),
      let problem = Self.historyProblem(
        "customers/streams/\(stream).log", history, recorded: recorded, by: CustomerScan.headEvidence)
    {
      return (recorded, bytes?.count, CustomerHistoryDamage(id: stream.rawValue, problem: problem))
    }
    return (recorded, bytes?.count, nil)
  }

  /// What `store verify` names as behind among the heads: a head missing, torn or counting
  /// fewer events than its history holds (a store made before heads, a crash between an
  /// append and its head). Every head missing is one line.
  func customerHeadsBehind(_ scan: CustomerScan) -> [String] {
    let records = scan.chains.sorted { $0.key < $1.key }
    if records.count > 1, records.allSatisfy({ scan.heads[$0.key] == .absent }) {
      return [
        "customers/heads/: no customer history has its head (a store made before heads): each record's next "
          + "change writes its own, 'dcmc store rebuild' all of them"
      ]
    }
    return records.compactMap { id, chain in
      let path = "customers/heads/\(id).json"
      switch scan.heads[id] ?? .absent {
      case .absent: return "customer '\(id)': \(path) is missing, behind its history (event \(chain.sequence))"
      case .unreadable:
        return "customer '\(id)': \(path) is torn or not a regular file, behind its history (event \(chain.sequence))"
      case .chain(let recorded) where recorded != chain:
        return "customer '\(id)': \(path) (event \(recorded.sequence)) is behind its history (event \(chain.sequence))"
      case .chain: return nil
      }
    }
  }

  /// Writes the heads that are not their history's (missing, torn, behind, or of a history
  /// whose loss is accepted), and removes those of a missing history when its loss is accepted;
  /// a damaged record's head is kept, as evidence. Returns what it wrote or removed.
  func rebuildCustomerHeads(_ scan: CustomerScan, _ transaction: StoreTransaction) throws(StoreError) -> [String] {
    let accepted = Dictionary(scan.lost.map { ($0.id, $0.problem) }) { first, _ in first }
    var repaired: [String] = []
    let stale = scan.chains.filter { scan.heads[$0.key] != .chain($0.value) }
    if !stale.isEmpty { try transaction.makeDirectory(StorePath([Self.customers, Self.customerHeads])) }
    for (id, chain) in stale.sorted(by: { $0.key < $1.key }) {
      let stream = try StoreID(id)
      try transaction.replaceCache(Self.customerHeadPath(stream), with: CustomerHead.encode(chain))
      repaired.append("customers/heads/\(id).json" + (accepted[id].map { " (\($0), accepted)" } ?? ""))
    }
    for id in scan.orphanHeads.sorted() where !scan.damaged.contains(where: { $0.id == id }) {
      try transaction.remove(Self.customerHeadPath(try StoreID(id)))
      repaired.append("customers/heads/\(id).json removed (\(accepted[id] ?? ""), accepted)")
    }
    return repaired
  }
}
