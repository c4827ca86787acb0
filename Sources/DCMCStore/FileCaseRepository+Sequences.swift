import DCMCApplication

/// The numbering files, `sequences/<case type>.json` and `customers/sequence.json`
/// (`{"last": "N"}`, written after each append that takes a number), checked against the
/// histories (`SequenceTally`) by `store verify` and rewritten from them by `store rebuild`.
///
/// A file behind the histories (missing, unreadable, or recording less than the highest
/// number an id was made with) makes the next create try numbers that are taken, one retry
/// each: a crash between an append and its refresh leaves it one behind, a lost file all
/// the way. A file ahead is no damage (numbers are skipped, never given twice), and stays.
/// Damaged histories are not counted: they are reported once, as themselves.
extension FileCaseRepository {
  static let customerSequencePath = StorePath([customers, StoreID(derived: "sequence.json")])

  /// The number the file at `path` records: `nil` when it is missing, `.some(nil)` when it
  /// does not read as `{"last": "N"}`.
  func recordedSequence(at path: StorePath) throws(RepositoryError) -> Int?? {
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: path) }) else { return nil }
    return .some(Self.strings(bytes)?["last"].flatMap { Int($0) })
  }

  /// A numbering file behind the histories: where, whose numbers, how far they went and what
  /// the file records (as `recordedSequence`).
  struct BehindSequence {
    var path: StorePath
    var numbered: String
    var last: Int
    var recorded: Int??
  }

  /// The numbering files behind the histories, the case types' by type, then the customers'.
  func sequencesBehind(_ tally: inout SequenceTally, customers: CustomerScan) throws(RepositoryError)
    -> [BehindSequence]
  {
    var counted: [(StorePath, String, Int)] = []
    for (type, last) in tally.cases.sorted(by: { $0.key < $1.key }) {
      guard let path = Self.sequencePath(type) else { continue }
      counted.append((path, "case type '\(type)'", last))
    }
    if let last = tally.customers(customers.records.keys, deployed: try deployedBundle()), last > 0 {
      counted.append((Self.customerSequencePath, "customers", last))
    }
    var behind: [BehindSequence] = []
    for (path, numbered, last) in counted {
      let recorded = try recordedSequence(at: path)
      if let number = recorded ?? nil, number >= last { continue }
      behind.append(BehindSequence(path: path, numbered: numbered, last: last, recorded: recorded))
    }
    return behind
  }

  /// `store verify`'s line for each numbering file behind the histories: `damaged` when it
  /// does not read (it is replaced whole, so no crash leaves that), else `behind` (a crash
  /// between an append and the file's refresh leaves it so; the next create or `store
  /// rebuild` writes it).
  func sequenceProblems(_ tally: inout SequenceTally, customers: CustomerScan) throws(RepositoryError)
    -> (damaged: [String], behind: [String])
  {
    var found: (damaged: [String], behind: [String]) = ([], [])
    for behind in try sequencesBehind(&tally, customers: customers) {
      let line = { (state: String) in
        "\(behind.path) \(state), behind the histories: \(behind.numbered) numbered up to \(behind.last)"
      }
      switch behind.recorded {
      case .none: found.behind.append(line("is missing"))
      case .some(.none): found.damaged.append(line("is not {\"last\": N}"))
      case .some(.some(let number)): found.behind.append(line("records \(number)"))
      }
    }
    return found
  }

  /// Rewrites each numbering file behind the histories with the last number they gave;
  /// returns what was repaired.
  func rebuildSequences(_ tally: inout SequenceTally, customers: CustomerScan, _ transaction: StoreTransaction)
    throws(RepositoryError) -> [String]
  {
    var repaired: [String] = []
    for behind in try sequencesBehind(&tally, customers: customers) {
      try wrap { () throws(StoreError) in
        try transaction.replace(behind.path, with: Self.json(["last": String(behind.last)]))
      }
      let was =
        switch behind.recorded {
        case .none: "none"
        case .some(.none): "unreadable"
        case .some(.some(let number)): String(number)
        }
      repaired.append("\(behind.path) (last \(behind.last), was \(was))")
    }
    return repaired
  }
}
