import DCMCApplication
import DCMCJSON
import DCMCRuntime

/// The contents of `by-customer/.<customer id>.summaries`: what the customer's status view
/// reads of each case filed under the record, so `customer cases` reads one file for all of
/// them instead of each case's state cache and whole log (`docs/store.md`, "The per-customer
/// case summaries").
///
/// The file is a log of lines (`SummaryLine`), each checked by its own CRC-32C: each append
/// of a case linked to the record adds that case's line, so a command writes one line
/// whatever the record's number of cases; the newest line of a case is the one that counts,
/// and a removal line takes a case that left the record out. When it holds more than twice
/// as many lines as live cases (and more than `compactionFloor`), it is written again whole
/// with one line per case, sorted by case id.
///
/// A file written by dcmc before the lines were framed (one line per case, then a line
/// `{"crc32c":"…"}` over all of them: it starts with `{`, a framed line with a hex digit) is
/// read as it was; the next append writes it again whole in the framed format.
package struct CustomerSummaries: Equatable, Sendable {
  /// The newest summary of each case with one, by case id (without frame or line break).
  package private(set) var lines: [String: ArraySlice<UInt8>] = [:]
  /// The 1-based numbers of the lines whose checksum does not hold and that are not the last
  /// (damage, since only the last line can be torn by a crash during its append).
  package private(set) var damagedLines: [Int] = []
  /// Whether the last line is torn: its checksum does not hold, or it has no line break.
  package private(set) var hasTornTail = false
  /// Whether the file is in the format before the lines were framed.
  package private(set) var isWholeFormat = false

  /// The number of lines under which a file is never compacted.
  package static let compactionFloor = 64

  package init() {}

  /// The contents of a whole file; `nil` for a file in the older format whose checksum does
  /// not hold (a torn or mixed file).
  package init?(_ bytes: [UInt8]) {
    if bytes.first == UInt8(ascii: "{") {
      guard let lines = Self.wholeFormatLines(bytes) else { return nil }
      isWholeFormat = true
      for line in lines { set(line) }
      return
    }
    var (start, number) = (0, 0)
    while start < bytes.count {
      guard let end = bytes[start...].firstIndex(of: 10) else {
        hasTornTail = true
        break
      }
      number += 1
      if let line = SummaryLine(bytes[start..<end]) {
        set(line.summary)
      } else if end + 1 == bytes.count {
        hasTornTail = true
      } else {
        damagedLines.append(number)
      }
      start = end + 1
    }
  }

  /// The file written whole: one line per case, sorted by case id.
  package var bytes: [UInt8] {
    var body: [UInt8] = []
    body.reserveCapacity(lines.values.reduce(0) { $0 + $1.count + 32 })
    for (number, line) in lines.sorted(by: { $0.key < $1.key }).enumerated() {
      body += SummaryLine(line.value, number: number + 1, live: lines.count).bytes
    }
    return body
  }

  /// The summaries the lines hold, by case id; a line that cannot be read is left out (its
  /// case is read from its state cache).
  var summaries: [String: StateSummary] {
    var found: [String: StateSummary] = [:]
    found.reserveCapacity(lines.count)
    for line in lines.values {
      if let summary = StateSummary(line: line) { found[summary.summary.id] = summary }
    }
    return found
  }

  /// The newest summary of each case in a whole file's `bytes`, by case id: what `lines` holds
  /// after `init(_:)`, without reading the whole file as it does (the status view reads only
  /// this). Lines are taken from the end, and only the newest line of each case is checked
  /// (its CRC); an older line of a case is passed over by its id alone, without its checksum
  /// computed or anything copied. A last line without its line break is torn and ignored; a
  /// newest line whose checksum does not hold (torn or damaged) gives its case no summary, as
  /// a removal does, so the case is read the slow way (its state cache and log), where
  /// `init(_:)` would keep an older line that the log's check then fails. A file in the older
  /// format is read whole (`init(_:)`).
  package static func newestLines(in bytes: [UInt8]) -> [String: ArraySlice<UInt8>] {
    if bytes.first == UInt8(ascii: "{") { return CustomerSummaries(bytes)?.lines ?? [:] }
    var found: [String: ArraySlice<UInt8>] = [:]
    var seen = Set<ArraySlice<UInt8>>()
    // The line break that ends the line read next.
    var end = bytes.lastIndex(of: 10)
    while let lineEnd = end {
      let start = bytes[..<lineEnd].lastIndex(of: 10).map { $0 + 1 } ?? 0
      end = start > 0 ? start - 1 : nil
      let line = bytes[start..<lineEnd]
      guard let key = SummaryLine.caseKeyBytes(ofLine: line), seen.insert(key).inserted,
        let framed = SummaryLine(line), !framed.isRemoval
      else { continue }
      found[String(decoding: key, as: UTF8.self)] = framed.summary
    }
    return found
  }

  /// Makes `summary` (a case's line, or its removal) the newest of its case.
  package mutating func set(_ summary: ArraySlice<UInt8>) {
    guard let key = SummaryLine.caseKey(of: summary) else { return }
    let line = SummaryLine(summary, number: 0, live: 0)
    lines[key] = line.isRemoval ? nil : summary
  }

  /// Puts `line` in place of case `id`'s line (`nil`: takes it out).
  package mutating func set(_ line: [UInt8]?, ofCase id: String) {
    set((line ?? SummaryLine.removal(ofCase: id))[...])
  }

  /// The last line of a file from `tail`, its last bytes (all of them when `isWhole`); `nil`
  /// when it is torn, not framed, or longer than `tail`.
  static func lastLine(of tail: [UInt8], isWhole: Bool) -> SummaryLine? {
    guard tail.last == 10 else { return nil }
    let end = tail.count - 1
    guard let start = tail[..<end].lastIndex(of: 10).map({ $0 + 1 }) ?? (isWhole ? 0 : nil) else { return nil }
    return SummaryLine(tail[start..<end])
  }

  /// The line of `state`, whose log has `history` and ends with `tail`.
  static func line(_ state: CaseState, history: HistoryChain, tail: LogTail) -> [UInt8] {
    let rest = state.compactJSON(
      keeping: keys, merging: [("history", StateCache.historyJSON(history)), ("log", tail.json)])
    return Array(#"{"id":"#.utf8) + JSONValue.string(state.id).compact() + [UInt8(ascii: ",")] + rest.dropFirst()
  }

  /// The state's keys a line holds, but `id`, which starts it.
  private static let keys: Set<String> = [
    "bundle", "created_at", "customer", "pending_since", "resolution", "sla_due", "sla_paused", "status", "type",
    "updated_at", "version",
  ]

  /// The lines of a file in the older format, without their line breaks; `nil` when its
  /// checksum does not hold.
  private static func wholeFormatLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
    guard bytes.last == 10 else { return nil }
    let split = bytes[..<(bytes.count - 1)].lastIndex(of: 10).map { $0 + 1 } ?? 0
    guard bytes[split...].elementsEqual(StateCache.checksumLine(of: bytes[..<split])) else { return nil }
    var (lines, start) = ([ArraySlice<UInt8>](), 0)
    while start < split, let end = bytes[start..<split].firstIndex(of: 10) {
      if end > start { lines.append(bytes[start..<end]) }
      start = end + 1
    }
    return lines
  }
}
