import DCMCApplication
import DCMCFiles
import DCMCRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `store verify` and `store rebuild` of the per-customer case summaries
/// (`FileCaseRepository+CustomerSummaries.swift`).
extension FileCaseRepository {
  /// The customers' summaries that are damaged (a line whose checksum does not hold and that
  /// is not the last; a file in the older format whose checksum does not hold, as a torn state
  /// cache is reported), and the lines that `customer cases` would serve (their case's log ends
  /// where they say) but that differ from their case. A torn last line (a cut during its
  /// append, which is not flushed) is `behind` the histories, not damage, as records of the
  /// report facts torn by a cut are: readers read past it, and the record's next append (it
  /// compacts the file) or `store rebuild` writes the file again. A missing file and a stale
  /// line are not named at all (a crash or an older dcmc leaves one: the cases are read from
  /// their caches).
  func customerSummaryProblems() throws(RepositoryError) -> (damaged: [String], behind: [String]) {
    var problems: [String] = []
    var behind: [String] = []
    let streams = openStreams()
    defer { streams.map(store.fileSystem.close) }
    for (customer, name) in try summaryFiles() {
      guard let key = customer else { continue }
      let path = customerSummariesPath(key)
      // Listed just before, so a file not read is a torn one (verify holds the lock).
      guard let summaries = try wrap({ () throws(StoreError) in try customerSummaries(at: path) }) else {
        problems.append(
          "\(Self.customerCaseDirectory)/\(name): torn (its checksum does not hold), so it differs from its history")
        continue
      }
      for number in summaries.damagedLines {
        problems.append(
          "\(Self.customerCaseDirectory)/\(name): line \(number) is torn (its checksum does not hold), "
            + "so it differs from its history")
      }
      if summaries.hasTornTail {
        behind.append(
          "\(Self.customerCaseDirectory)/\(name): its last line is torn by a cut: it is behind the histories")
      }
      let lines = summaries.summaries
      for id in lines.keys.sorted() {
        guard let line = lines[id], let stream = try? StoreID(id), isCurrent(line, of: stream, in: streams) else {
          continue
        }
        let state: CaseState?
        do throws(RepositoryError) { state = try read(stream) } catch {
          // The case's own damage is reported where the case is checked.
          guard Self.damage(in: error) != nil else { throw error }
          continue
        }
        guard let state, CaseSummary(state) == line.summary, state.customer == line.customer,
          state.version == line.version
        else {
          problems.append("\(Self.customerCaseDirectory)/\(name): the line of case '\(id)' differs from its history")
          continue
        }
      }
    }
    return (problems, behind)
  }

  /// How far each case's history went by the lines of the customers' case summaries: the
  /// furthest (`HistoryChain`) any newest line of a case records, by case id. A line written
  /// before lines recorded it, and a file that does not read, give none. A line is appended
  /// only after its case's events were flushed and a log only grows, so even a stale line, or
  /// one in the summaries of a record the case has left, is evidence of how far the history
  /// went (`historyDamage`).
  func summaryHistories() throws(RepositoryError) -> [String: HistoryChain] {
    var found: [String: HistoryChain] = [:]
    for (customer, _) in try summaryFiles() {
      guard let customer, let file = try? customerSummaries(at: customerSummariesPath(customer)) else { continue }
      for (id, line) in file.summaries {
        guard let chain = line.history, chain.sequence > (found[id]?.sequence ?? 0) else { continue }
        found[id] = chain
      }
    }
    return found
  }

  /// Writes every customer's summaries again from the cases filed under it (those linked to it
  /// now whose history reads whole) when their lines differ, or the file has a damaged or torn
  /// line, and removes the summaries of records with no case filed. A file in the older format
  /// whose lines are right is left (it is read as it is; its next append rewrites it). Returns
  /// the files it changed. The lines of the `kept` cases (refused as damaged) stay as they
  /// are: they may be the evidence of how far their history went.
  func rebuildCustomerSummaries(keeping kept: Set<StoreID>) throws(RepositoryError) -> [String] {
    let scan = try wrap { () throws(StoreError) in
      try IndexScan.customerCases(in: store.root, fileSystem: store.fileSystem)
    }
    let filed = Dictionary(grouping: scan.entries) { $0.key[0] }
    var repaired: [String] = []
    for (customer, entries) in filed.sorted(by: { $0.key < $1.key }) {
      var expected = CustomerSummaries()
      let path = customerSummariesPath(customer)
      let current = (try? customerSummaries(at: path)) ?? nil
      for entry in entries {
        if kept.contains(entry.name) {
          if let line = current?.lines[entry.name.rawValue] { expected.set(line) }
        } else if let line = try expectedLine(of: entry.name, linkedTo: customer) {
          expected.set(line, ofCase: entry.name.rawValue)
        }
      }
      let isRight = current.map { $0.lines == expected.lines && $0.damagedLines.isEmpty && !$0.hasTornTail }
      if isRight != true, current != nil || !expected.lines.isEmpty {
        try wrap { () throws(StoreError) in try writeSummaries(expected, at: path) }
        repaired.append("\(Self.customerCaseDirectory)/.\(customer)\(Self.customerSummariesSuffix)")
      }
    }
    for (customer, name) in try summaryFiles() where customer.map({ filed[$0] == nil }) ?? true {
      try wrap { () throws(StoreError) in
        try io(store.fileSystem.unlink(store.root + "/" + Self.customerCaseDirectory + "/" + name))
      }
      repaired.append("\(Self.customerCaseDirectory)/\(name) removed")
    }
    return repaired
  }

  /// The line of case `stream` in `customer`'s summaries; `nil` when it is not linked to that
  /// record, is damaged or its log has a torn tail (it is read from its cache).
  private func expectedLine(of stream: StoreID, linkedTo customer: StoreID) throws(RepositoryError) -> [UInt8]? {
    let state: CaseState?
    do throws(RepositoryError) { state = try read(stream) } catch {
      guard Self.damage(in: error) != nil else { throw error }
      return nil
    }
    guard let state, state.customer == customer.rawValue,
      let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Store.logPath(stream)) }),
      let scan = try? History.Scan(bytes, path: Store.logPath(stream).absolute(in: store.root)),
      scan.count == state.version, let tail = LogTail(log: bytes, validLength: scan.validLength)
    else { return nil }
    return CustomerSummaries.line(state, history: scan.chain, tail: tail)
  }

  /// The summaries files in `by-customer/`: each name, with the record it is of (`nil`: a name
  /// that names no record).
  func summaryFiles() throws(RepositoryError) -> [(customer: StoreID?, name: String)] {
    let listed = try wrap { () throws(StoreError) -> [DirectoryEntry] in
      do throws(StoreError) {
        return try io(store.fileSystem.list(store.root + "/" + Self.customerCaseDirectory))
      } catch  where error.code == ENOENT {
        return []
      }
    }
    return listed.map(\.name).filter { $0.hasPrefix(".") && $0.hasSuffix(Self.customerSummariesSuffix) }.sorted()
      .map { name in (try? StoreID(String(name.dropFirst().dropLast(Self.customerSummariesSuffix.count))), name) }
  }
}
