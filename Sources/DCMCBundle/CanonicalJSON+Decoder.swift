extension CanonicalJSON {
  /// A `T` decoded from this value by its `Decodable` conformance, without text in between.
  /// Keys this value has and `T` does not know are ignored.
  ///
  /// `tracksPath: false` leaves every `codingPath` empty, which is faster; decode again with
  /// `true` to learn where a failure is.
  package func decode<T: Decodable>(_ type: T.Type, tracksPath: Bool = true) throws -> T {
    try T(from: TreeDecoder(value: self, path: tracksPath ? [] : nil))
  }
}

private struct IndexKey: CodingKey {
  var intValue: Int?
  var stringValue: String { intValue.map(String.init) ?? "" }
  init(_ index: Int) { intValue = index }
  init?(stringValue: String) { nil }
  init?(intValue: Int) { self.intValue = intValue }
}

private func mismatch(_ expected: String, _ value: CanonicalJSON, _ path: [any CodingKey]) -> DecodingError {
  .typeMismatch(Any.self, .init(codingPath: path, debugDescription: "expected \(expected), found \(value.kindName)"))
}

extension CanonicalJSON {
  fileprivate var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// The value as `T` when `T` is a scalar type this format writes.
  fileprivate func scalar<T>(_ type: T.Type, _ path: [any CodingKey]) throws -> T? {
    if T.self == String.self {
      guard case .string(let text) = self else { throw mismatch("a string", self, path) }
      return text as? T
    }
    if T.self == Int.self {
      guard case .number(let text) = self, let number = Int(text) else { throw mismatch("an integer", self, path) }
      return number as? T
    }
    if T.self == Bool.self {
      guard case .bool(let flag) = self else { throw mismatch("a boolean", self, path) }
      return flag as? T
    }
    if T.self == Double.self {
      guard case .number(let text) = self, let number = Double(text) else { throw mismatch("a number", self, path) }
      return number as? T
    }
    return nil
  }
}

/// `path` extended by `key`, when paths are tracked.
private func extend(_ path: [any CodingKey]?, _ key: @autoclosure () -> any CodingKey) -> [any CodingKey]? {
  path.map { $0 + [key()] }
}

private func decodeValue<T: Decodable>(_ type: T.Type, from value: CanonicalJSON, path: [any CodingKey]?) throws -> T {
  if let scalar = try value.scalar(type, path ?? []) { return scalar }
  return try T(from: TreeDecoder(value: value, path: path))
}

private struct TreeDecoder: Decoder {
  let value: CanonicalJSON
  let path: [any CodingKey]?
  var codingPath: [any CodingKey] { path ?? [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let entries) = value else { throw mismatch("an object", value, codingPath) }
    return KeyedDecodingContainer(KeyedContainer<Key>(entries: entries, path: path))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let items) = value else { throw mismatch("an array", value, codingPath) }
    return UnkeyedContainer(items: items, path: path)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    SingleValueContainer(value: value, path: path)
  }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let entries: [(key: String, value: CanonicalJSON)]
  let path: [any CodingKey]?
  var codingPath: [any CodingKey] { path ?? [] }

  var allKeys: [Key] { entries.compactMap { Key(stringValue: $0.key) } }

  func contains(_ key: Key) -> Bool { entries.contains { $0.key == key.stringValue } }

  private func value(_ key: Key) throws -> CanonicalJSON {
    let name = key.stringValue
    guard let entry = entries.first(where: { $0.key == name }) else {
      throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing '\(name)'"))
    }
    return entry.value
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    if case .null = try value(key) { return true }
    return false
  }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try decodeValue(type, from: try value(key), path: extend(path, key))
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try TreeDecoder(value: try value(key), path: extend(path, key)).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try TreeDecoder(value: try value(key), path: extend(path, key)).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    guard let entry = entries.first(where: { $0.key == "super" }) else {
      throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "missing 'super'"))
    }
    return TreeDecoder(value: entry.value, path: path)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    TreeDecoder(value: try value(key), path: extend(path, key))
  }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
  let items: [CanonicalJSON]
  let path: [any CodingKey]?
  var codingPath: [any CodingKey] { path ?? [] }
  var currentIndex = 0

  init(items: [CanonicalJSON], path: [any CodingKey]?) {
    self.items = items
    self.path = path
  }

  var count: Int? { items.count }
  var isAtEnd: Bool { currentIndex >= items.count }

  private mutating func next() throws -> (CanonicalJSON, [any CodingKey]?) {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "the array ends"))
    }
    defer { currentIndex += 1 }
    return (items[currentIndex], extend(path, IndexKey(currentIndex)))
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, case .null = items[currentIndex] else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let (value, path) = try next()
    return try decodeValue(type, from: value, path: path)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<
    NestedKey
  > {
    let (value, path) = try next()
    return try TreeDecoder(value: value, path: path).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (value, path) = try next()
    return try TreeDecoder(value: value, path: path).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (value, path) = try next()
    return TreeDecoder(value: value, path: path)
  }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
  let value: CanonicalJSON
  let path: [any CodingKey]?
  var codingPath: [any CodingKey] { path ?? [] }

  func decodeNil() -> Bool {
    if case .null = value { return true }
    return false
  }

  func decode(_ type: Bool.Type) throws -> Bool { try decodeValue(type, from: value, path: path) }
  func decode(_ type: String.Type) throws -> String { try decodeValue(type, from: value, path: path) }
  func decode(_ type: Double.Type) throws -> Double { try decodeValue(type, from: value, path: path) }
  func decode(_ type: Int.Type) throws -> Int { try decodeValue(type, from: value, path: path) }

  func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

  func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, from: value, path: path) }

  private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
    guard case .number(let text) = value, let number = I(text) else { throw mismatch("an integer", value, codingPath) }
    return number
  }
}
