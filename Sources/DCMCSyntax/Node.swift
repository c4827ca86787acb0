public import DCMCDiagnostics

/// A YAML node with its place in the source.
///
/// Aliases are expanded into copies of their anchor's node (the copy keeps the anchor's
/// range, so a problem inside shared content points at the shared text), and merge keys
/// (`<<`) are applied: a mapping holds its own entries first, then the merged entries that
/// it does not override, in the order they appear.
public struct Node: Sendable {
  public enum Content: Sendable {
    case scalar(Scalar)
    case mapping([MappingEntry])
    case sequence([Node])
  }

  public var content: Content
  /// From the first character of the node (its anchor or tag, when one is written) to just
  /// after its last one; a block collection or block scalar ends at its last character.
  public var range: SourceRange
  /// An explicit tag as written (`!!str`, `!custom`), or `nil`.
  public var tag: String?

  public init(content: Content, range: SourceRange, tag: String? = nil) {
    self.content = content
    self.range = range
    self.tag = tag
  }
}

/// A scalar's text and how it was written. Scalars are never typed by the reader: the
/// checker interprets the text against the schema (so `NO`, `on`, `0755` stay text).
public struct Scalar: Sendable, Hashable {
  public enum Style: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  public var value: String
  public var style: Style

  public init(value: String, style: Style) {
    self.value = value
    self.style = style
  }

  /// A plain scalar that YAML's core schema reads as null: empty, `~`, `null`, `Null`, `NULL`.
  public var isNull: Bool {
    style == .plain && (value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL")
  }
}

/// One `key: value` pair of a mapping. Keys are always scalars (a complex key is refused
/// by the reader with DC1012).
public struct MappingEntry: Sendable {
  public var key: String
  public var keyRange: SourceRange
  public var value: Node

  public init(key: String, keyRange: SourceRange, value: Node) {
    self.key = key
    self.keyRange = keyRange
    self.value = value
  }
}

/// One YAML document of a file (a file holds one or more, separated by `---`).
public struct Document: Sendable {
  /// The root node; `nil` for an empty document.
  public var root: Node?
  /// The whole document, from its first to its last character.
  public var range: SourceRange

  public init(root: Node?, range: SourceRange) {
    self.root = root
    self.range = range
  }
}

extension Node {
  public var scalar: Scalar? {
    if case .scalar(let scalar) = content { return scalar }
    return nil
  }

  public var entries: [MappingEntry]? {
    if case .mapping(let entries) = content { return entries }
    return nil
  }

  public var items: [Node]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// The value of `key` in a mapping node, or `nil`.
  public subscript(key: String) -> Node? {
    entries?.first { $0.key == key }?.value
  }

  /// What the node is, for messages: "a mapping", "a list", "a string", "null".
  public var kindDescription: String {
    switch content {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .scalar(let scalar): scalar.isNull ? "null" : "a scalar"
    }
  }
}
