/// Reads one JSON object of a bundle: each member by its key, in the shape its type expects.
/// Keys nobody asks for are ignored, since a loader ignores keys it does not know.
///
/// This is what the `init(json:)` of every bundle type is written with, instead of Codable:
/// a process loads one bundle, and Codable's generic decoding would spend more time on its
/// first use (metadata and conformance lookups) than on the bundle itself. Optional members
/// may be missing or null; required ones must be present and not null. A failure names the
/// place: its path is built only while the error unwinds, so a good bundle tracks none.
struct JSONObjectReader {
  /// Reads one JSON value, or throws.
  typealias Read<T> = (CanonicalJSON) throws(SchemaError) -> T

  private let entries: [(key: String, value: CanonicalJSON)]

  init(_ json: CanonicalJSON) throws(SchemaError) {
    guard case .object(let entries) = json else { throw .unexpectedValue }
    self.entries = entries
  }

  /// `key`'s value read by `read`; the key must be present.
  func decode<T>(_ key: String, _ read: Read<T>) throws(SchemaError) -> T {
    guard let json = entries.first(where: { $0.key == key })?.value else { throw .missing(key) }
    do {
      return try read(json)
    } catch {
      throw error.inside(key)
    }
  }

  /// `key`'s value read by `read`; `nil` when the key is missing or its value is null.
  func decodeIfPresent<T>(_ key: String, _ read: Read<T>) throws(SchemaError) -> T? {
    guard let json = entries.first(where: { $0.key == key })?.value else { return nil }
    if case .null = json { return nil }
    do {
      return try read(json)
    } catch {
      throw error.inside(key)
    }
  }

  func string(_ key: String) throws(SchemaError) -> String { try decode(key, Self.string) }
  func int(_ key: String) throws(SchemaError) -> Int { try decode(key, Self.int) }
  func bool(_ key: String) throws(SchemaError) -> Bool { try decode(key, Self.bool) }
  func double(_ key: String) throws(SchemaError) -> Double { try decode(key, Self.double) }
  func optionalString(_ key: String) throws(SchemaError) -> String? { try decodeIfPresent(key, Self.string) }
  func optionalInt(_ key: String) throws(SchemaError) -> Int? { try decodeIfPresent(key, Self.int) }

  /// The case of `E` whose raw value is `key`'s string.
  func enumeration<E: RawRepresentable<String>>(_ key: String, _ type: E.Type) throws(SchemaError) -> E {
    try decode(key) { json throws(SchemaError) in
      guard let value = E(rawValue: try Self.string(json)) else { throw .unexpectedValue }
      return value
    }
  }

  /// `key`'s array, each element read by `read`; the key must be present.
  func array<T>(_ key: String, _ read: Read<T>) throws(SchemaError) -> [T] {
    try decode(key) { json throws(SchemaError) in try Self.array(json, read) }
  }

  /// `key`'s array, each element read by `read`; `nil` when the key is missing or null.
  func optionalArray<T>(_ key: String, _ read: Read<T>) throws(SchemaError) -> [T]? {
    try decodeIfPresent(key) { json throws(SchemaError) in try Self.array(json, read) }
  }

  func strings(_ key: String) throws(SchemaError) -> [String] { try array(key, Self.string) }

  static func string(_ json: CanonicalJSON) throws(SchemaError) -> String {
    guard case .string(let text) = json else { throw .unexpectedValue }
    return text
  }

  static func int(_ json: CanonicalJSON) throws(SchemaError) -> Int {
    guard case .number(let text) = json, let number = Int(text) else { throw .unexpectedValue }
    return number
  }

  static func bool(_ json: CanonicalJSON) throws(SchemaError) -> Bool {
    guard case .bool(let flag) = json else { throw .unexpectedValue }
    return flag
  }

  static func double(_ json: CanonicalJSON) throws(SchemaError) -> Double {
    guard case .number(let text) = json, let number = Double(text) else { throw .unexpectedValue }
    return number
  }

  /// The elements of an array, each read by `read`.
  static func array<T>(_ json: CanonicalJSON, _ read: Read<T>) throws(SchemaError) -> [T] {
    guard case .array(let items) = json else { throw .unexpectedValue }
    var values: [T] = []
    values.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      do {
        values.append(try read(item))
      } catch {
        throw error.inside(String(index))
      }
    }
    return values
  }
}

/// Where and how a bundle's JSON departs from the schema; `BundleLoadError.schemaMismatch`
/// carries its description.
struct SchemaError: Error, Equatable, CustomStringConvertible {
  /// The key of a required member, or `nil` for a value of the wrong kind.
  var missingKey: String?
  /// The keys and 0-based indexes from the document down to the value (for a missing key,
  /// to the object that lacks it).
  var path: [String] = []

  static func missing(_ key: String) -> SchemaError { SchemaError(missingKey: key) }
  static var unexpectedValue: SchemaError { SchemaError(missingKey: nil) }

  /// The error with `component` (a key or an index) in front of its path.
  func inside(_ component: String) -> SchemaError {
    var outer = self
    outer.path.insert(component, at: 0)
    return outer
  }

  /// `missing 'id' in 'case_types.0'`, `unexpected value at 'calendars.1.week'`.
  var description: String {
    let place = path.joined(separator: ".")
    guard let missingKey else { return "unexpected value at '\(place)'" }
    return "missing '\(missingKey)'" + (place.isEmpty ? "" : " in '\(place)'")
  }
}
