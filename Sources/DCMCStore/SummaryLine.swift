import DCMCApplication
import DCMCJSON

/// One line of a customer's case summaries (`CustomerSummaries`), framed so that it can be
/// appended alone and checked alone: `<crc32c> <number> <live> <summary>` and a line break.
///
/// - `crc32c`: 8 lowercase hex digits, the CRC-32C of the rest of the line (from the space
///   after them to the end, the line break excluded);
/// - `number`: the line's 1-based position in the file since it was last written whole;
/// - `live`: how many cases the writer counted with a line in the file once this one is
///   added (exact when the file is written whole, kept by each append from the cases that
///   join or leave the record), which decides when the file is compacted;
/// - `summary`: the case's compact object (`CustomerSummaries.line`), which starts with its
///   `id`, or `{"id":"<case id>"}` alone when the case has left the record.
package struct SummaryLine: Equatable, Sendable {
  package var number: Int
  package var live: Int
  /// The compact object, starting with `{"id":"<case id>"`.
  package var summary: ArraySlice<UInt8>

  package init(_ summary: ArraySlice<UInt8>, number: Int, live: Int) {
    (self.summary, self.number, self.live) = (summary, number, live)
  }

  /// The line in `bytes` (without its line break); `nil` when its checksum does not hold or
  /// it is not a framed line.
  package init?(_ bytes: ArraySlice<UInt8>) {
    let start = bytes.startIndex
    guard bytes.count > 13, bytes[start + 8] == Self.space else { return nil }
    let rest = bytes[(start + 9)...]
    guard let crc = Self.hexValue(bytes[start..<(start + 8)]), crc == CRC32C.checksum(bytes[(start + 8)...]),
      let firstSpace = rest.firstIndex(of: Self.space),
      let secondSpace = rest[(firstSpace + 1)...].firstIndex(of: Self.space),
      let number = StateSummary.integer(rest[..<firstSpace]),
      let live = StateSummary.integer(rest[(firstSpace + 1)..<secondSpace])
    else { return nil }
    self.init(rest[(secondSpace + 1)...], number: number, live: live)
    guard caseKey != nil else { return nil }
  }

  /// The case id's bytes in a framed line (without its line break), its checksum not checked:
  /// what a reader that keeps only the newest line of each case passes older lines over by.
  /// `nil` when the line is not framed or its summary does not start with an id.
  static func caseKeyBytes(ofLine bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
    let start = bytes.startIndex
    guard bytes.count > 13, bytes[start + 8] == Self.space,
      let firstSpace = bytes[(start + 9)...].firstIndex(of: Self.space),
      let secondSpace = bytes[(firstSpace + 1)...].firstIndex(of: Self.space)
    else { return nil }
    let summary = bytes[(secondSpace + 1)...]
    guard summary.starts(with: idPrefix) else { return nil }
    let keyStart = summary.startIndex + idPrefix.count
    guard let keyEnd = summary[keyStart...].firstIndex(of: UInt8(ascii: "\"")), keyEnd > keyStart else { return nil }
    return summary[keyStart..<keyEnd]
  }

  /// The framed line and its line break.
  package var bytes: [UInt8] {
    let body = [Self.space] + Array("\(number) \(live) ".utf8) + summary
    return HistoryRecord.hex(CRC32C.checksum(body)) + body + [10]
  }

  /// The case's id as its summary spells it (between the quotes after `{"id":`); `nil` when
  /// the summary does not start with one.
  package var caseKey: String? { Self.caseKey(of: summary) }

  /// Whether the line says its case has left the record: `{"id":"<case id>"}` alone.
  package var isRemoval: Bool {
    guard let key = caseKey else { return false }
    return summary.count == Self.idPrefix.count + key.utf8.count + 2
  }

  /// `{"id":"<case id>"}`: the summary of a case that has left the record.
  package static func removal(ofCase id: String) -> [UInt8] {
    JSONValue.object([("id", .string(id))]).compact()
  }

  static func caseKey(of summary: ArraySlice<UInt8>) -> String? {
    guard summary.starts(with: idPrefix) else { return nil }
    let start = summary.startIndex + idPrefix.count
    guard let end = summary[start...].firstIndex(of: UInt8(ascii: "\"")), end > start else { return nil }
    return String(decoding: summary[start..<end], as: UTF8.self)
  }

  private static let idPrefix = Array(#"{"id":""#.utf8)
  private static let space = UInt8(ascii: " ")

  private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
    var value: UInt32 = 0
    for digit in digits {
      switch digit {
      case 0x30...0x39: value = value << 4 | UInt32(digit - 0x30)
      case 0x61...0x66: value = value << 4 | UInt32(digit - 0x61 + 10)
      default: return nil
      }
    }
    return value
  }
}
