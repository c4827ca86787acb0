/// A value read from its parsed JSON tree by hand, members with `JSONFields`: a bundle when it
/// is loaded, the store's records and states. Not `Codable`, whose first use in a process
/// (generic metadata and conformance lookups) cost more than the bundle's load, and whose
/// generic decoding cost a third of every durable command (`docs/performance.md`).
///
/// Optional members may be missing or null; required ones must be there and not null; keys
/// nobody asks for are ignored. A failure is a `JSONShapeError` that says where.
package protocol JSONReadable {
  init(json: JSONValue) throws(JSONShapeError)
}

/// A value the store keeps as JSON, read and written by hand (a bundle is written through its
/// `Encodable` conformance instead): `docs/store.md` specifies the store's shapes. Scalars
/// are themselves; a raw-value enum is its raw value.
package protocol JSONConvertible: JSONReadable {
  var json: JSONValue { get }
}

extension JSONValue {
  /// An object of the members that are not `nil`, in the order given (give them sorted by key,
  /// so that `compact()` need not sort them).
  package static func members(_ members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
    var entries: [(key: String, value: JSONValue)] = []
    entries.reserveCapacity(members.count)
    for member in members {
      if let value = member.value { entries.append((member.key, value)) }
    }
    return .object(entries)
  }
}

extension String: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    guard case .string(let text) = json else { throw JSONShapeError(expected: "a string", found: json) }
    self = text
  }

  package var json: JSONValue { .string(self) }
}

extension Int: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    guard case .number(let text) = json else { throw JSONShapeError(expected: "an integer", found: json) }
    // A number's canonical text is plain digits exactly when it is an integer in range.
    guard let value = Int(text) else { throw JSONShapeError("expected an integer, found \(text.prefix(40))") }
    self = value
  }

  package var json: JSONValue { .number(String(self)) }
}

/// Read only: the bundle's number literals, which are written through `Encodable`.
extension Double: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    guard case .number(let text) = json, let value = Double(text) else {
      throw JSONShapeError(expected: "a number", found: json)
    }
    self = value
  }
}

extension Bool: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    guard case .bool(let value) = json else { throw JSONShapeError(expected: "a boolean", found: json) }
    self = value
  }

  package var json: JSONValue { .bool(self) }
}

extension Array: JSONReadable where Element: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    guard case .array(let items) = json else { throw JSONShapeError(expected: "an array", found: json) }
    self = []
    reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      do throws(JSONShapeError) { append(try Element(json: item)) } catch { throw error.inside(String(index)) }
    }
  }
}

extension Array: JSONConvertible where Element: JSONConvertible {
  package var json: JSONValue { .array(map { $0.json }) }
}

extension Dictionary: JSONReadable where Key == String, Value: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    guard case .object(let entries) = json else { throw JSONShapeError(expected: "an object", found: json) }
    self = [:]
    reserveCapacity(entries.count)
    for entry in entries {
      do throws(JSONShapeError) { self[entry.key] = try Value(json: entry.value) } catch {
        throw error.inside(entry.key)
      }
    }
  }
}

extension Dictionary: JSONConvertible where Key == String, Value: JSONConvertible {
  /// Unsorted: `compact()` sorts the keys.
  package var json: JSONValue { .object(map { ($0.key, $0.value.json) }) }
}

extension JSONReadable where Self: RawRepresentable & CaseIterable, RawValue == String {
  package init(json: JSONValue) throws(JSONShapeError) {
    let text = try String(json: json)
    guard let value = Self(rawValue: text) else {
      throw JSONShapeError(
        "unknown value '\(text.prefix(40))'; expected one of \(Self.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))"
      )
    }
    self = value
  }
}

extension JSONConvertible where Self: RawRepresentable & CaseIterable, RawValue == String {
  package var json: JSONValue { .string(rawValue) }
}
