import DCMCApplication

/// A day's rollup file (`facts/YYYY/MM/DD.rollup`, `docs/store.md`, "Report facts"): the
/// `FactsRollup` of the day file's first `length` bytes, so a report reads it instead of them.
///
///     "dcmcru1\n" | length: u64 | tail: u32 | body | CRC-32C of all before: u32
///
/// (integers little-endian). `tail` is the CRC-32C of the last `tailSize` bytes (or fewer) of
/// those `length` bytes: a rollup is used only when the day file is still `length` bytes long
/// and ends with them, so one left behind by later appends, or by a day file written again,
/// is known stale and the day file decoded. The body is the rollup's encoding, the one
/// PostgreSQL keeps too (`FactsRollup.encode(into:)`, in the application core).
package enum RollupFile {
  static let magic = Array("dcmcru1\n".utf8)
  static let tailSize = 4096

  /// What the rollup of a day file's `length` bytes was made from, to check it still holds.
  package struct Cover: Equatable {
    var length: Int
    var tail: UInt32

    /// The cover of `bytes`, a day file's first bytes.
    init(of bytes: [UInt8]) {
      length = bytes.count
      tail = CRC32C.checksum(bytes[max(0, bytes.count - RollupFile.tailSize)...])
    }

    init(length: Int, tail: UInt32) { (self.length, self.tail) = (length, tail) }
  }

  package static func encode(_ rollup: FactsRollup, cover: Cover) -> [UInt8] {
    var bytes = magic
    withUnsafeBytes(of: UInt64(cover.length).littleEndian) { bytes += $0 }
    withUnsafeBytes(of: cover.tail.littleEndian) { bytes += $0 }
    rollup.encode(into: &bytes)
    withUnsafeBytes(of: CRC32C.checksum(bytes).littleEndian) { bytes += $0 }
    return bytes
  }

  /// The rollup in `bytes` and what it covers; `nil` when they are not a whole rollup file.
  package static func decode(_ bytes: [UInt8]) -> (rollup: FactsRollup, cover: Cover)? {
    let headerSize = magic.count + 12
    guard bytes.count >= headerSize + 4, Array(bytes[..<magic.count]) == magic else { return nil }
    let end = bytes.count - 4
    guard CRC32C.checksum(bytes[..<end]) == littleEndian(bytes, at: end, size: 4) else { return nil }
    let cover = Cover(
      length: Int(littleEndian(bytes, at: magic.count, size: 8)),
      tail: UInt32(littleEndian(bytes, at: magic.count + 8, size: 4)))
    guard let rollup = FactsRollup(encoded: bytes, from: headerSize, to: end) else { return nil }
    return (rollup, cover)
  }

  private static func littleEndian(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
    (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
  }
}

