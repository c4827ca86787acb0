import DCMCJSON

/// The events of a customer's or a user's history as their rows hold them: each the JSON
/// of its history record (docs/store.md), read back with the file store's limits.
enum PostgresHistory {
  /// The events in the rows' column `column`, in the rows' order, or why one does not read,
  /// naming `table` and `subject`.
  static func decode<Event: JSONConvertible>(
    _ rows: PostgresRows, column: Int = 0, rowIndices: Range<Int>? = nil, table: String, subject: String
  ) throws(PostgresError) -> [Event] {
    var events: [Event] = []
    for row in rowIndices ?? rows.rows.indices {
      do {
        let value = try JSONValue.parse(rows.rows[row][column] ?? [], limits: PostgresCaseRow.limits)
        events.append(try Event(json: value))
      } catch {
        throw PostgresError("event \(events.count + 1) of '\(subject)' in '\(table)' does not read: \(error)")
      }
    }
    return events
  }

  /// The rows of `events` for `jsonb_to_recordset(... AS e(seq integer, event text))`.
  static func records<Event: JSONConvertible>(_ events: [Event], seq: (Event) -> Int) -> PostgresValue {
    PostgresJSON.records(
      events.map { [("event", .string(String(decoding: $0.json.compact(), as: UTF8.self))), ("seq", .int(seq($0)))] })
  }
}
