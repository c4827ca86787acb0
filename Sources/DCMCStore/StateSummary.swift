import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime

/// The keys of a state cache (`StateCache`) that the customer's status view reads, taken out
/// of the cache's line without building its JSON tree or decoding its `CaseState`: the
/// tasks, the outbox and the form, most of its bytes, are stepped over.
///
/// Only a whole cache is read (its checksum line must match, as `StateCache.read` checks), and
/// only a format-2 one as the store writes it: one compact object, every key written, no
/// escape in a key. Anything else (a torn cache, format 1, a key missing or given twice) is
/// `nil`, and the caller reads the case the whole way, which replays or names the damage.
/// What it does not check is the rest of the state, which only a hand edit that also
/// recomputed the checksum could spoil; `store verify` reads every cache whole.
///
/// A line of a customer's case summaries (`CustomerSummaries`) is read the same way: the same
/// keys as the state writes them, and `log`, where the case's log ended (`LogTail`).
struct StateSummary {
  var summary: CaseSummary
  var customer: String?
  /// The state's version, and the chain of the history it was made from (`nil` in a cache
  /// written before caches recorded it).
  var version: Int
  var history: HistoryChain?
  /// Where the case's log ended, in a line of a customer's case summaries; `nil` in a cache.
  var tail: LogTail?

  /// The keys read; each is in every format-2 state but `history`, which a cache written before
  /// caches recorded it lacks, and `log`, which only a customer's case summaries write.
  private enum Key: Int, CaseIterable {
    case bundle, createdAt, customer, history, id, log, pendingSince, resolution, slaDue, slaPaused, status, type
    case updatedAt, version

    static let optional: [Key] = [.history, .log]

    /// The key written as `key`; `nil` for a key not read. Compared as bytes: every line of a
    /// customer's summaries has a dozen keys.
    init?(_ key: UnsafeBufferPointer<UInt8>.SubSequence) {
      guard let found = Self.names.firstIndex(where: { $0.count == key.count && $0.elementsEqual(key) }) else {
        return nil
      }
      self = Self.allCases[found]
    }

    /// Each key's name as the state writes it, in the order of `allCases`.
    private static let names: [[UInt8]] = allCases.map { key in
      switch key {
      case .bundle: Array("bundle".utf8)
      case .createdAt: Array("created_at".utf8)
      case .customer: Array("customer".utf8)
      case .history: Array("history".utf8)
      case .id: Array("id".utf8)
      case .log: Array("log".utf8)
      case .pendingSince: Array("pending_since".utf8)
      case .resolution: Array("resolution".utf8)
      case .slaDue: Array("sla_due".utf8)
      case .slaPaused: Array("sla_paused".utf8)
      case .status: Array("status".utf8)
      case .type: Array("type".utf8)
      case .updatedAt: Array("updated_at".utf8)
      case .version: Array("version".utf8)
      }
    }
  }

  /// The summary of a whole state cache.
  init?(_ bytes: [UInt8]) {
    guard let newline = bytes.firstIndex(of: 10),
      bytes[(newline + 1)...].elementsEqual(StateCache.checksumLine(of: bytes[..<newline]))
    else { return nil }
    self.init(line: bytes[..<newline])
  }

  /// The summary of one compact object: a state cache's first line, or a line of a customer's
  /// case summaries.
  init?(line: ArraySlice<UInt8>) {
    guard let found = line.withUnsafeBufferPointer({ Self.values(in: $0[...]) }) else { return nil }
    let base = line.startIndex
    func value(_ key: Key) -> ArraySlice<UInt8> {
      found[key.rawValue].map { line[(base + $0.lowerBound)..<(base + $0.upperBound)] } ?? []
    }
    guard case .some(let id?) = Self.string(value(.id)), case .some(let type?) = Self.string(value(.type)),
      case .some(let bundle?) = Self.string(value(.bundle)),
      case .some(let statusText?) = Self.string(value(.status)), let status = CaseStatus(rawValue: statusText),
      case .some(let resolution) = Self.string(value(.resolution)),
      case .some(let createdAt?) = Self.instant(value(.createdAt)),
      case .some(let updatedAt) = Self.instant(value(.updatedAt)),
      case .some(let slaDue) = Self.instant(value(.slaDue)),
      case .some(let pendingSince) = Self.instant(value(.pendingSince)),
      let slaPaused = Self.bool(value(.slaPaused)), case .some(let customer) = Self.string(value(.customer)),
      let version = Self.integer(value(.version))
    else { return nil }
    if found[Key.history.rawValue] == nil {
      history = nil
    } else {
      guard let chain = Self.chain(value(.history)) else { return nil }
      history = chain
    }
    if found[Key.log.rawValue] == nil {
      tail = nil
    } else {
      guard let tail = LogTail(json: value(.log)) else { return nil }
      self.tail = tail
    }
    summary = CaseSummary(
      id: id, type: type, bundle: bundle, status: status, resolution: resolution, createdAt: createdAt,
      updatedAt: updatedAt, slaDue: slaDue, pendingSince: pendingSince, slaPaused: slaPaused)
    self.customer = customer
    self.version = version
  }

  /// The byte range of each value of `Key` in the object `line`, indexed by the key's raw
  /// value; `nil` when `line` is not one compact object or a key is repeated or missing (but
  /// the optional ones).
  private static func values(in line: UnsafeBufferPointer<UInt8>.SubSequence) -> [Range<Int>?]? {
    var found = [Range<Int>?](repeating: nil, count: Key.allCases.count)
    var index = line.startIndex
    guard index < line.endIndex, line[index] == UInt8(ascii: "{") else { return nil }
    index += 1
    while index < line.endIndex, line[index] == UInt8(ascii: "\"") {
      let keyStart = index + 1
      guard let keyEnd = line[keyStart...].firstIndex(of: UInt8(ascii: "\"")),
        !line[keyStart..<keyEnd].contains(UInt8(ascii: "\\")), keyEnd + 1 < line.endIndex,
        line[keyEnd + 1] == UInt8(ascii: ":"), let end = skip(line, from: keyEnd + 2)
      else { return nil }
      if let key = Key(line[keyStart..<keyEnd]) {
        guard found[key.rawValue] == nil else { return nil }
        found[key.rawValue] = keyEnd + 2..<end
      }
      guard end < line.endIndex else { return nil }
      if line[end] == UInt8(ascii: "}") {
        guard end + 1 == line.endIndex else { return nil }
        let missing = Key.allCases.filter { found[$0.rawValue] == nil }
        return missing.allSatisfy(Key.optional.contains) ? found : nil
      }
      guard line[end] == UInt8(ascii: ",") else { return nil }
      index = end + 1
    }
    return nil
  }

  /// Where the value starting at `start` ends: after its closing quote or bracket, or at the
  /// delimiter after a number or keyword; `nil` when the line ends first.
  private static func skip(_ line: UnsafeBufferPointer<UInt8>.SubSequence, from start: Int) -> Int? {
    var index = start
    var depth = 0
    var inString = false
    while index < line.endIndex {
      let byte = line[index]
      if inString {
        if byte == UInt8(ascii: "\\") {
          index += 1
        } else if byte == UInt8(ascii: "\"") {
          inString = false
          if depth == 0 { return index + 1 }
        } else {
          // Most of a state's bytes are in strings (the notifications' bodies): step to the
          // next quote or backslash in one pass.
          index = line[index...].firstIndex { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } ?? line.endIndex
          continue
        }
      } else {
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","):
          if depth == 0 { return index > start ? index : nil }
          if byte != UInt8(ascii: ",") {
            depth -= 1
            if depth == 0 { return index + 1 }
          }
        default: break
        }
      }
      index += 1
    }
    return nil
  }

  /// A string value, `.some(nil)` for `null`, `nil` for anything else. A string with an
  /// escape or a byte beyond ASCII is read by the JSON parser, which checks it.
  private static func string(_ value: ArraySlice<UInt8>) -> String?? {
    if value.elementsEqual("null".utf8) { return .some(nil) }
    guard value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") else { return nil }
    let inner = value.dropFirst().dropLast()
    if inner.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\\") && $0 >= 0x20 }) {
      return .some(String(decoding: inner, as: UTF8.self))
    }
    guard case .string(let text)? = try? JSONValue.parse(Array(value), limits: .store) else { return nil }
    return .some(text)
  }

  /// A time value (`Instant`'s JSON), `.some(nil)` for `null`, `nil` for anything else.
  private static func instant(_ value: ArraySlice<UInt8>) -> Instant?? {
    guard case .some(let text) = string(value) else { return nil }
    guard let text else { return .some(nil) }
    guard let instant = try? Instant(json: .string(text)) else { return nil }
    return .some(instant)
  }

  /// A `history` member as `StateCache.encode` writes it, `{"chain":"crc32c:…","sequence":N}`;
  /// `nil` for anything else.
  private static func chain(_ value: ArraySlice<UInt8>) -> HistoryChain? {
    let (head, middle) = (Array(#"{"chain":""#.utf8), Array(#"","sequence":"#.utf8))
    guard value.starts(with: head), value.last == UInt8(ascii: "}") else { return nil }
    let text = value.dropFirst(head.count).prefix { $0 != UInt8(ascii: "\"") }
    let rest = value[text.endIndex...].dropLast()
    guard rest.starts(with: middle), let sequence = integer(rest.dropFirst(middle.count)),
      let chain = HistoryChain(sequence: sequence, text: String(decoding: text, as: UTF8.self))
    else { return nil }
    return chain
  }

  private static func bool(_ value: ArraySlice<UInt8>) -> Bool? {
    if value.elementsEqual("true".utf8) { return true }
    if value.elementsEqual("false".utf8) { return false }
    return nil
  }

  /// A non-negative integer written in decimal digits.
  static func integer(_ value: ArraySlice<UInt8>) -> Int? {
    guard !value.isEmpty, value.count <= 18, value.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
  }
}
