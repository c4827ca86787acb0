import DCMCBundle

/// How far a history went: the sequence number of its last record and a SHA-256 chained over
/// its records, `h(0)` = 32 zero bytes, `h(n)` = SHA-256(`h(n-1)` || the bytes of record
/// `n`'s line, newline included). A state cache records it, so a history cut short (even at a
/// record boundary, where every remaining record is whole) or replaced by another is seen as
/// damage, not taken for the truth (`docs/store.md`, "How far a history went").
///
/// Extending it costs one SHA-256 of the new records: an append never hashes the log again.
public struct HistoryChain: Sendable, Equatable, CustomStringConvertible {
  /// The last record's sequence number; 0 for no record.
  public private(set) var sequence: Int
  /// The 32-byte chained digest.
  public private(set) var digest: [UInt8]

  /// The chain of no record.
  public static let empty = HistoryChain(sequence: 0, digest: Array(repeating: 0, count: 32))

  init(sequence: Int, digest: [UInt8]) {
    self.sequence = sequence
    self.digest = digest
  }

  /// The chain over `records`, from the first.
  public init(_ records: some Sequence<HistoryRecord>) {
    self = HistoryChain.empty.extended(with: records)
  }

  /// The chain after `records`, which follow the last one this chain covers.
  public func extended(with records: some Sequence<HistoryRecord>) -> HistoryChain {
    var chain = self
    for record in records {
      var hasher = SHA256()
      hasher.update(chain.digest)
      hasher.update(record.encoded())
      chain.digest = hasher.finalize()
      chain.sequence = record.sequence
    }
    return chain
  }

  /// `sha256:` and the digest in 64 lowercase hex digits, as the state cache writes it.
  public var hash: String {
    let digits = Array("0123456789abcdef".utf8)
    return "sha256:"
      + String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
  }

  /// The chain a state cache wrote (`hash` as `hash` gives it); `nil` when `hash` is not one.
  init?(sequence: Int, hash: String) {
    guard sequence >= 0, hash.hasPrefix("sha256:") else { return nil }
    let hex = Array(hash.utf8.dropFirst(7))
    guard hex.count == 64 else { return nil }
    var digest: [UInt8] = []
    for index in stride(from: 0, to: 64, by: 2) {
      guard let byte = UInt8(String(decoding: hex[index..<(index + 2)], as: UTF8.self), radix: 16) else { return nil }
      digest.append(byte)
    }
    self.init(sequence: sequence, digest: digest)
  }

  public var description: String { "event \(sequence) (\(hash))" }
}
