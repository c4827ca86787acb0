public import DCMCApplication
import DCMCJSON
public import DCMCRuntime

/// The format of `states/<case id>.json`, a cache of a case's history: the state as one line
/// of JSON (keys sorted; `docs/store.md`, "The state cache"; a format-1 state is read too),
/// with a `history` member that says how far the history went (`HistoryChain`), then a line
/// `{"crc32c":"xxxxxxxx"}` with the CRC-32C of the first line. Both lines are JSON, so `jq`
/// reads the file; the checksum lets a reader refuse a cache that a crash during its in-place
/// rewrite left torn or mixed, even one that still parses.
public enum StateCache {
  /// What a cache holds: the state, and the chain of the history it was made from (`nil` in
  /// a cache written before caches recorded it, which gets it at its next write).
  public struct Contents: Sendable, Equatable {
    public var state: CaseState
    public var history: HistoryChain?
  }

  public static func encode(_ state: CaseState, history: HistoryChain?) -> [UInt8] {
    let line = state.compactJSON(merging: history.map { [("history", historyJSON($0))] } ?? [])
    return line + [10] + checksumLine(of: line)
  }

  /// The `history` member of `chain`: `{"chain":"crc32c:…","sequence":N}`.
  static func historyJSON(_ chain: HistoryChain) -> JSONValue {
    .object([("chain", .string(chain.text)), ("sequence", .number(String(chain.sequence)))])
  }

  /// The state a cache holds, or `nil` when it is torn, mixed or not a cache.
  public static func decode(_ bytes: [UInt8]) -> CaseState? { read(bytes)?.state }

  /// The state and history chain a cache holds, or `nil` when it is torn, mixed or not a cache.
  public static func read(_ bytes: [UInt8]) -> Contents? {
    guard let json = stateLine(bytes), let state = try? CaseState(json: json) else { return nil }
    return Contents(state: state, history: chain(json["history"]))
  }

  /// The chain a whole cache of case `id` records, without decoding its state: what an append
  /// compares with the log under the lock, where decoding the state again (the command was
  /// decided on it) was half the cost of reading the cache. `nil` when the cache is torn, mixed,
  /// not a cache, another case's, or records no chain.
  static func history(_ bytes: [UInt8], of id: String) -> HistoryChain? {
    guard let json = stateLine(bytes), case .string(id)? = json["id"] else { return nil }
    return chain(json["history"])
  }

  /// The first line of a cache parsed, when the second holds its checksum; `nil` when the
  /// cache is torn, mixed or not a cache.
  static func stateLine(_ bytes: [UInt8]) -> JSONValue? {
    guard let newline = bytes.firstIndex(of: 10) else { return nil }
    let line = bytes[..<newline]
    guard Array(bytes[(newline + 1)...]) == checksumLine(of: line) else { return nil }
    return try? JSONValue.parse(Array(line), limits: .store)
  }

  /// The chain of a `history` member; `nil` when there is none or it is not one.
  static func chain(_ json: JSONValue?) -> HistoryChain? {
    guard case .string(let chain)? = json?["chain"], case .number(let text)? = json?["sequence"],
      let sequence = Int(text)
    else { return nil }
    return HistoryChain(sequence: sequence, text: chain)
  }

  /// `{"crc32c":"xxxxxxxx"}` and a line break: the CRC-32C of `line` in 8 lowercase hex digits.
  static func checksumLine(of line: some Collection<UInt8>) -> [UInt8] {
    // Written out rather than built as a JSON value: every cache read compares this line.
    let crc = CRC32C.checksum(line)
    let digits = Array("0123456789abcdef".utf8)
    let hex = (0..<8).map { digit in digits[Int(crc >> (28 - 4 * digit) & 0xF)] }
    return Array(#"{"crc32c":""#.utf8) + hex + Array("\"}\n".utf8)
  }
}
