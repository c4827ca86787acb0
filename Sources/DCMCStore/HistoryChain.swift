/// How far a history went: the sequence number of its last record and a CRC-32C chained over
/// its records' checksums, `c(0)` = 0, `c(n)` = CRC-32C(`c(n-1)` || `crc(n)`), both as 4
/// big-endian bytes, where `crc(n)` is record `n`'s own CRC-32C (of its header and payload,
/// the one its line stores). A state cache records it, so a history cut short (even at a
/// record boundary, where every remaining record is whole), edited or replaced by another is
/// seen as damage, not taken for the truth (`docs/store.md`, "How far a history went").
///
/// A log's scan computes it as it checks each record's CRC, so every read compares it for free
/// and an append extends it without hashing anything again.
public struct HistoryChain: Sendable, Equatable, CustomStringConvertible {
  /// The last record's sequence number; 0 for no record.
  public private(set) var sequence: Int
  /// The chained CRC-32C.
  public private(set) var value: UInt32

  /// The chain of no record.
  public static let empty = HistoryChain(sequence: 0, value: 0)

  init(sequence: Int, value: UInt32) {
    self.sequence = sequence
    self.value = value
  }

  /// The chain over `records`, from the first.
  public init(_ records: some Sequence<HistoryRecord>) {
    self = HistoryChain.empty.extended(with: records)
  }

  /// The chain after `records`, which follow the last one this chain covers.
  public func extended(with records: some Sequence<HistoryRecord>) -> HistoryChain {
    var chain = self
    for record in records { chain.append(record.checksum, sequence: record.sequence) }
    return chain
  }

  /// Extends the chain by record `sequence`, whose CRC-32C is `crc`.
  mutating func append(_ crc: UInt32, sequence: Int) {
    // The two words big-endian, on the stack: an array of them cost an allocation a record.
    value = withUnsafeBytes(of: (value.bigEndian, crc.bigEndian)) { CRC32C.checksum($0) }
    self.sequence = sequence
  }

  /// `crc32c:` and the chained value in 8 lowercase hex digits, as the state cache writes it.
  public var text: String {
    let hex = String(value, radix: 16)
    return "crc32c:" + String(repeating: "0", count: 8 - hex.count) + hex
  }

  /// The chain a state cache wrote (`text` as `text` gives it); `nil` when it is not one.
  init?(sequence: Int, text: String) {
    let hex = text.utf8.dropFirst(7)
    guard sequence >= 0, text.hasPrefix("crc32c:"), hex.count == 8,
      hex.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
      let value = UInt32(String(decoding: hex, as: UTF8.self), radix: 16)
    else { return nil }
    self.init(sequence: sequence, value: value)
  }

  public var description: String { "event \(sequence) (\(text))" }
}
