/// How far a history went: the sequence number of its last event and a CRC-32C chained over
/// its events' checksums, `c(0)` = 0, `c(n)` = CRC-32C(`c(n-1)` || `crc(n)`), both as 4
/// big-endian bytes, where `crc(n)` is event `n`'s own CRC-32C as its store keeps it: the
/// file store's record checksum (of its header and payload, the one its line stores;
/// `HistoryChain+Records` in DCMCStore), the PostgreSQL store's of the event's text in
/// `dcmc_case_events` (`extended(withEvent:sequence:)`). What was derived from a history
/// records it (a state cache, a customer's case summaries line, a case's row in `dcmc_cases`),
/// so a history cut short (even where every remaining event is whole), edited or replaced by
/// another is seen as damage, not taken for the truth (`docs/store.md`, "How far a history
/// went"; `docs/postgres.md`, "A case's history chain"). One implementation for both stores,
/// here because both import this module and neither the other.
///
/// An append extends it from the chain so far without reading the history again.
public struct HistoryChain: Sendable, Equatable, CustomStringConvertible {
  /// The last event's sequence number; 0 for no event.
  public private(set) var sequence: Int
  /// The chained CRC-32C.
  public private(set) var value: UInt32

  /// The chain of no event.
  public static let empty = HistoryChain(sequence: 0, value: 0)

  package init(sequence: Int, value: UInt32) {
    self.sequence = sequence
    self.value = value
  }

  /// Extends the chain by event `sequence`, whose own CRC-32C is `crc`.
  package mutating func append(_ crc: UInt32, sequence: Int) {
    // The two words big-endian, on the stack: an array of them cost an allocation a record.
    value = withUnsafeBytes(of: (value.bigEndian, crc.bigEndian)) { CRC32C.checksum($0) }
    self.sequence = sequence
  }

  /// The chain after event `sequence`, kept as the bytes `event` (its own CRC-32C is theirs):
  /// the PostgreSQL store's event texts.
  package func extended(withEvent event: some Collection<UInt8>, sequence: Int) -> HistoryChain {
    var chain = self
    chain.append(CRC32C.checksum(event), sequence: sequence)
    return chain
  }

  /// `crc32c:` and the chained value in 8 lowercase hex digits, as the state cache writes it.
  public var text: String {
    let hex = String(value, radix: 16)
    return "crc32c:" + String(repeating: "0", count: 8 - hex.count) + hex
  }

  /// The chain a store wrote (`text` as `text` gives it) after event `sequence`; `nil` when
  /// it is not one.
  package init?(sequence: Int, text: String) {
    let hex = text.utf8.dropFirst(7)
    guard sequence >= 0, text.hasPrefix("crc32c:"), hex.count == 8,
      hex.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
      let value = UInt32(String(decoding: hex, as: UTF8.self), radix: 16)
    else { return nil }
    self.init(sequence: sequence, value: value)
  }

  public var description: String { "event \(sequence) (\(text))" }
}
