import DCMCJSON
public import DCMCRuntime

/// The format of `states/<case id>.json`, a cache of a case's history: the state as one line
/// of JSON (keys sorted; `docs/store.md`, "The state cache"; a format-1 state is read too),
/// then a line `{"crc32c":"xxxxxxxx"}` with the CRC-32C of the first line. Both lines are JSON, so `jq` reads the file; the checksum lets a reader refuse a
/// cache that a crash during its in-place rewrite left torn or mixed, even one that still
/// parses.
public enum StateCache {
  public static func encode(_ state: CaseState) -> [UInt8] {
    let line = state.json.compact()
    return line + [10] + checksumLine(of: line)
  }

  /// The state a cache holds, or `nil` when it is torn, mixed or not a cache.
  public static func decode(_ bytes: [UInt8]) -> CaseState? {
    guard let newline = bytes.firstIndex(of: 10) else { return nil }
    let line = bytes[..<newline]
    guard Array(bytes[(newline + 1)...]) == checksumLine(of: line) else { return nil }
    return try? CaseState(json: JSONValue.parse(Array(line), limits: .store))
  }

  /// `{"crc32c":"xxxxxxxx"}` and a line break: the CRC-32C of `line` in 8 lowercase hex digits.
  private static func checksumLine(of line: some Collection<UInt8>) -> [UInt8] {
    let crc = String(CRC32C.checksum(line), radix: 16)
    return JSONValue.object([("crc32c", .string(String(repeating: "0", count: 8 - crc.count) + crc))]).compact() + [10]
  }
}
