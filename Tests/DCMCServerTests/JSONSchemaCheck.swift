import DCMCJSON

/// The subset of JSON Schema (2020-12) that `openapi.json` uses, checked strictly: an object
/// schema with `properties` admits no other member unless its `additionalProperties` is a
/// schema, whatever the document says (it stays open for clients; the test holds the views
/// to it). `$ref` reads `#/components/schemas/NAME` of `document`.
struct JSONSchemaCheck {
  let document: JSONValue

  /// What is wrong with `value` against `schema`, each at its path (`$.tasks[0].level`);
  /// empty when it conforms.
  func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$", depth: Int = 0) -> [String] {
    guard depth < 64 else { return ["\(path): schemas nested too deep"] }
    if case .string(let reference)? = schema["$ref"] {
      let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
      guard let target = document["components"]?["schemas"]?[name] else { return ["\(path): no schema '\(reference)'"] }
      return problems(value, target, at: path, depth: depth + 1)
    }
    if case .array(let choices)? = schema["oneOf"] {
      let fitting = choices.filter { problems(value, $0, at: path, depth: depth + 1).isEmpty }
      if fitting.count != 1 {
        let nearest = choices.map { problems(value, $0, at: path, depth: depth + 1) }.min { $0.count < $1.count } ?? []
        return ["\(path): fits \(fitting.count) of the oneOf's \(choices.count) schemas"] + (fitting.isEmpty ? nearest : [])
      }
      return []
    }
    if case .array(let values)? = schema["enum"], !values.contains(where: { $0.compact() == value.compact() }) {
      return ["\(path): \(String(decoding: value.compact(), as: UTF8.self)) is not in the enum"]
    }
    if let types = schema["type"], !Self.types(types).contains(where: { Self.value(value, is: $0) }) {
      return ["\(path): \(String(decoding: value.compact(), as: UTF8.self).prefix(60)) is not \(Self.types(types))"]
    }
    var found: [String] = []
    switch value {
    case .object(let members):
      let properties: [(key: String, value: JSONValue)]
      if case .object(let given)? = schema["properties"] { properties = given } else { properties = [] }
      if case .array(let required)? = schema["required"] {
        for case .string(let name) in required where !members.contains(where: { $0.key == name }) {
          found.append("\(path): '\(name)' is required but missing")
        }
      }
      let additional = schema["additionalProperties"]
      for (key, member) in members {
        if let property = properties.first(where: { $0.key == key }) {
          found += problems(member, property.value, at: path + "." + key, depth: depth + 1)
        } else if let additional, case .object = additional {
          found += problems(member, additional, at: path + "." + key, depth: depth + 1)
        } else if !properties.isEmpty || { if case .bool(false)? = additional { true } else { false } }() {
          found.append("\(path): '\(key)' is not in the schema")
        }
      }
    case .array(let elements):
      if let items = schema["items"] {
        for (index, element) in elements.enumerated() {
          found += problems(element, items, at: "\(path)[\(index)]", depth: depth + 1)
        }
      }
    case .string(let text):
      if case .string("date-time")? = schema["format"], !Self.isUTCTime(text) {
        found.append("\(path): '\(text.prefix(40))' is not a date-time")
      }
      if case .number(let least)? = schema["minLength"], let count = Int(least), text.count < count {
        found.append("\(path): shorter than \(count)")
      }
    default: break
    }
    return found
  }

  static func types(_ given: JSONValue) -> [String] {
    switch given {
    case .string(let one): [one]
    case .array(let many): many.compactMap { if case .string(let name) = $0 { name } else { nil } }
    default: []
    }
  }

  static func value(_ value: JSONValue, is type: String) -> Bool {
    switch (value, type) {
    case (.null, "null"), (.bool, "boolean"), (.string, "string"), (.array, "array"), (.object, "object"),
      (.number, "number"):
      true
    case (.number(let text), "integer"): Int(text) != nil
    default: false
    }
  }

  /// `2026-03-02T08:00:00Z`, with or without fractions of a second: the views' instants.
  static func isUTCTime(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[10] == UInt8(ascii: "T") else { return false }
    let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
    return digits.allSatisfy { (0x30...0x39).contains(bytes[$0]) }
  }
}
