import DCMCApplication
import DCMCJSON

/// The validated contents of one history log: the records of every complete command, in
/// order, and how much of the file after them is a torn tail.
public struct History: Sendable, Equatable {
  /// The log's path, for messages.
  public let path: String
  /// The records of complete commands; `records[i].sequence == i + 1`.
  public let records: [HistoryRecord]
  /// The bytes the complete commands take: where the next append writes.
  public let validLength: Int
  /// The bytes after `validLength`, left by a command that never completed (a crash during
  /// its append). Readers ignore them; the next append cuts them off. 0 for a clean log.
  public let tornBytes: Int

  /// The most bytes a crash leaves after the last complete command: one record at its
  /// largest (its header's four numbers, at most 80 bytes, a payload of
  /// `HistoryRecord.maximumPayloadBytes` and the newline). A crash interrupts one append, which
  /// writes one command, and no command dcmc writes comes near it (its events hold what one
  /// request carries, 1 MiB at most through the API); a tail longer than that is something
  /// else (bytes added by hand, a log joined to another), which `store verify` names.
  public static let maximumTornBytes = HistoryRecord.maximumPayloadBytes + 81

  /// The sequence number of the last record, 0 when there is none.
  public var lastSequence: Int { records.last?.sequence ?? 0 }

  /// The payloads decoded as JSON values of `type`; a payload that is not JSON, or not such a
  /// value, is a `malformedRecord` that gives the record's number and why.
  package func decode<Value: JSONReadable>(_ type: Value.Type) throws(StoreError) -> [Value] {
    try decode { json throws(JSONShapeError) in try Value(json: json) }
  }

  /// The payloads parsed as JSON and each read by `read`; a payload that is not JSON, or that
  /// `read` refuses, is a `malformedRecord` that gives the record's number and why.
  package func decode<Value>(_ read: (JSONValue) throws(JSONShapeError) -> Value) throws(StoreError) -> [Value] {
    var values: [Value] = []
    values.reserveCapacity(records.count)
    for record in records {
      let json: JSONValue
      do {
        json = try JSONValue.parse(record.payload, limits: .store)
      } catch {
        throw .malformedRecord(
          path: path, reason: "record \(record.sequence): \(error.message) (byte \(error.offset))")
      }
      do throws(JSONShapeError) {
        values.append(try read(json))
      } catch {
        throw .malformedRecord(path: path, reason: "record \(record.sequence): \(error)")
      }
    }
    return values
  }

  /// Validates every record of a log's `bytes`.
  ///
  /// A record is good when it is well formed (`HistoryRecord.parse`: header, length, CRC),
  /// its sequence number is the previous one plus 1 (the first is 1), and its position
  /// continues its command (`1/n` after a complete command, `k+1/n` after `k/n`).
  ///
  /// - A well-formed record in the wrong place is corruption: no crash writes one.
  /// - At the first record that is not well formed, the rest of the file is a torn tail,
  ///   unless a well-formed record that *starts* a later command (`1/n`, a greater sequence
  ///   number) begins at a later byte: damage followed by later commands is corruption.
  /// - The records of a command whose last record is missing are part of the torn tail.
  ///
  /// Corruption is thrown as `StoreError.corruptHistory`.
  static func parse(_ bytes: [UInt8], path: String) throws(StoreError) -> History {
    let scan = try bytes.withUnsafeBufferPointer { buffer throws(StoreError) in
      try Scan(buffer, path: path, keepingRecords: true)
    }
    return History(path: path, records: scan.records, validLength: scan.validLength, tornBytes: scan.tornBytes)
  }

  /// What validating a log found: the same checks as `parse`, and the records only when
  /// asked for (an append needs only the counts, and copying every payload would cost more
  /// than checking it).
  package struct Scan {
    var records: [HistoryRecord] = []
    /// The number of records in complete commands.
    var count = 0
    var validLength = 0
    var tornBytes = 0
    /// The chain over the records of complete commands (`HistoryChain`), computed from the CRCs
    /// the scan checks anyway.
    package var chain = HistoryChain.empty

    init(count: Int, validLength: Int, tornBytes: Int) {
      (self.count, self.validLength, self.tornBytes) = (count, validLength, tornBytes)
    }

    init(_ bytes: [UInt8], path: String) throws(StoreError) {
      self = try bytes.withUnsafeBufferPointer { buffer throws(StoreError) in
        try Scan(buffer, path: path, keepingRecords: false)
      }
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, path: String, keepingRecords: Bool) throws(StoreError) {
      var pending: [HistoryRecord] = []
      var pendingCount = 0
      var pendingChain = chain
      var previous: HistoryRecord.Framing?
      var offset = 0
      while offset < bytes.count {
        let number = count + pendingCount + 1
        switch HistoryRecord.parse(bytes, at: offset) {
        case .bad(let reason):
          if let later = History.laterCommandStart(bytes, after: offset, number: number) {
            throw .corruptHistory(
              path: path, record: number, offset: offset,
              reason: "\(reason), and a later command starts at byte \(later)")
          }
          tornBytes = bytes.count - validLength
          return
        case .record(let framing, let end):
          if let problem = History.misplacement(of: framing, number: number, after: previous) {
            throw .corruptHistory(path: path, record: number, offset: offset, reason: problem)
          }
          if keepingRecords { pending.append(framing.record(in: bytes)) }
          pendingCount += 1
          pendingChain.append(framing.crc, sequence: framing.sequence)
          offset = end
          previous = framing
          if framing.endsCommand {
            records += pending
            pending.removeAll()
            count += pendingCount
            pendingCount = 0
            previous = nil
            validLength = offset
            chain = pendingChain
          }
        }
      }
      tornBytes = bytes.count - validLength
    }
  }

  /// Why a well-formed record cannot be record `number`, after `previous` of its command
  /// (`nil` when it should start a command).
  fileprivate static func misplacement(
    of record: HistoryRecord.Framing, number: Int, after previous: HistoryRecord.Framing?
  ) -> String? {
    if record.sequence != number { return "sequence number \(record.sequence), expected \(number)" }
    if let previous, record.position != previous.position + 1 || record.commandSize != previous.commandSize {
      return "record \(record.position)/\(record.commandSize) follows \(previous.position)/\(previous.commandSize)"
    }
    if previous == nil && record.position != 1 {
      return "command starts at record \(record.position)/\(record.commandSize)"
    }
    return nil
  }

  /// The offset of the first well-formed record after `start` that begins a command (`1/n`)
  /// numbered after `number`, or `nil`. Every byte offset is tried, so damage that swallowed
  /// a newline still finds the commands after it.
  fileprivate static func laterCommandStart(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int, number: Int) -> Int?
  {
    var index = start + 1
    while index < bytes.count {
      if (0x31...0x39).contains(bytes[index]), index == 0 || !(0x30...0x39).contains(bytes[index - 1]),
        case .record(let record, _) = HistoryRecord.parse(bytes, at: index), record.position == 1,
        record.sequence > number
      {
        return index
      }
      index += 1
    }
    return nil
  }
}
