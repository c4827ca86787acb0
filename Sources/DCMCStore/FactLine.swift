import DCMCApplication

/// One line of a day file in the format of earlier dcmc (`facts/YYYY/MM/DD.csv`, `docs/store.md`,
/// "Report facts"), read until `store rebuild` converts it to `FactRecord`s:
/// a line feed, the fact's CSV line (`ReportFact.csvLine`), a comma and the CRC-32C of that
/// CSV line in 8 lowercase hex digits. The line feed comes first so that a write a crash tore
/// never joins the next fact: the torn part stands alone on its line and fails its checksum.
package enum FactLine {
  package static func encode(_ fact: ReportFact) -> [UInt8] {
    let line = fact.csvLine
    let crc = CRC32C.checksum(line)
    var bytes: [UInt8] = [10]
    bytes.reserveCapacity(line.count + 10)
    bytes += line
    bytes.append(44)
    for digit in 0..<8 { bytes.append(hexDigits[Int(crc >> (28 - 4 * UInt32(digit)) & 0xF)]) }
    return bytes
  }

  /// Calls `visit` with each fact of a day file, in order, and `bad` with the 1-based number
  /// of each line that is not a whole fact (torn, or damaged); empty lines are separators.
  static func each(_ bytes: [UInt8], bad: (Int) -> Void = { _ in }, _ visit: (ReportFact) -> Void) {
    for (index, line) in bytes.split(separator: 10, omittingEmptySubsequences: false).enumerated()
    where !line.isEmpty {
      guard let fact = decode(line) else {
        bad(index + 1)
        continue
      }
      visit(fact)
    }
  }

  /// The fact of one line (without its line feed); `nil` when its checksum or CSV fails.
  static func decode(_ line: ArraySlice<UInt8>) -> ReportFact? {
    guard line.count > 9, line[line.endIndex - 9] == 44 else { return nil }
    let csv = line[line.startIndex..<(line.endIndex - 9)]
    var crc: UInt32 = 0
    for byte in line[(line.endIndex - 8)...] {
      guard let digit = hexDigits.firstIndex(of: byte) else { return nil }
      crc = crc << 4 | UInt32(digit)
    }
    guard CRC32C.checksum(csv) == crc else { return nil }
    return ReportFact(csvLine: csv)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}
