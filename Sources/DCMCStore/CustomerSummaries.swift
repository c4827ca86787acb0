import DCMCJSON
import DCMCRuntime

/// The format of `by-customer/.<customer id>.summaries`: what the customer's status view reads
/// of each case filed under the record, so `customer cases` reads one file for all of them
/// instead of each case's state cache and whole log (`docs/store.md`, "The per-customer case
/// summaries"). One line per case, sorted by bytes: a compact object that starts with the
/// case's `id`, then the keys `StateSummary` reads as the state writes them (sorted), its
/// `history` chain and its `log` tail (`LogTail`); then a line `{"crc32c":"xxxxxxxx"}` with
/// the CRC-32C of all the lines before it, as a state cache ends.
///
/// Derived, rewritten in place after each append of a case linked to the record (under the
/// lock): a crash can leave it torn or stale, so a reader takes a line only when the file's
/// checksum holds and the case's log still ends where the line says.
struct CustomerSummaries {
  /// The lines, without their line breaks, sorted by bytes (by case id: each starts with it).
  private(set) var lines: [ArraySlice<UInt8>] = []

  init() {}

  /// The lines of a whole file; `nil` when its checksum does not hold (a torn or mixed file).
  init?(_ bytes: [UInt8]) {
    guard bytes.last == 10 else { return nil }
    let split = bytes[..<(bytes.count - 1)].lastIndex(of: 10).map { $0 + 1 } ?? 0
    guard bytes[split...].elementsEqual(StateCache.checksumLine(of: bytes[..<split])) else { return nil }
    var start = 0
    while start < split, let end = bytes[start..<split].firstIndex(of: 10) {
      if end > start { lines.append(bytes[start..<end]) }
      start = end + 1
    }
  }

  var bytes: [UInt8] {
    var body: [UInt8] = []
    body.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
    for line in lines {
      body += line
      body.append(10)
    }
    return body + StateCache.checksumLine(of: body)
  }

  /// The summaries the lines hold, by case id; a line that cannot be read is left out (its
  /// case is read from its state cache).
  var summaries: [String: StateSummary] {
    var found: [String: StateSummary] = [:]
    found.reserveCapacity(lines.count)
    for line in lines {
      if let summary = StateSummary(line: line) { found[summary.summary.id] = summary }
    }
    return found
  }

  /// Puts `line` in place of case `id`'s line (`nil`: drops it).
  mutating func set(_ line: [UInt8]?, ofCase id: String) {
    let prefix = Self.prefix(of: id)
    lines.removeAll { $0.starts(with: prefix) }
    guard let line else { return }
    let index = lines.partitionPoint { !$0.lexicographicallyPrecedes(line) }
    lines.insert(line[...], at: index)
  }

  /// The line of `state`, whose log has `history` and ends with `tail`; `nil` if its JSON were
  /// not an object (never, as the runtime writes states): no line, so the case is read from its
  /// state cache.
  static func line(_ state: CaseState, history: HistoryChain, tail: LogTail) -> [UInt8]? {
    guard case .object(let members) = state.json else { return nil }
    let kept = members.filter { keys.contains($0.key) }
    let rest = JSONValue.object(kept + [("history", StateCache.historyJSON(history)), ("log", tail.json)]).compact()
    return prefix(of: state.id) + rest.dropFirst()
  }

  /// The state's keys a line holds, but `id`, which starts it.
  private static let keys: Set<String> = [
    "bundle", "created_at", "customer", "pending_since", "resolution", "sla_due", "sla_paused", "status", "type",
    "updated_at", "version",
  ]

  /// `{"id":"<case id>",`: how case `id`'s line starts.
  private static func prefix(of id: String) -> [UInt8] {
    Array(#"{"id":"#.utf8) + JSONValue.string(id).compact() + [UInt8(ascii: ",")]
  }
}

extension Array {
  /// The first index whose element satisfies `belongsAfter`, in an array where every such
  /// element follows every other (a binary search).
  fileprivate func partitionPoint(_ belongsAfter: (Element) -> Bool) -> Int {
    var (low, high) = (0, count)
    while low < high {
      let middle = (low + high) / 2
      if belongsAfter(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
