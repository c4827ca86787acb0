/// Standard base64 (RFC 4648 section 4), decoded strictly: the alphabet `A-Z a-z 0-9 + /`,
/// a length that is a multiple of four, `=` padding only at the end and unused bits zero, so
/// that one text stands for one byte string. The API takes a file this way in JSON
/// (`POST /api/v1/cases/{id}/attachments`).
package enum Base64 {
  /// The bytes `text` encodes; `nil` when it is not strict base64.
  package static func decode(_ text: String) -> [UInt8]? {
    let units = Array(text.utf8)
    guard units.count % 4 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(units.count / 4 * 3)
    var index = 0
    while index < units.count {
      let last = index + 4 == units.count
      let padding = last ? units[(index + 2)...].filter { $0 == UInt8(ascii: "=") }.count : 0
      // Padding only as the group's last one or two characters.
      if padding == 1, units[index + 3] != UInt8(ascii: "=") { return nil }
      if padding == 2, units[index + 2] != UInt8(ascii: "=") { return nil }
      var group: UInt32 = 0
      for offset in 0..<(4 - padding) {
        guard let value = Self.value(units[index + offset]) else { return nil }
        group = group << 6 | UInt32(value)
      }
      group <<= UInt32(6 * padding)
      // Unused bits of a padded group are zero (else two texts would decode alike).
      if padding == 1, group & 0xFF != 0 { return nil }
      if padding == 2, group & 0xFFFF != 0 { return nil }
      bytes.append(UInt8(truncatingIfNeeded: group >> 16))
      if padding < 2 { bytes.append(UInt8(truncatingIfNeeded: group >> 8)) }
      if padding < 1 { bytes.append(UInt8(truncatingIfNeeded: group)) }
      index += 4
    }
    return bytes
  }

  /// The value of one character of the alphabet; `nil` for any other (`=` included).
  private static func value(_ unit: UInt8) -> UInt8? {
    switch unit {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): unit - UInt8(ascii: "A")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): unit - UInt8(ascii: "a") + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): unit - UInt8(ascii: "0") + 52
    case UInt8(ascii: "+"): 62
    case UInt8(ascii: "/"): 63
    default: nil
    }
  }
}
