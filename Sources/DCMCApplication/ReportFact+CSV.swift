import DCMCCalendar

/// The facts as CSV (RFC 4180): one line per fact, the columns of `csvHeader`, instants as
/// seconds since the Unix epoch, `met` as `1` or `0`. A missing value is an empty field; an
/// empty text is `""`, so the two read back apart. The file store keeps its facts in this
/// form, and `exportCSV` gives it to another engine (SQLite's `.import`).
extension ReportFact {
  /// The column names, in order.
  public static let columns = [
    "kind", "at", "subject", "seq", "type", "task", "definition", "target", "user", "state", "reason", "since",
    "due", "met",
  ]

  /// `columns` joined by commas.
  public static var csvHeader: String { columns.joined(separator: ",") }

  /// The fact as one CSV line, without its line break.
  public var csvLine: [UInt8] {
    var line: [UInt8] = []
    line.reserveCapacity(96)
    line += kind.rawValue.utf8
    func comma() { line.append(44) }
    func number(_ value: Int?) {
      comma()
      if let value { line += String(value).utf8 }
    }
    func text(_ value: String?) {
      comma()
      guard let value else { return }
      let bytes = Array(value.utf8)
      guard bytes.isEmpty || bytes.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else {
        line += bytes
        return
      }
      line.append(34)
      for byte in bytes {
        if byte == 34 { line.append(34) }
        line.append(byte)
      }
      line.append(34)
    }
    number(at.secondsSinceEpoch)
    text(subject)
    number(seq)
    text(type)
    number(task)
    text(definition)
    text(target)
    text(user)
    text(state)
    text(reason)
    number(since?.secondsSinceEpoch)
    number(due?.secondsSinceEpoch)
    number(met.map { $0 ? 1 : 0 })
    return line
  }

  /// The fact a CSV line holds; `nil` when the line is not one.
  public init?(csvLine line: ArraySlice<UInt8>) {
    guard let fields = Self.fields(line), fields.count == Self.columns.count,
      let kindText = fields[0], let kind = Kind(rawValue: kindText), let at = Self.instant(fields[1]),
      let subject = fields[2], let seq = fields[3].flatMap({ Int($0) })
    else { return nil }
    let task = fields[5].map { Int($0) }
    let met = fields[13].map { $0 == "1" ? true : $0 == "0" ? false : nil }
    guard task != .some(nil), met != .some(nil) else { return nil }
    let since = fields[11].map { Self.instant($0) }
    let due = fields[12].map { Self.instant($0) }
    guard since != .some(nil), due != .some(nil) else { return nil }
    self.init(
      kind, at: at, subject: subject, seq: seq, type: fields[4], task: task ?? nil, definition: fields[6],
      target: fields[7], user: fields[8], state: fields[9], reason: fields[10], since: since ?? nil, due: due ?? nil,
      met: met ?? nil)
  }

  private static func instant(_ text: String?) -> Instant? {
    text.flatMap { Int($0) }.map { Instant(secondsSinceEpoch: $0) }
  }

  /// The fields of a CSV line: `nil` for an empty unquoted field; `nil` for the whole when a
  /// quoted field is not closed.
  private static func fields(_ line: ArraySlice<UInt8>) -> [String?]? {
    var fields: [String?] = []
    fields.reserveCapacity(columns.count)
    var index = line.startIndex
    while true {
      if index < line.endIndex, line[index] == 34 {
        var bytes: [UInt8] = []
        index += 1
        while true {
          guard index < line.endIndex else { return nil }
          if line[index] == 34 {
            if index + 1 < line.endIndex, line[index + 1] == 34 {
              bytes.append(34)
              index += 2
              continue
            }
            index += 1
            break
          }
          bytes.append(line[index])
          index += 1
        }
        fields.append(String(decoding: bytes, as: UTF8.self))
      } else {
        let end = line[index...].firstIndex(of: 44) ?? line.endIndex
        fields.append(end == index ? nil : String(decoding: line[index..<end], as: UTF8.self))
        index = end
      }
      guard index < line.endIndex else { return fields }
      guard line[index] == 44 else { return nil }
      index += 1
    }
  }
}
