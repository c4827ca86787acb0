import Testing

@testable import DCMCStore

/// A history record's line is byte for byte what the log format says (`HistoryRecord`): the
/// header, the CRC-32C of the header and payload in 8 lowercase hex digits, the payload, a
/// newline. The expected lines were computed outside dcmc (CRC-32C, polynomial 0x82F63B78).
struct HistoryRecordEncodingTests {
  @Test(arguments: [
    (7, 2, 3, #"{"a":1}"#, "7 2/3 7 429446fb {\"a\":1}\n"),
    (12, 1, 1, "a\nb", "12 1/1 3 c2b541e2 a\nb\n"),
  ])
  func aFixedRecordEncodesToItsKnownLine(
    _ sequence: Int, _ position: Int, _ count: Int, _ payload: String, _ line: String
  ) {
    let record = HistoryRecord(sequence: sequence, position: position, commandSize: count, payload: Array(payload.utf8))
    #expect(record.encoded() == Array(line.utf8))
    #expect(record.checksum == UInt32(line.split(separator: " ")[3], radix: 16))
    let parsed = record.encoded().withUnsafeBufferPointer { bytes -> HistoryRecord? in
      guard case .record(let framing, let end) = HistoryRecord.parse(bytes, at: 0), end == bytes.count else { return nil }
      return framing.record(in: bytes)
    }
    #expect(parsed == record)
  }
}
