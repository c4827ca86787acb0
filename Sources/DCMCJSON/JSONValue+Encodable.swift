extension JSONValue {
  /// The JSON value of `value`'s `Encodable` conformance, built directly (no text in
  /// between), with every object's keys sorted. Optional members that are `nil` are left
  /// out, as `JSONEncoder` does.
  ///
  /// Coding paths are not tracked: the only possible failure is a non-finite number, and
  /// tracking them costs a third of the time.
  package static func encode(_ value: some Encodable) throws -> JSONValue {
    try encodeValue(value)
  }
}

/// A value being encoded by containers, which `Encoder` hands out as values that must all
/// write into the same place: hence a class.
private final class EncodingNode {
  enum Content {
    case unset
    case scalar(JSONValue)
    case object([(key: String, value: Member)])
    case array([Member])
  }

  /// A finished value, or one that a nested container may still be filling.
  enum Member {
    case done(JSONValue)
    case pending(EncodingNode)

    var value: JSONValue {
      switch self {
      case .done(let value): value
      case .pending(let node): node.value
      }
    }
  }

  var content = Content.unset

  var value: JSONValue {
    switch content {
    case .unset: .object([])
    case .scalar(let scalar): scalar
    case .object(let entries): .object(JSONValue.sortedByKey(entries.map { ($0.key, $0.value.value) }))
    case .array(let items): .array(items.map(\.value))
    }
  }

  func add(_ key: String, _ member: Member) {
    if case .object(var entries) = content {
      content = .unset  // keeps `entries` uniquely referenced, so the append does not copy
      entries.append((key, member))
      content = .object(entries)
    } else {
      content = .object([(key, member)])
    }
  }

  func append(_ member: Member) {
    if case .array(var items) = content {
      content = .unset
      items.append(member)
      content = .array(items)
    } else {
      content = .array([member])
    }
  }

  var count: Int {
    if case .array(let items) = content { return items.count }
    return 0
  }
}

/// `value` encoded; scalars without building an encoder for them (comparing metadata is
/// much cheaper than a dynamic cast of every value).
private func encodeValue<T: Encodable>(_ value: T) throws -> JSONValue {
  if T.self == String.self, let text = value as? String { return .string(text) }
  if T.self == Int.self, let number = value as? Int { return .number(String(number)) }
  if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
  let node = EncodingNode()
  try value.encode(to: TreeEncoder(node: node))
  return node.value
}

private struct TreeEncoder: Encoder {
  let node: EncodingNode
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if case .unset = node.content { node.content = .object([]) }
    return KeyedEncodingContainer(KeyedContainer<Key>(node: node))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .unset = node.content { node.content = .array([]) }
    return UnkeyedContainer(node: node)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(node: node) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: EncodingNode
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil(forKey key: Key) throws { node.add(key.stringValue, .done(.null)) }
  mutating func encode(_ value: String, forKey key: Key) throws { node.add(key.stringValue, .done(.string(value))) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { node.add(key.stringValue, .done(.bool(value))) }
  mutating func encode(_ value: Int, forKey key: Key) throws {
    node.add(key.stringValue, .done(.number(String(value))))
  }

  mutating func encode(_ value: some Encodable, forKey key: Key) throws {
    node.add(key.stringValue, .done(try encodeValue(value)))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let child = EncodingNode()
    child.content = .object([])
    node.add(key.stringValue, .pending(child))
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = EncodingNode()
    child.content = .array([])
    node.add(key.stringValue, .pending(child))
    return UnkeyedContainer(node: child)
  }

  mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

  mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

  private func superEncoder(named key: String) -> any Encoder {
    let child = EncodingNode()
    node.add(key, .pending(child))
    return TreeEncoder(node: child)
  }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
  let node: EncodingNode
  var codingPath: [any CodingKey] { [] }
  var count: Int { node.count }

  mutating func encodeNil() throws { node.append(.done(.null)) }
  mutating func encode(_ value: String) throws { node.append(.done(.string(value))) }
  mutating func encode(_ value: some Encodable) throws { node.append(.done(try encodeValue(value))) }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type
  ) -> KeyedEncodingContainer<NestedKey> {
    let child = EncodingNode()
    child.content = .object([])
    node.append(.pending(child))
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let child = EncodingNode()
    child.content = .array([])
    node.append(.pending(child))
    return UnkeyedContainer(node: child)
  }

  mutating func superEncoder() -> any Encoder {
    let child = EncodingNode()
    node.append(.pending(child))
    return TreeEncoder(node: child)
  }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
  let node: EncodingNode
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil() throws { node.content = .scalar(.null) }
  mutating func encode(_ value: Bool) throws { node.content = .scalar(.bool(value)) }
  mutating func encode(_ value: String) throws { node.content = .scalar(.string(value)) }

  mutating func encode(_ value: Double) throws {
    guard let text = JSONValue.canonicalNumber(String(value)) else {
      throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "not a finite number"))
    }
    node.content = .scalar(.number(text))
  }

  mutating func encode(_ value: Float) throws { try encode(Double(value)) }
  mutating func encode(_ value: Int) throws { node.content = .scalar(.number(String(value))) }
  mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
  mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
  mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
  mutating func encode(_ value: Int64) throws { node.content = .scalar(.number(String(value))) }
  mutating func encode(_ value: UInt) throws { try encode(UInt64(value)) }
  mutating func encode(_ value: UInt8) throws { try encode(Int(value)) }
  mutating func encode(_ value: UInt16) throws { try encode(Int(value)) }
  mutating func encode(_ value: UInt32) throws { try encode(Int(value)) }
  /// Above `Int64.max` the canonical text is the `Double`'s, as the parser gives it.
  mutating func encode(_ value: UInt64) throws {
    node.content = .scalar(.number(JSONValue.canonicalNumber(String(value)) ?? String(value)))
  }

  mutating func encode(_ value: some Encodable) throws { node.content = .scalar(try encodeValue(value)) }
}
