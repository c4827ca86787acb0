internal import CCRC32C

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR
/// 0xFFFFFFFF), the checksum of iSCSI, ext4 metadata and LevelDB's log.
///
/// Contiguous bytes go through the processor's `crc32` instruction where it has one (SSE 4.2,
/// `CCRC32C`: 8 bytes an instruction), else 8 at a time through 8 tables ("slicing-by-8",
/// Intel's method); any other sequence a byte at a time through the first table. All give the
/// same value (`CRC32CTests`).
package enum CRC32C {
  /// The CRC of `bytes`, continuing from `crc` (the CRC of the bytes before them; 0 to start).
  package static func checksum<Bytes: Sequence>(_ bytes: Bytes, continuing crc: UInt32 = 0) -> UInt32
  where Bytes.Element == UInt8 {
    if let value = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), continuing: crc) }) {
      return value
    }
    var value = ~crc
    for byte in bytes {
      value = tables[Int((value ^ UInt32(byte)) & 0xff)] ^ (value >> 8)
    }
    return ~value
  }

  /// The CRC of `buffer`, continuing from `crc`.
  package static func checksum(_ buffer: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    hardwareChecksum(buffer, continuing: crc) ?? tableChecksum(buffer, continuing: crc)
  }

  /// Whether this processor computes the CRC with its own instruction.
  package static let hasHardware = dcmc_crc32c_hardware_available() != 0

  /// The CRC of `buffer` by the processor's instruction; `nil` on a processor without one.
  package static func hardwareChecksum(_ buffer: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32? {
    guard hasHardware else { return nil }
    guard let base = buffer.baseAddress else { return crc }
    return ~dcmc_crc32c_hardware_update(~crc, base, buffer.count)
  }

  /// The CRC of `buffer` by the tables, 8 bytes at a time.
  package static func tableChecksum(_ buffer: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    var value = ~crc
    tables.withUnsafeBufferPointer { table in
      var index = 0
      let count = buffer.count
      while count - index >= 8 {
        let low = value ^ UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: index, as: UInt32.self))
        let high = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self))
        value =
          table[7 * 256 + Int(low & 0xff)] ^ table[6 * 256 + Int((low >> 8) & 0xff)]
          ^ table[5 * 256 + Int((low >> 16) & 0xff)] ^ table[4 * 256 + Int(low >> 24)]
          ^ table[3 * 256 + Int(high & 0xff)] ^ table[2 * 256 + Int((high >> 8) & 0xff)]
          ^ table[256 + Int((high >> 16) & 0xff)] ^ table[Int(high >> 24)]
        index += 8
      }
      while index < count {
        value = table[Int((value ^ UInt32(buffer[index])) & 0xff)] ^ (value >> 8)
        index += 1
      }
    }
    return ~value
  }

  /// Eight tables of 256 entries, one after the other: table 0 is the CRC of each byte,
  /// table k the CRC of that byte followed by k zero bytes.
  private static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 8 * 256)
    for index in 0..<256 {
      var value = UInt32(index)
      for _ in 0..<8 {
        value = value & 1 == 1 ? (value >> 1) ^ 0x82F6_3B78 : value >> 1
      }
      tables[index] = value
    }
    for slice in 1..<8 {
      for index in 0..<256 {
        let previous = tables[(slice - 1) * 256 + index]
        tables[slice * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xff)]
      }
    }
    return tables
  }()
}
