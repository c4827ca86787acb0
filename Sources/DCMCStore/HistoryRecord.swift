import DCMCApplication

/// One record of a history log, and its line on disk:
///
///     <sequence> <position>/<count> <length> <crc> <payload>\n
///
/// `sequence` is 1-based and contiguous over the whole log; `position`/`count` say which of
/// the records of one command (one append) this is (`2/3`); `length` is the payload's size
/// in bytes; `crc` is 8 lowercase hex digits of the CRC-32C of the line's bytes from its
/// start up to and including the space before `crc`, followed by the payload (so the header
/// is checked too). Numbers are decimal, without leading zeros or signs. The payload is
/// found by its length, so it may hold any bytes; JSON payloads never hold a newline, so
/// a JSON log reads as one record per line.
public struct HistoryRecord: Sendable, Equatable {
  /// The largest payload the store accepts, in bytes (16 MiB).
  public static let maximumPayloadBytes = 16 << 20

  /// The record's number in its log, from 1.
  public var sequence: Int
  /// Its place in its command, from 1 to `commandSize`.
  public var position: Int
  /// The number of records its command appended together.
  public var commandSize: Int
  /// The record itself: JSON or any bytes.
  public var payload: [UInt8]

  public init(sequence: Int, position: Int, commandSize: Int, payload: [UInt8]) {
    self.sequence = sequence
    self.position = position
    self.commandSize = commandSize
    self.payload = payload
  }

  /// Whether this record ends its command.
  public var endsCommand: Bool { position == commandSize }

  /// The record's CRC-32C, as its line stores it: of its header up to the space before the
  /// CRC, then its payload.
  public var checksum: UInt32 { CRC32C.checksum(payload, continuing: CRC32C.checksum(header)) }

  private var header: [UInt8] { Array("\(sequence) \(position)/\(commandSize) \(payload.count) ".utf8) }

  /// The record's line, newline included.
  func encoded() -> [UInt8] {
    var line = header
    line += HistoryRecord.hex(CRC32C.checksum(payload, continuing: CRC32C.checksum(line)))
    line.append(0x20)
    line += payload
    line.append(0x0a)
    return line
  }

  /// A well-formed record's header, and where its payload is.
  struct Framing {
    var sequence: Int
    var position: Int
    var commandSize: Int
    var payload: Range<Int>
    /// The record's CRC-32C (checked).
    var crc: UInt32

    var endsCommand: Bool { position == commandSize }

    /// The record, its payload copied out of `bytes`.
    func record(in bytes: UnsafeBufferPointer<UInt8>) -> HistoryRecord {
      HistoryRecord(
        sequence: sequence, position: position, commandSize: commandSize,
        payload: Array(UnsafeBufferPointer(rebasing: bytes[payload])))
    }
  }

  /// What `parse` found at an offset.
  enum Parsed {
    /// A well-formed record whose line ends just before `end`.
    case record(Framing, end: Int)
    /// Bytes that are not a well-formed record, and why.
    case bad(String)
  }

  /// Reads the record whose line starts at `start` in `bytes`, checking its form, its
  /// length and its CRC (not its place in the log: `HistoryParser` does that).
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Parsed {
    var index = start
    guard let sequence = number(bytes, &index, until: 0x20), sequence > 0 else { return .bad("malformed header") }
    guard let position = number(bytes, &index, until: 0x2f),
      let count = number(bytes, &index, until: 0x20), position >= 1, position <= count
    else { return .bad("malformed header") }
    guard let length = number(bytes, &index, until: 0x20), length <= maximumPayloadBytes else {
      return .bad("malformed header")
    }
    let headerEnd = index
    guard index + 9 <= bytes.count else { return .bad("truncated header") }
    var stored: UInt32 = 0
    for _ in 0..<8 {
      guard let digit = hexDigit(bytes[index]) else { return .bad("malformed checksum") }
      stored = stored << 4 | digit
      index += 1
    }
    guard bytes[index] == 0x20 else { return .bad("malformed checksum") }
    index += 1
    guard length < bytes.count - index else { return .bad("record is cut short") }
    let payload = UnsafeBufferPointer(rebasing: bytes[index..<index + length])
    guard bytes[index + length] == 0x0a else { return .bad("no newline after the payload") }
    let header = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<headerEnd])
    let computed = CRC32C.checksum(UnsafeRawBufferPointer(payload), continuing: CRC32C.checksum(header))
    guard computed == stored else {
      return .bad(
        "checksum mismatch (stored \(String(decoding: hex(stored), as: UTF8.self)), computed \(String(decoding: hex(computed), as: UTF8.self)))"
      )
    }
    let framing = Framing(
      sequence: sequence, position: position, commandSize: count, payload: index..<index + length, crc: computed)
    return .record(framing, end: index + length + 1)
  }

  /// A decimal number of at most 12 digits without a leading zero, ended by `terminator`,
  /// which is consumed; `nil` when the bytes at `index` are anything else.
  private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, until terminator: UInt8) -> Int? {
    var value = 0
    var digits = 0
    while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
      if digits == 0 && bytes[index] == 0x30 && index + 1 < bytes.count && bytes[index + 1] != terminator {
        return nil
      }
      value = value * 10 + Int(bytes[index] - 0x30)
      digits += 1
      index += 1
      if digits > 12 { return nil }
    }
    guard digits > 0, index < bytes.count, bytes[index] == terminator else { return nil }
    index += 1
    return value
  }

  private static func hexDigit(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: UInt32(byte - 0x30)
    case 0x61...0x66: UInt32(byte - 0x61 + 10)
    default: nil
    }
  }

  static func hex(_ value: UInt32) -> [UInt8] {
    let digits = Array("0123456789abcdef".utf8)
    return (0..<8).reversed().map { digits[Int((value >> (UInt32($0) * 4)) & 0xf)] }
  }
}
