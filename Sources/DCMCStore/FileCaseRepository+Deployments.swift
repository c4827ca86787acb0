public import DCMCApplication
public import DCMCBundle
public import DCMCCalendar
import DCMCJSON

/// The deployments: `deployment.json` (the bundle new cases start on, the commit point) and
/// `deployments.jsonl`, the history beside it (docs/store.md, "Deployments").
///
/// A deployment that changes the current bundle writes, under the store's lock, the bundle
/// (when new), then the history with its entry appended (rewritten whole, atomically and
/// durably), then `deployment.json` (the same): the history may be one entry ahead of
/// `deployment.json`, never behind. An entry beyond the current bundle (its bundle is not
/// the current one, the entry before it is) is a deployment a crash interrupted before its
/// commit: readers leave it out and the next deployment writes over it.
extension FileCaseRepository {
  static let deploymentHistory = StorePath([StoreID(derived: "deployments.jsonl")])

  /// How many times a reader without the lock reads the two files again when they disagree:
  /// two deployments committed between its reads of `deployment.json` and of the history can
  /// make them disagree once; damage disagrees every time.
  static let deploymentReadTries = 3

  public func deploy(_ bundle: DefinitionBundle, bytes: [UInt8], by user: String?, at time: Instant?)
    throws(RepositoryError) -> Bool
  {
    let path = try Self.bundleFile(bundle)
    return try wrap { () throws(StoreError) in
      try writing { transaction throws(StoreError) in
        // Under the lock: what the history holds is what this deployment extends, and damage
        // in it is refused, never written over, before anything is written (the bundle was
        // kept first, so a refused deploy left it in the store).
        let history = try deploymentsToExtend()
        let isNew = try keep(bytes, at: path, transaction)
        if history.records.last?.bundle != bundle.hash {
          let record = DeploymentRecord(
            number: (history.records.last?.number ?? 0) + 1, bundle: bundle.hash, by: user, at: time)
          try transaction.replace(Self.deploymentHistory, with: Self.historyBytes(history.records + [record]))
        } else if !history.repairs {
          return isNew
        }
        try transaction.replace(Self.deployment, with: Self.json(["bundle": bundle.hash]))
        return isNew
      }
    }
  }

  /// The history a deployment extends (`readDeployments`' records), and whether it `repairs`
  /// a damaged `deployment.json`: the one file a deploy writes whole and readers cannot do
  /// without, which a deploy has always been the way to write again. The history is then taken
  /// as written (its own damage still refused), its last entry as made.
  private func deploymentsToExtend() throws(StoreError) -> (records: [DeploymentRecord], repairs: Bool) {
    do throws(StoreError) {
      return (try readDeployments().records, false)
    } catch {
      guard case .malformedRecord(let path, _) = error, path == "deployment.json" else { throw error }
      return (try store.contents(of: Self.deploymentHistory).map(Self.historyRecords) ?? [], true)
    }
  }

  public func keepBundle(_ bundle: DefinitionBundle, bytes: [UInt8]) throws(RepositoryError) -> Bool {
    let path = try Self.bundleFile(bundle)
    return try wrap { () throws(StoreError) in
      try writing { transaction throws(StoreError) in try keep(bytes, at: path, transaction) }
    }
  }

  /// `bundles/<hex digest>.json` for `bundle`.
  private static func bundleFile(_ bundle: DefinitionBundle) throws(RepositoryError) -> StorePath {
    guard let path = bundlePath(bundle.hash) else { throw .invalidID(bundle.hash, reason: "is not a bundle hash") }
    return path
  }

  /// Writes the bundle `bytes` at `path` unless it is there; whether it was new.
  private func keep(_ bytes: [UInt8], at path: StorePath, _ transaction: StoreTransaction) throws(StoreError) -> Bool {
    guard try store.contents(of: path) == nil else { return false }
    try transaction.replace(path, with: bytes)
    return true
  }

  /// The page of the history (`deployments.jsonl`, a small file read and checked whole).
  public func deployments(after: Int?, limit: Int?) throws(RepositoryError) -> [DeploymentRecord] {
    try wrap { () throws(StoreError) in
      var tries = 1
      while true {
        do throws(StoreError) {
          return DeploymentRecord.page(try readDeployments().records, after: after, limit: limit)
        } catch where tries < Self.deploymentReadTries {
          tries += 1
        }
      }
    }
  }

  /// The history as committed (`records`, oldest first) and the entry of an interrupted
  /// deployment after it (`interrupted`), read `deployment.json` first, then the history (the
  /// reverse of the order a deployment writes them). A store without the history (made before
  /// it) has its current deployment as its one entry, by nobody at no time. Damage (a line
  /// that is not an entry, numbers not 1, 2, ..., a bundle twice in a row, a last entry that
  /// is not the current bundle) is a `malformedRecord` naming the file.
  func readDeployments() throws(StoreError) -> (records: [DeploymentRecord], interrupted: DeploymentRecord?) {
    let current: String?
    if let bytes = try store.contents(of: Self.deployment) {
      guard let hash = Self.strings(bytes)?["bundle"], Self.isBundleHash(hash) else {
        throw .malformedRecord(path: "deployment.json", reason: "it is not {\"bundle\": \"sha256:...\"}")
      }
      current = hash
    } else {
      current = nil
    }
    guard let bytes = try store.contents(of: Self.deploymentHistory) else {
      return (current.map { [DeploymentRecord(number: 1, bundle: $0, by: nil, at: nil)] } ?? [], nil)
    }
    var records = try Self.historyRecords(bytes)
    if records.last?.bundle != current, records.dropLast().last?.bundle == current {
      let interrupted = records.removeLast()
      return (records, interrupted)
    }
    guard records.last?.bundle == current else {
      throw .malformedRecord(
        path: "deployments.jsonl",
        reason: "its last entry deploys '\(records.last?.bundle.prefix(80) ?? "nothing")', "
          + "deployment.json '\(current?.prefix(80) ?? "nothing")'")
    }
    return (records, nil)
  }

  /// The entries of `deployments.jsonl`, each checked on its own and against the one before.
  static func historyRecords(_ bytes: [UInt8]) throws(StoreError) -> [DeploymentRecord] {
    func damaged(_ line: Int, _ reason: String) -> StoreError {
      .malformedRecord(path: "deployments.jsonl", reason: "line \(line): \(reason)")
    }
    guard bytes.last == 10 else { throw damaged(bytes.count(where: { $0 == 10 }) + 1, "it is cut short") }
    var records: [DeploymentRecord] = []
    for (index, line) in bytes.dropLast().split(separator: 10, omittingEmptySubsequences: false).enumerated() {
      let record: DeploymentRecord
      do {
        record = try DeploymentRecord(json: JSONValue.parse(Array(line), limits: .store))
      } catch {
        throw damaged(index + 1, "not a deployment: \(error)")
      }
      guard isBundleHash(record.bundle) else {
        throw damaged(index + 1, "'\(record.bundle.prefix(80))' is not a bundle hash")
      }
      guard record.number == index + 1 else {
        throw damaged(index + 1, "deployment \(record.number), where \(index + 1) comes next")
      }
      guard records.last?.bundle != record.bundle else {
        throw damaged(index + 1, "it deploys again the bundle the deployment before it did")
      }
      records.append(record)
    }
    return records
  }

  /// The history's file: one compact JSON object a line.
  static func historyBytes(_ records: [DeploymentRecord]) -> [UInt8] {
    records.flatMap { $0.json.compact() + [10] }
  }
}

extension FileCaseRepository {
  /// What verify says of a damaged history: nothing derives it (it is the record of who
  /// deployed what), so no command writes it again.
  public static let historyMending = DeploymentDamage.mending("mend the line or restore the file by hand")

  /// `store rebuild`: the entry of a deployment a crash cut before `deployment.json`
  /// (`readDeployments`' `interrupted`) removed, as the next deployment would; a damaged
  /// history is verify's to name and is left as it is.
  func dropInterruptedDeployment(_ transaction: StoreTransaction) throws(RepositoryError) -> [String] {
    try wrap { () throws(StoreError) in
      guard let history = try? readDeployments(), let interrupted = history.interrupted else { return [] }
      try transaction.replace(Self.deploymentHistory, with: Self.historyBytes(history.records))
      return ["deployments.jsonl (line \(interrupted.number), a deployment that was not made, removed)"]
    }
  }

  /// `store verify`'s reading of the history (`readDeployments`): its damage (a line that is
  /// not an entry, numbers out of order, a bundle twice in a row, a last entry that is not
  /// `deployment.json`'s bundle, an entry whose bundle the store does not hold, an entry whose
  /// user is not a user name by `UserID`'s rule, which `deploy` enforces), and, in
  /// `behind`, the entry of a deployment a crash interrupted before its commit. `deployment.json`'s
  /// own damage and a missing current bundle are `deploymentProblems`'.
  func deploymentHistoryProblems() throws(RepositoryError) -> (damaged: [String], behind: [String]) {
    let history: (records: [DeploymentRecord], interrupted: DeploymentRecord?)
    do throws(StoreError) {
      history = try readDeployments()
    } catch {
      guard case .malformedRecord(let path, let reason) = error else { throw .unavailable(error) }
      return (path == "deployments.jsonl" ? ["\(path): \(reason)" + Self.historyMending] : [], [])
    }
    var damaged: [String] = []
    for record in history.records {
      // A user no deploy records (a control character, empty, too long) was edited in by hand;
      // `deploy --history` shows it escaped, and verify names it.
      if let user = DeploymentDamage.user(record) {
        damaged.append("deployments.jsonl: line \(record.number): \(user)" + Self.historyMending)
      }
      guard record.bundle != history.records.last?.bundle, let path = Self.bundlePath(record.bundle),
        try bundle(record.bundle) == nil
      else { continue }
      damaged.append("deployments.jsonl: line \(record.number): its bundle is not in the store (\(path) is missing)")
    }
    let behind = history.interrupted.map { record in
      "deployments.jsonl: line \(record.number), the deployment of '\(record.bundle)', was not made "
        + "(a deploy cut before it wrote deployment.json); the next deployment or 'dcmc store rebuild' writes over it"
    }
    return (damaged, behind.map { [$0] } ?? [])
  }
}
