import DCMCFiles
import DCMCJSON

/// Where a history log ended when a derived file was written from it: the byte range of its
/// last record and that record's CRC-32C. A reader checks a log against it with one `pread`
/// of that range and one byte more (`isEnd(of:in:)`, `FileSystem.readOnce`): the log must end
/// exactly there, with a whole record of the expected sequence number that ends its command and has that CRC. A log
/// cut, grown, replaced by another case's or rewritten at its end fails it; a change before
/// its last record does not, which is why only the per-customer case summaries rely on it and
/// every other reader (and `store verify`) reads the whole log (`docs/store.md`).
struct LogTail: Equatable, Sendable {
  /// The offset of the last record's line, and the log's length (just after that line).
  var start: Int
  var end: Int
  var crc: UInt32

  init(start: Int, end: Int, crc: UInt32) {
    (self.start, self.end, self.crc) = (start, end, crc)
  }

  /// The tail of a whole log (`validLength` its length without a torn tail); `nil` for an
  /// empty log or one with a torn tail, which no summary is made of. A case's records are JSON
  /// on one line each, so the last record starts after the line break before its own.
  init?(log bytes: [UInt8], validLength: Int) {
    guard validLength > 0, validLength == bytes.count else { return nil }
    let start = bytes[..<(validLength - 1)].lastIndex(of: 10).map { $0 + 1 } ?? 0
    let parsed = bytes.withUnsafeBufferPointer { HistoryRecord.parse($0, at: start) }
    guard case .record(let framing, let end) = parsed, end == validLength else { return nil }
    self.init(start: start, end: end, crc: framing.crc)
  }

  /// Whether the log `name` in `directory` ends with this tail, its last record numbered
  /// `sequence`; a log that cannot be opened or read does not.
  func isEnd(of name: String, in directory: FileDescriptor, sequence: Int, fileSystem: any FileSystem) -> Bool {
    guard start >= 0, end > start, let file = try? fileSystem.open(name, in: directory, .read) else { return false }
    defer { fileSystem.close(file) }
    // One byte more than the record, in one `pread`: a log that goes on past it has changed, and
    // a read that stops exactly at the record's end stopped at the file's. Only a read cut
    // short before it reads on, to tell a shorter log from a file system that answers in parts.
    let length = end - start
    guard var bytes = try? fileSystem.readOnce(file, at: start, count: length + 1) else { return false }
    if bytes.count < length {
      guard let whole = try? fileSystem.read(file, at: start, count: length + 1) else { return false }
      bytes = whole
    }
    guard bytes.count == length else { return false }
    guard case .record(let framing, let recordEnd) = bytes.withUnsafeBufferPointer({ HistoryRecord.parse($0, at: 0) })
    else { return false }
    return recordEnd == bytes.count && framing.sequence == sequence && framing.endsCommand && framing.crc == crc
  }

  /// `{"crc":"xxxxxxxx","end":N,"start":M}`.
  var json: JSONValue {
    .object([
      ("crc", .string(String(decoding: HistoryRecord.hex(crc), as: UTF8.self))), ("end", .int(end)),
      ("start", .int(start)),
    ])
  }

  /// The tail `json` wrote, from its compact bytes; `nil` for anything else.
  init?(json value: ArraySlice<UInt8>) {
    let (head, middle, last) = (Array(#"{"crc":""#.utf8), Array(#"","end":"#.utf8), Array(#","start":"#.utf8))
    guard value.starts(with: head), value.last == UInt8(ascii: "}") else { return nil }
    let digits = value.dropFirst(head.count).prefix(8)
    let rest = value.dropFirst(head.count + 8).dropLast()
    guard digits.count == 8, let crc = UInt32(String(decoding: digits, as: UTF8.self), radix: 16),
      digits.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }), rest.starts(with: middle),
      let comma = rest.dropFirst(middle.count).firstIndex(of: UInt8(ascii: ",")),
      let end = StateSummary.integer(rest[(rest.startIndex + middle.count)..<comma]),
      rest[comma...].starts(with: last), let start = StateSummary.integer(rest[(comma + last.count)...])
    else { return nil }
    self.init(start: start, end: end, crc: crc)
  }
}
