import DCMCJSON

/// Lists sent as one JSON parameter, which a statement unpacks (`jsonb_to_recordset`,
/// `jsonb_array_elements_text`): a change's rows of one table go in one statement.
enum PostgresJSON {
  /// One row: its columns by name.
  typealias Record = [(key: String, value: JSONValue)]

  /// `records` as a JSON array of objects.
  static func records(_ records: [Record]) -> PostgresValue {
    text(.array(records.map { .object($0) }))
  }

  /// `strings` as a JSON array of strings.
  static func strings(_ strings: [String]) -> PostgresValue {
    text(.array(strings.map { .string($0) }))
  }

  /// A JSON value's compact text.
  static func text(_ value: JSONValue) -> PostgresValue {
    .string(String(decoding: value.compact(), as: UTF8.self))
  }
}
