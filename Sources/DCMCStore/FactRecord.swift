import DCMCApplication
import DCMCCalendar

/// One record of a facts day file (`facts/YYYY/MM/DD.facts`, `docs/store.md`, "Report facts"),
/// binary so that reading a month of facts costs loads and copies, not text parsing:
///
///     0xFA | length: u32 | body: length bytes | CRC-32C of length and body: u32
///
/// (integers little-endian). The body is the kind's code (`kinds`), a u16 of which optional
/// columns follow, `at` and `seq` (i64), then `task`, `since`, `due` (i64) when present, then
/// `subject` and the present texts of `type`, `definition`, `target`, `user`, `state`, `reason`,
/// each a u32 length and its UTF-8 bytes; `met` is two bits of the u16. An empty text and a
/// missing one read back apart, as in the CSV export.
///
/// A record a crash tore, or bytes a power loss left as zeros, fail the length or checksum
/// check; the reader then looks for the next marker where a whole record starts, so a torn
/// write never hides the records appended after it.
package enum FactRecord {
  static let marker: UInt8 = 0xFA

  /// The kinds by code: the position is written to disk, so a new kind goes at the end.
  static let kinds: [ReportFact.Kind] = [
    .opened, .closed, .cancelled, .caseStatus, .escalated, .taskEnded, .taskStatus, .taken, .declined, .rona,
    .presence,
  ]

  private static let codes: [ReportFact.Kind: UInt8] = Dictionary(
    uniqueKeysWithValues: kinds.enumerated().map { ($1, UInt8($0)) })

  /// Which optional columns a record holds: one bit each.
  private enum Bit {
    static let task: UInt16 = 1
    static let since: UInt16 = 1 << 1
    static let due: UInt16 = 1 << 2
    static let met: UInt16 = 1 << 3
    static let metTrue: UInt16 = 1 << 4
    static let type: UInt16 = 1 << 5
    static let definition: UInt16 = 1 << 6
    static let target: UInt16 = 1 << 7
    static let user: UInt16 = 1 << 8
    static let state: UInt16 = 1 << 9
    static let reason: UInt16 = 1 << 10
  }

  /// The bytes of the marker, the length and the checksum around a body.
  static let overhead = 9

  package static func encode(_ fact: ReportFact) -> [UInt8] {
    var record: [UInt8] = []
    record.reserveCapacity(128)
    encode(fact, into: &record)
    return record
  }

  /// Appends `fact`'s record to `record`: the body is written in place after room for the
  /// marker and length, which are filled in after it, then the checksum; no array of its own.
  package static func encode(_ fact: ReportFact, into record: inout [UInt8]) {
    let start = record.count
    record.append(marker)
    record.append(contentsOf: repeatElement(0, count: 4))
    record.append(codes[fact.kind] ?? 0)
    record.append(contentsOf: repeatElement(0, count: 2))
    var mask: UInt16 = 0
    func integer(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { record += $0 } }
    func optional(_ value: Int?, _ bit: UInt16) {
      guard let value else { return }
      mask |= bit
      integer(value)
    }
    func text(_ value: String?, _ bit: UInt16) {
      guard let value else { return }
      mask |= bit
      withUnsafeBytes(of: UInt32(value.utf8.count).littleEndian) { record += $0 }
      record += value.utf8
    }
    integer(fact.at.secondsSinceEpoch)
    integer(fact.seq)
    optional(fact.task, Bit.task)
    optional(fact.since?.secondsSinceEpoch, Bit.since)
    optional(fact.due?.secondsSinceEpoch, Bit.due)
    if let met = fact.met { mask |= Bit.met | (met ? Bit.metTrue : 0) }
    text(fact.subject, 0)
    text(fact.type, Bit.type)
    text(fact.definition, Bit.definition)
    text(fact.target, Bit.target)
    text(fact.user, Bit.user)
    text(fact.state, Bit.state)
    text(fact.reason, Bit.reason)
    record[start + 6] = UInt8(truncatingIfNeeded: mask)
    record[start + 7] = UInt8(truncatingIfNeeded: mask >> 8)
    let length = UInt32(record.count - start - 5)
    for index in 0..<4 { record[start + 1 + index] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(index))) }
    let crc = CRC32C.checksum(record[(start + 1)...])
    withUnsafeBytes(of: crc.littleEndian) { record += $0 }
  }

  /// Calls `visit` with each whole record's fact, in order, and `bad` with the offset of each
  /// stretch of bytes that holds none (torn, zeroed or damaged) and whether it runs to the end
  /// of the file (a last write cut short).
  package static func each(_ bytes: [UInt8], bad: (_ offset: Int, _ toEnd: Bool) -> Void = { _, _ in }, _ visit: (ReportFact) -> Void) {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      var stretch: Int?
      while offset < raw.count {
        if let (fact, next) = decode(raw, at: offset) {
          if let start = stretch { bad(start, false) }
          stretch = nil
          visit(fact)
          offset = next
        } else {
          if stretch == nil { stretch = offset }
          offset += 1
          while offset < raw.count, raw[offset] != marker { offset += 1 }
        }
      }
      if let start = stretch { bad(start, true) }
    }
  }

  /// Whether `bytes` are whole records end to end, each checked by its length and checksum
  /// (not decoded): how settling `facts/pending` checks that a change's facts reached the disk.
  static func holdsWholeRecords(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        guard let end = bodyEnd(raw, at: offset) else { return false }
        offset = end + 4
      }
      return true
    }
  }

  /// The fact of the record at `offset` and the offset after it; `nil` when no whole record
  /// starts there.
  private static func decode(_ raw: UnsafeRawBufferPointer, at offset: Int) -> (ReportFact, Int)? {
    guard let end = bodyEnd(raw, at: offset) else { return nil }
    var reader = Reader(raw: raw, position: offset + 5, end: end)
    guard let fact = reader.fact(), reader.position == end else { return nil }
    return (fact, end + 4)
  }

  /// Where the body of the record at `offset` ends (its checksum follows), when a record whose
  /// length fits and whose checksum holds starts there.
  private static func bodyEnd(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Int? {
    guard raw[offset] == marker, raw.count - offset >= overhead else { return nil }
    let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 1, as: UInt32.self)))
    guard length >= 23, length <= raw.count - offset - overhead else { return nil }
    let end = offset + 5 + length
    let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt32.self))
    guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[(offset + 1)..<end])) == stored else { return nil }
    return end
  }

  /// Reads a body's fields in order; each read fails past the body's end.
  private struct Reader {
    let raw: UnsafeRawBufferPointer
    var position: Int
    let end: Int

    mutating func fact() -> ReportFact? {
      let code = Int(raw[position])
      let mask = UInt16(raw[position + 1]) | UInt16(raw[position + 2]) << 8
      position += 3
      guard code < FactRecord.kinds.count, let at = integer(), let seq = integer() else { return nil }
      func has(_ bit: UInt16) -> Bool { mask & bit != 0 }
      var failed = false
      func field<Value>(_ bit: UInt16, _ read: () -> Value?) -> Value? {
        guard has(bit) else { return nil }
        guard let value = read() else {
          failed = true
          return nil
        }
        return value
      }
      let task = field(Bit.task) { integer() }
      let since = field(Bit.since) { integer() }
      let due = field(Bit.due) { integer() }
      guard !failed, let subject = text() else { return nil }
      let type = field(Bit.type) { text() }
      let definition = field(Bit.definition) { text() }
      let target = field(Bit.target) { text() }
      let user = field(Bit.user) { text() }
      let state = field(Bit.state) { text() }
      let reason = field(Bit.reason) { text() }
      guard !failed else { return nil }
      return ReportFact(
        FactRecord.kinds[code], at: Instant(secondsSinceEpoch: at), subject: subject, seq: seq, type: type,
        task: task, definition: definition, target: target, user: user, state: state, reason: reason,
        since: since.map(Instant.init(secondsSinceEpoch:)), due: due.map(Instant.init(secondsSinceEpoch:)),
        met: has(Bit.met) ? has(Bit.metTrue) : nil)
    }

    mutating func integer() -> Int? {
      guard end - position >= 8 else { return nil }
      defer { position += 8 }
      return Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: Int64.self)))
    }

    mutating func text() -> String? {
      guard end - position >= 4 else { return nil }
      let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
      guard count <= end - position - 4 else { return nil }
      defer { position += 4 + count }
      return String(decoding: UnsafeRawBufferPointer(rebasing: raw[(position + 4)..<(position + 4 + count)]), as: UTF8.self)
    }
  }
}
