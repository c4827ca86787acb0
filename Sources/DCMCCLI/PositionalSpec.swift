/// One positional argument of an action: `TYPE`, `[ID]` or `[PATH...]`.
struct PositionalSpec: Sendable {
  /// `TYPE`: how usage lines write it.
  var name: String
  /// `a case type`: how a message asks for it.
  var description: String
  var kind: Kind

  enum Kind: Sendable {
    case required
    case optional
    /// Zero or more; only the last positional.
    case variadic
  }

  static func required(_ name: String, _ description: String) -> PositionalSpec {
    PositionalSpec(name: name, description: description, kind: .required)
  }

  static func optional(_ name: String, _ description: String) -> PositionalSpec {
    PositionalSpec(name: name, description: description, kind: .optional)
  }

  static func variadic(_ name: String, _ description: String) -> PositionalSpec {
    PositionalSpec(name: name, description: description, kind: .variadic)
  }

  /// `TYPE`, `[ID]`, `[PATH...]`.
  var synopsis: String {
    switch kind {
    case .required: name
    case .optional: "[\(name)]"
    case .variadic: "[\(name)...]"
    }
  }
}

extension PositionalSpec {
  /// `[PATH...]` of every command that reads definitions.
  static let definitionPaths = variadic("PATH", "a file or directory of definitions (default definitions/)")
}
