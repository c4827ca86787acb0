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
