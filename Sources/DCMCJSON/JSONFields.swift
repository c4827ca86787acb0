/// The members of one JSON object, each read by its key as the value it should be
/// (`JSONReadable`). Keys nobody asks for are ignored, since a reader ignores keys it does
/// not know. An error names the key it was read from.
package struct JSONFields {
  @usableFromInline let members: [(key: String, value: JSONValue)]

  package init(_ json: JSONValue) throws(JSONShapeError) {
    guard case .object(let members) = json else { throw JSONShapeError(expected: "an object", found: json) }
    self.members = members
  }

  // `@inlinable`, so that the runtime's and the store's reads are specialized for each type
  // in their own module, as they were before this reader moved here.

  /// The value of `key`, which must be there and not `null`.
  @inlinable package func required<Value: JSONReadable>(_ key: String, as type: Value.Type = Value.self)
    throws(JSONShapeError) -> Value
  {
    guard let value = self[key] else { throw .missing(key) }
    do throws(JSONShapeError) { return try Value(json: value) } catch { throw error.inside(key) }
  }

  /// The value of `key`, or `nil` when it is missing or `null`.
  @inlinable package func optional<Value: JSONReadable>(_ key: String, as type: Value.Type = Value.self)
    throws(JSONShapeError) -> Value?
  {
    guard let value = self[key] else { return nil }
    if case .null = value { return nil }
    do throws(JSONShapeError) { return try Value(json: value) } catch { throw error.inside(key) }
  }

  /// The integer at `key`, which must be there and lie in `range`: a bundle holds only the
  /// values the checker accepts, so the runtime's arithmetic on them cannot overflow.
  package func required(_ key: String, in range: ClosedRange<Int>) throws(JSONShapeError) -> Int {
    try Self.check(required(key), in: range, at: key)
  }

  /// The integer at `key`, which must lie in `range`, or `nil` when it is missing or `null`.
  package func optional(_ key: String, in range: ClosedRange<Int>) throws(JSONShapeError) -> Int? {
    guard let value: Int = try optional(key) else { return nil }
    return try Self.check(value, in: range, at: key)
  }

  private static func check(_ value: Int, in range: ClosedRange<Int>, at key: String) throws(JSONShapeError) -> Int {
    guard range.contains(value) else {
      throw JSONShapeError("expected \(range.lowerBound) to \(range.upperBound)").inside(key)
    }
    return value
  }

  /// The raw value of `key`; a linear scan, which for the few keys of an object is faster
  /// than hashing them.
  @inlinable subscript(key: String) -> JSONValue? {
    for member in members where member.key == key { return member.value }
    return nil
  }
}
