/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR
/// 0xFFFFFFFF), the checksum of iSCSI, ext4 metadata and LevelDB's log, computed with one
/// 256-entry table, a byte at a time.
package enum CRC32C {
  /// The CRC of `bytes`, continuing from `crc` (the CRC of the bytes before them; 0 to start).
  package static func checksum<Bytes: Sequence>(_ bytes: Bytes, continuing crc: UInt32 = 0) -> UInt32
  where Bytes.Element == UInt8 {
    var value = ~crc
    for byte in bytes {
      value = table[Int((value ^ UInt32(byte)) & 0xff)] ^ (value >> 8)
    }
    return ~value
  }

  /// The CRC of `buffer`, continuing from `crc`.
  package static func checksum(_ buffer: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    var value = ~crc
    table.withUnsafeBufferPointer { table in
      for byte in buffer {
        value = table[Int((value ^ UInt32(byte)) & 0xff)] ^ (value >> 8)
      }
    }
    return ~value
  }

  private static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 {
      value = value & 1 == 1 ? (value >> 1) ^ 0x82F6_3B78 : value >> 1
    }
    return value
  }
}
