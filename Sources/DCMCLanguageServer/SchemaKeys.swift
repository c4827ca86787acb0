import DCMCChecker
internal import DCMCJSON

/// The keys and fixed values the JSON Schema of the language (`dcmc schema`) allows at a
/// path of a document, for completion: the schema is the checker's own key lists, so the
/// keys offered are those the checker accepts.
struct SchemaKeys: Sendable {
  /// A key the mapping at a path may have, with the schema's description of it.
  struct Key: Sendable, Equatable {
    var name: String
    var description: String?
  }

  private let definitions: JSONValue

  /// The schema `dcmc schema` prints, read once.
  static let language = SchemaKeys(text: LanguageSchema.text)

  init(text: String) {
    let schema = try? JSONValue.parse(Array(text.utf8), limits: .init(maxBytes: text.utf8.count))
    definitions = schema?["$defs"] ?? .object([])
  }

  /// The keys of the mapping at `path` (mapping keys from the document's root; sequences
  /// are passed through) in a document of `kind`, in the schema's order.
  func keys(kind: String, path: [String]) -> [Key] {
    var keys: [Key] = []
    for schema in schemas(kind: kind, path: path) {
      guard case .object(let properties)? = schema["properties"] else { continue }
      for (name, property) in properties where !keys.contains(where: { $0.name == name }) {
        keys.append(Key(name: name, description: description(of: property)))
      }
    }
    return keys
  }

  /// The values an `enum` or `const` of the schema allows for `key` of the mapping at `path`.
  func values(kind: String, path: [String], key: String) -> [String] {
    var values: [String] = []
    for schema in schemas(kind: kind, path: path + [key]) {
      let allowed = (schema["enum"].flatMap(\.arrayValue) ?? []) + [schema["const"]].compactMap { $0 }
      for case .string(let value) in allowed where !values.contains(value) { values.append(value) }
    }
    return values
  }

  /// The schemas that may apply at `path`, with references, alternatives and sequences
  /// opened.
  private func schemas(kind: String, path: [String]) -> [JSONValue] {
    guard let root = definitions[kind] else { return [] }
    var current = expand(root)
    for key in path {
      current = current.flatMap { schema -> [JSONValue] in
        if let property = schema["properties"]?[key] { return expand(property) }
        if let additional = schema["additionalProperties"], case .object = additional { return expand(additional) }
        return []
      }
    }
    return current
  }

  /// `schema` with its `$ref`, `anyOf`, `oneOf`, `allOf` and `items` followed, to a bounded depth.
  private func expand(_ schema: JSONValue, depth: Int = 0) -> [JSONValue] {
    guard depth < 8 else { return [] }
    var result = [schema]
    if let reference = schema["$ref"]?.stringValue, reference.hasPrefix("#/$defs/"),
      let target = definitions[String(reference.dropFirst("#/$defs/".count))]
    {
      result += expand(target, depth: depth + 1)
    }
    for combinator in ["anyOf", "oneOf", "allOf"] {
      for alternative in schema[combinator]?.arrayValue ?? [] { result += expand(alternative, depth: depth + 1) }
    }
    if let items = schema["items"] { result += expand(items, depth: depth + 1) }
    return result
  }

  private func description(of property: JSONValue) -> String? {
    if let text = property["description"]?.stringValue { return text }
    guard let reference = property["$ref"]?.stringValue, reference.hasPrefix("#/$defs/") else { return nil }
    return definitions[String(reference.dropFirst("#/$defs/".count))]?["description"]?.stringValue
  }
}
