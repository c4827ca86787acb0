/// A statement parameter (`nil` in a parameter list is SQL NULL), sent in PostgreSQL's text
/// format, or in its binary format for the arrays of `PostgresColumns`.
public struct PostgresValue: Sendable, Equatable {
  enum Form: Sendable, Equatable {
    case text(String)
    case int(Int)
    case bool(Bool)
    /// PostgreSQL's binary form (format 1): `array_send`'s layout for an array.
    case binary([UInt8])
  }

  let form: Form

  public static func string(_ value: String) -> PostgresValue { PostgresValue(form: .text(value)) }
  public static func int(_ value: Int) -> PostgresValue { PostgresValue(form: .int(value)) }
  public static func bool(_ value: Bool) -> PostgresValue { PostgresValue(form: .bool(value)) }
  /// Bytes for a `bytea` column, in its hex input form (`\x0a1b...`).
  public static func bytes(_ value: [UInt8]) -> PostgresValue {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = [92, 120]
    text.reserveCapacity(2 + value.count * 2)
    for byte in value { text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
    return .string(String(decoding: text, as: UTF8.self))
  }

  /// The parameter as the server reads it in the text format; `nil` for one sent in binary.
  var text: String? {
    switch form {
    case .text(let text): text
    case .int(let value): String(value)
    case .bool(let value): value ? "t" : "f"
    case .binary: nil
    }
  }

  /// What goes on the wire: the bytes, and whether they are in the binary format.
  var wire: (bytes: [CChar], binary: Bool) {
    switch form {
    case .binary(let bytes): (bytes.map { CChar(bitPattern: $0) }, true)
    default: (Array((text ?? "").utf8CString), false)
    }
  }
}

extension PostgresValue {
  /// The element types `array` sends, by their SQL names, with their type oids.
  static let arrayElementTypes: [String: UInt32] = ["boolean": 16, "bigint": 20, "integer": 23, "text": 25]

  /// `elements` as one array parameter of `type` (`text`, `integer`, `bigint`, `boolean`) in
  /// PostgreSQL's binary form (`array_send`'s: dimensions, then each element's length and
  /// bytes): the server reads each element as it is, with no quotes to scan or escapes to
  /// undo (the text form `{"...","..."}` costs both sides a pass over every byte). A number
  /// or boolean given as text is read from it, as the text form would have; one that does
  /// not fit its type (an integer beyond 32 bits for `integer`, a word for a number) goes
  /// as an empty element, which the server refuses: never a value cut short.
  public static func array(_ elements: [PostgresValue?], of type: String) -> PostgresValue {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(20 + elements.reduce(0) { $0 + 4 + Self.size(of: $1) })
    func append<Integer: FixedWidthInteger>(_ value: Integer) {
      withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
    }
    append(Int32(elements.isEmpty ? 0 : 1))
    append(Int32(elements.contains(nil) ? 1 : 0))
    append(Self.arrayElementTypes[type] ?? 0)
    if !elements.isEmpty {
      append(Int32(truncatingIfNeeded: elements.count))
      append(Int32(1))
    }
    for element in elements {
      guard let element else {
        append(Int32(-1))
        continue
      }
      switch type {
      case "integer":
        guard let value = element.integer.flatMap({ Int32(exactly: $0) }) else { append(Int32(0)); continue }
        append(Int32(4))
        append(value)
      case "bigint":
        guard let value = element.integer else { append(Int32(0)); continue }
        append(Int32(8))
        append(Int64(value))
      case "boolean":
        guard let value = element.boolean else { append(Int32(0)); continue }
        append(Int32(1))
        bytes.append(value ? 1 : 0)
      default:
        let text = Array((element.text ?? "").utf8)
        append(Int32(truncatingIfNeeded: text.count))
        bytes += text
      }
    }
    return PostgresValue(form: .binary(bytes))
  }

  /// The integer this value gives: its own, or its text's.
  private var integer: Int? {
    if case .int(let value) = form { return value }
    return text.flatMap { Int($0) }
  }

  /// The boolean this value gives: its own, or its text's (`t` or `f`, PostgreSQL's form).
  private var boolean: Bool? {
    switch form {
    case .bool(let value): value
    case .text("t"): true
    case .text("f"): false
    default: nil
    }
  }

  /// About how many bytes `element` takes in an array (for the buffer's capacity).
  private static func size(of element: PostgresValue?) -> Int {
    switch element?.form {
    case .text(let text)?: text.utf8.count
    case .binary(let bytes)?: bytes.count
    default: 8
    }
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

  /// The columns as parameters, in order, each an array in the binary form.
  var parameters: [PostgresValue?] { types.indices.map { PostgresValue.array(values[$0], of: types[$0]) } }

  /// `unnest($first::type, ...)`: the rows of the parameters from `$first` on.
  func unnest(from first: Int) -> String {
    "unnest(" + types.indices.map { "$\(first + $0)::\(types[$0])[]" }.joined(separator: ", ") + ")"
  }
}
