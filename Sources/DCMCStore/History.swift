import Foundation

/// The validated contents of one history log: the records of every complete command, in
/// order, and how much of the file after them is a torn tail.
public struct History: Sendable, Equatable {
  /// The log's path, for messages.
  public var path: String
  /// The records of complete commands; `records[i].sequence == i + 1`.
  public var records: [HistoryRecord]
  /// The bytes the complete commands take: where the next append writes.
  public var validLength: Int
  /// The bytes after `validLength`, left by a command that never completed (a crash during
  /// its append). Readers ignore them; the next append cuts them off. 0 for a clean log.
  public var tornBytes: Int

  /// The sequence number of the last record, 0 when there is none.
  public var lastSequence: Int { records.last?.sequence ?? 0 }

  /// The payloads decoded as JSON values of `type`.
  public func decode<Value: Decodable>(_ type: Value.Type) throws(StoreError) -> [Value] {
    let decoder = JSONDecoder()
    var values: [Value] = []
    values.reserveCapacity(records.count)
    for record in records {
      do {
        values.append(try decoder.decode(type, from: Data(record.payload)))
      } catch {
        throw .malformedRecord(path: path, reason: "record \(record.sequence): \(error)")
      }
    }
    return values
  }

  /// Validates every record of a log's `bytes`.
  ///
  /// A record is good when it is well formed (`HistoryRecord.parse`), its sequence number
  /// is the previous one plus 1 (the first is 1), and its position continues its command
  /// (`1/n` after a complete command, `k+1/n` after `k/n`). At the first record that is not
  /// good, the rest of the file is a torn tail unless a good record that *starts* a command
  /// (`1/n`, right CRC) begins after one of the following newlines: then the damage is
  /// followed by later commands, and that is corruption, thrown as
  /// `StoreError.corruptHistory`. Records of a command whose last record is missing are
  /// part of the torn tail.
  static func parse(_ bytes: [UInt8], path: String) throws(StoreError) -> History {
    try bytes.withUnsafeBufferPointer { buffer throws(StoreError) in try parse(buffer, path: path) }
  }

  private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(StoreError) -> History {
    var records: [HistoryRecord] = []
    var pending: [HistoryRecord] = []
    var validLength = 0
    var offset = 0
    while offset < bytes.count {
      let problem: String
      switch HistoryRecord.parse(bytes, at: offset) {
      case .bad(let reason):
        problem = reason
      case .record(let record, let end):
        let expected = records.count + pending.count + 1
        let previous = pending.last
        if record.sequence != expected {
          problem = "sequence number \(record.sequence), expected \(expected)"
        } else if let previous, record.position != previous.position + 1 || record.commandSize != previous.commandSize {
          problem = "record \(record.position)/\(record.commandSize) follows \(previous.position)/\(previous.commandSize)"
        } else if previous == nil && record.position != 1 {
          problem = "command starts at record \(record.position)/\(record.commandSize)"
        } else {
          pending.append(record)
          offset = end
          if record.endsCommand {
            records += pending
            pending.removeAll()
            validLength = offset
          }
          continue
        }
      }
      if let later = laterCommandStart(bytes, after: offset) {
        throw .corruptHistory(
          path: path, record: records.count + pending.count + 1, offset: offset,
          reason: "\(problem), and a later command starts at byte \(later)")
      }
      break
    }
    return History(path: path, records: records, validLength: validLength, tornBytes: bytes.count - validLength)
  }

  /// The offset of the first good record line that starts a command after a newline at or
  /// after `start`, or `nil`.
  private static func laterCommandStart(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> Int? {
    var index = start
    while index < bytes.count {
      guard let newline = bytes[index...].firstIndex(of: 0x0a) else { return nil }
      index = newline + 1
      if index < bytes.count, case .record(let record, _) = HistoryRecord.parse(bytes, at: index), record.position == 1
      {
        return index
      }
    }
    return nil
  }
}
