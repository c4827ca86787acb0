public import DCMCApplication
public import DCMCCalendar
import DCMCJSON

/// The API tokens (`TokenRepository`): one file, `tokens.json`, `{"tokens": [record...]}`,
/// replaced whole (temporary file, fsync, rename, directory fsync) under the store's lock. It
/// is not derived from anything: `store verify` checks that it reads and that each record holds
/// its checksum (`RecordCheck`, `tokenProblems`); `store rebuild` only writes again, with a
/// checksum each, records written before records carried one (`sealTokens`). A handful of
/// tokens per store: one small file.
extension FileCaseRepository: TokenRepository {
  static let tokensPath = StorePath([StoreID(derived: "tokens.json")])

  public func tokens() throws(RepositoryError) -> [TokenRecord] {
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.tokensPath) }
    guard let bytes else { return [] }
    return try wrap { () throws(StoreError) in try Self.trustedTokens(bytes).records }
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

  /// What `store verify` finds wrong with `tokens.json`: damage when it does not read or a
  /// record does not hold its checksum; behind when records were written before they carried
  /// one (`store rebuild` writes them again with it). Nothing when it is absent: nothing else
  /// in the store records a token (docs/store.md, "Tokens and status links").
  func tokenProblems() throws(RepositoryError) -> (damaged: [String], behind: [String]) {
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.tokensPath) }
    guard let bytes else { return ([], []) }
    guard let file = Self.tokenFile(bytes) else {
      return (["tokens.json is not a list of token records: every token in it is refused until it is restored"], [])
    }
    if let damage = file.damage { return (["tokens.json: \(damage)"], []) }
    guard file.unchecked > 0 else { return ([], []) }
    return ([], ["tokens.json: \(RecordCheck.unchecked(file.unchecked)): 'dcmc store rebuild' adds it"])
  }

  /// `tokens.json` written again with a checksum in each record when some were written before
  /// records carried one (`store rebuild`); what it repaired. A file that does not read or
  /// holds a record not holding its checksum is left as it is, and so is one that is not a
  /// regular file (verify names it): nothing derives a token.
  func sealTokens(_ transaction: StoreTransaction) throws(RepositoryError) -> [String] {
    try wrap { () throws(StoreError) in
      let read: [UInt8]?
      do throws(StoreError) {
        read = try store.contents(of: Self.tokensPath)
      } catch where error.isNotRegularFile {
        return []
      }
      guard let bytes = read, let file = Self.tokenFile(bytes), file.damage == nil, file.unchecked > 0 else { return [] }
      try transaction.replace(Self.tokensPath, with: Self.tokensBytes(file.records))
      return ["tokens.json (\(RecordCheck.unchecked(file.unchecked)), now with one)"]
    }
  }

  private func changeTokens(_ change: (inout [TokenRecord]) -> Void) throws(RepositoryError) {
    try wrap { () throws(StoreError) in
      try store.write { transaction throws(StoreError) in
        var records: [TokenRecord] = []
        if let bytes = try store.contents(of: Self.tokensPath) { records = try Self.trustedTokens(bytes).records }
        change(&records)
        try transaction.replace(Self.tokensPath, with: Self.tokensBytes(records))
      }
    }
  }

  /// `tokens.json`'s bytes for `records`, each with its checksum.
  private static func tokensBytes(_ records: [TokenRecord]) -> [UInt8] {
    JSONValue.object([("tokens", .array(records.map { RecordCheck.sealed($0.storedJSON) }))]).compact() + [10]
  }

  /// `tokens.json` as read: its records, how many carry no checksum (written before records
  /// did), and what is wrong when a record does not hold its checksum.
  private struct TokenFile {
    var records: [TokenRecord] = []
    var unchecked = 0
    var damage: String?
  }

  /// The records of `bytes`, refused (naming `tokens.json`) when the file does not read or a
  /// record does not hold its checksum: every token is refused then, as for a file that does
  /// not read, and no change writes over it.
  private static func trustedTokens(_ bytes: [UInt8]) throws(StoreError) -> TokenFile {
    guard let file = tokenFile(bytes) else {
      throw .malformedRecord(path: "tokens.json", reason: "is not a list of token records")
    }
    if let damage = file.damage { throw .malformedRecord(path: "tokens.json", reason: damage) }
    return file
  }

  /// `bytes` read as `tokens.json`; `nil` when it is not a list of token records.
  private static func tokenFile(_ bytes: [UInt8]) -> TokenFile? {
    guard case .object(let members)? = try? JSONValue.parse(bytes, limits: .store),
      let list = members.first(where: { $0.0 == "tokens" })?.1, case .array(let values) = list
    else { return nil }
    var file = TokenFile()
    for (index, value) in values.enumerated() {
      let record: JSONValue
      switch RecordCheck.read(value) {
      case .broken:
        file.damage =
          file.damage
          ?? "record \(index + 1)\(RecordCheck.naming(value, as: "token")) does not hold its checksum (edited, or "
          + "damaged on the disk): every token is refused until the file is restored from a backup"
        continue
      case .checked(let checked): record = checked
      case .unchecked(let unchecked):
        record = unchecked
        file.unchecked += 1
      }
      guard let token = TokenRecord(stored: record) else { return nil }
      file.records.append(token)
    }
    return file
  }
}
