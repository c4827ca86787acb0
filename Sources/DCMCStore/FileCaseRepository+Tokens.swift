public import DCMCApplication
public import DCMCCalendar
import DCMCJSON

/// The API tokens (`TokenRepository`): one file, `tokens.json`, `{"tokens": [record...]}`,
/// replaced whole (temporary file, fsync, rename, directory fsync) under the store's lock. It
/// is not derived from anything: `store rebuild` leaves it alone and `store verify` checks
/// that it reads (`tokenProblems`). A handful of tokens per store: one small file.
extension FileCaseRepository: TokenRepository {
  static let tokensPath = StorePath([StoreID(derived: "tokens.json")])

  public func tokens() throws(RepositoryError) -> [TokenRecord] {
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.tokensPath) }
    guard let bytes else { return [] }
    guard let records = Self.tokenRecords(bytes) else {
      throw .unavailable(StoreError.malformedRecord(path: "tokens.json", reason: "is not a list of token records"))
    }
    return records
  }

  public func addToken(_ record: TokenRecord) throws(RepositoryError) {
    try changeTokens { records in records.append(record) }
  }

  public func revokeToken(_ id: String, at instant: Instant) throws(RepositoryError) -> TokenRecord? {
    var revoked: TokenRecord?
    try changeTokens { records in
      guard let index = records.firstIndex(where: { $0.id == id }) else { return }
      if records[index].revoked == nil { records[index].revoked = instant }
      revoked = records[index]
    }
    return revoked
  }

  /// What tells one version of `tokens.json` from the next (it is replaced whole by each
  /// change, by this process or another), for the server's cache of the tokens; `nil` when
  /// the file system cannot tell or there is no file.
  public func tokensVersion() throws(RepositoryError) -> String? {
    try wrap { () throws(StoreError) in
      try io(store.fileSystem.identity(Self.tokensPath.absolute(in: store.root)))
    }
  }

  /// What `store verify` finds wrong with `tokens.json`: nothing when it is absent or reads.
  func tokenProblems() throws(RepositoryError) -> [String] {
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.tokensPath) }
    guard let bytes, Self.tokenRecords(bytes) == nil else { return [] }
    return ["tokens.json is not a list of token records: every token in it is refused until it is restored"]
  }

  private func changeTokens(_ change: (inout [TokenRecord]) -> Void) throws(RepositoryError) {
    try wrap { () throws(StoreError) in
      try store.write { transaction throws(StoreError) in
        var records: [TokenRecord] = []
        if let bytes = try store.contents(of: Self.tokensPath) {
          guard let read = Self.tokenRecords(bytes) else {
            throw .malformedRecord(path: "tokens.json", reason: "is not a list of token records")
          }
          records = read
        }
        change(&records)
        let file = JSONValue.object([("tokens", .array(records.map(\.storedJSON)))])
        try transaction.replace(Self.tokensPath, with: file.compact() + [10])
      }
    }
  }

  private static func tokenRecords(_ bytes: [UInt8]) -> [TokenRecord]? {
    guard case .object(let members)? = try? JSONValue.parse(bytes, limits: .store),
      let list = members.first(where: { $0.0 == "tokens" })?.1, case .array(let values) = list
    else { return nil }
    let records = values.compactMap(TokenRecord.init(stored:))
    return records.count == values.count ? records : nil
  }
}
