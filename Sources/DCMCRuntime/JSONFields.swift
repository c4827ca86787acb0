import DCMCBundle

/// The members of a JSON object, read by a hand-written `JSONConvertible` conversion; an error
/// names the key it was read from.
package struct JSONFields {
  package let members: [(key: String, value: CanonicalJSON)]

  package init(_ json: CanonicalJSON) throws(JSONShapeError) {
    guard case .object(let members) = json else { throw JSONShapeError(expected: "an object", found: json) }
    self.members = members
  }

  /// The value of `key`, which must be there and not `null`.
  package func required<Value: JSONConvertible>(_ key: String, as type: Value.Type = Value.self)
    throws(JSONShapeError) -> Value
  {
    guard let value = self[key] else { throw JSONShapeError("missing key '\(key.prefix(40))'") }
    do throws(JSONShapeError) { return try Value(json: value) } catch { throw error.inside(key) }
  }

  /// The value of `key`, or `nil` when it is missing or `null`.
  package func optional<Value: JSONConvertible>(_ key: String, as type: Value.Type = Value.self)
    throws(JSONShapeError) -> Value?
  {
    guard let value = self[key] else { return nil }
    if case .null = value { return nil }
    do throws(JSONShapeError) { return try Value(json: value) } catch { throw error.inside(key) }
  }

  /// The raw value of `key`; a linear scan, which for the few keys of a record is faster
  /// than hashing them.
  package subscript(key: String) -> CanonicalJSON? {
    for member in members where member.key == key { return member.value }
    return nil
  }
}
