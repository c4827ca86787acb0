package import DCMCJSON

/// Form data given as a JSON object (`case create --fields`, the API's `fields`) as the
/// values the form check reads: taken as written, typed later by the case type's fields.
package enum FormValues {
  /// A member that is not a single value, or a body that is not an object.
  package struct Problem: Error, Equatable {
    /// The member; `nil` when the value is not an object at all.
    package var field: String?
    package var detail: String
  }

  /// Strings as they are, numbers in their canonical form, booleans as `true` or `false`, null
  /// as the empty string.
  package static func strings(_ value: JSONValue) -> Result<[String: String], Problem> {
    guard case .object(let entries) = value else {
      return .failure(Problem(field: nil, detail: "is not one mapping of field to value"))
    }
    var data: [String: String] = [:]
    for (key, value) in entries {
      switch value {
      case .string(let text): data[key] = text
      case .number(let text): data[key] = text
      case .bool(let flag): data[key] = flag ? "true" : "false"
      case .null: data[key] = ""
      case .array, .object: return .failure(Problem(field: key, detail: "is not a single value"))
      }
    }
    return .success(data)
  }
}
