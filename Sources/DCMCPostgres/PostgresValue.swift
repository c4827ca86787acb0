/// A statement parameter, sent in PostgreSQL's text format (`nil` in a parameter list is
/// SQL NULL).
public struct PostgresValue: Sendable, Equatable {
  /// The parameter as the server reads it.
  let text: String

  public static func string(_ value: String) -> PostgresValue { PostgresValue(text: value) }
  public static func int(_ value: Int) -> PostgresValue { PostgresValue(text: String(value)) }
  public static func bool(_ value: Bool) -> PostgresValue { PostgresValue(text: value ? "t" : "f") }
  /// Bytes for a `bytea` column, in its hex input form (`\x0a1b...`).
  public static func bytes(_ value: [UInt8]) -> PostgresValue {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = [92, 120]
    text.reserveCapacity(2 + value.count * 2)
    for byte in value { text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
    return PostgresValue(text: String(decoding: text, as: UTF8.self))
  }
}

extension PostgresValue {
  /// `elements` as one array parameter (`$1::text[]`, `$2::bigint[]`...) in PostgreSQL's
  /// text form: every element quoted, its `"` and `\` escaped, `nil` as `NULL`. The server
  /// reads an array of texts with no JSON to parse and no second escaping (each text is
  /// written as is, where a JSON array of JSON texts escapes every quote of the inner text).
  public static func array(_ elements: [PostgresValue?]) -> PostgresValue {
    var text: [UInt8] = [UInt8(ascii: "{")]
    text.reserveCapacity(elements.reduce(2) { $0 + ($1?.text.utf8.count ?? 4) + 3 })
    for (index, element) in elements.enumerated() {
      if index > 0 { text.append(UInt8(ascii: ",")) }
      guard let element else {
        text += "NULL".utf8
        continue
      }
      text.append(UInt8(ascii: "\""))
      for byte in element.text.utf8 {
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { text.append(UInt8(ascii: "\\")) }
        text.append(byte)
      }
      text.append(UInt8(ascii: "\""))
    }
    text.append(UInt8(ascii: "}"))
    return PostgresValue(text: String(decoding: text, as: UTF8.self))
  }
}

/// Rows sent a column at a time: each column one array parameter, which a statement unnests
/// (`unnest($1::text[], $2::integer[]) AS t(a, b)`), so a list of rows goes in one statement
/// as arrays of texts rather than as JSON.
struct PostgresColumns {
  /// Each column's SQL type, in order.
  let types: [String]
  /// Each column's values, one per row.
  private(set) var values: [[PostgresValue?]]

  init(_ types: [String]) {
    self.types = types
    values = Array(repeating: [], count: types.count)
  }

  var rowCount: Int { values.first?.count ?? 0 }

  /// The rows, each its values in the columns' order.
  var rows: [[PostgresValue?]] { (0..<rowCount).map { row in values.map { $0[row] } } }

  /// Appends a row: one value per column.
  mutating func append(_ row: [PostgresValue?]) {
    for column in values.indices { values[column].append(column < row.count ? row[column] : nil) }
  }

  /// The columns as parameters, in order.
  var parameters: [PostgresValue?] { values.map { PostgresValue.array($0) } }

  /// `unnest($first::type, ...)`: the rows of the parameters from `$first` on.
  func unnest(from first: Int) -> String {
    "unnest(" + types.indices.map { "$\(first + $0)::\(types[$0])[]" }.joined(separator: ", ") + ")"
  }
}
