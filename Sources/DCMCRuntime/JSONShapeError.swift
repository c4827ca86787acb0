import DCMCBundle

/// Why a JSON value is not the value a conversion reads (`JSONConvertible.init(json:)`): what
/// is wrong, and where.
package struct JSONShapeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Where, from the outermost value: keys joined by `.`, array indexes as `[2]`; empty for
  /// the value itself.
  package var path: String
  package var problem: String

  package init(_ problem: String, path: String = "") {
    self.problem = problem
    self.path = path
  }

  /// `found` is not the kind of value expected (`"an integer"`).
  package init(expected: String, found: CanonicalJSON) {
    self.init("expected \(expected), found \(found.kindName)")
  }

  package var description: String { path.isEmpty ? problem : "\(problem) at '\(path)'" }

  /// The error, for a value read from `key` of an object.
  package func inside(_ key: String) -> JSONShapeError {
    let separator = path.isEmpty || path.hasPrefix("[") ? "" : "."
    return JSONShapeError(problem, path: key + separator + path)
  }

  /// The error, for a value read at `index` (0-based) of an array.
  package func inside(index: Int) -> JSONShapeError {
    let separator = path.isEmpty || path.hasPrefix("[") ? "" : "."
    return JSONShapeError(problem, path: "[\(index)]" + separator + path)
  }
}

extension CanonicalJSON {
  /// The kind of value, for messages: `a string`, `null`.
  package var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
