/// Why a JSON value is not the value a conversion reads (`JSONReadable.init(json:)`): what is
/// wrong, and where.
///
/// The path is built only while the error unwinds (`inside(_:)`), so a good value tracks none.
/// Each caller words it as its users need: `description` for the store's records,
/// `BundleFile.load` its own lines for a bundle.
package struct JSONShapeError: Error, Sendable, Equatable, CustomStringConvertible {
  package enum Problem: Sendable, Equatable {
    /// The object at `path` lacks this required key.
    case missing(key: String)
    /// The value at `path` is not one the conversion reads: what was expected, what was found.
    case unexpected(String)
    /// The value at `path` has the expected kind, but a rule of the reader refuses it: the
    /// words name the value (`invalid id '../x'`), for callers that show them as they are.
    case refused(String)
  }

  package var problem: Problem
  /// The keys and 0-based array indexes from the outermost value down to the value (for a
  /// missing key, to the object that lacks it); empty for the outermost value itself.
  package var path: [String]

  package init(_ problem: Problem, path: [String] = []) {
    self.problem = problem
    self.path = path
  }

  /// An unexpected value, with what was wrong about it (`unknown change`).
  package init(_ detail: String, path: [String] = []) {
    self.init(.unexpected(detail), path: path)
  }

  /// `found` is not the kind of value expected (`"an integer"`).
  package init(expected: String, found: JSONValue) {
    self.init("expected \(expected), found \(found.kindName)")
  }

  /// The object lacks the required `key`.
  package static func missing(_ key: String) -> JSONShapeError { JSONShapeError(.missing(key: key)) }

  /// The path joined by `.`: `case_types.0.sla.within`.
  package var place: String { path.joined(separator: ".") }

  /// `missing key 'outcome' at 'change.taskCompleted'`, `expected a string, found a number at 'by'`.
  package var description: String {
    let text =
      switch problem {
      case .missing(let key): "missing key '\(key)'"
      case .unexpected(let detail), .refused(let detail): detail
      }
    return path.isEmpty ? text : "\(text) at '\(place)'"
  }

  /// The error, for a value read at `component` (a key, or an array index in decimal).
  package func inside(_ component: String) -> JSONShapeError {
    var outer = self
    outer.path.insert(component, at: 0)
    return outer
  }
}

extension JSONValue {
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
