import DCMCDiagnostics

/// A node with what the tree builder needs to know about it besides its content.
struct BuiltNode {
  var node: Node
  /// Where the node is written: for an alias, the alias (the node keeps its anchor's range).
  var writtenRange: SourceRange
  /// Nodes in the subtree, the node itself included, with aliases counted as expanded.
  var size: Int
  /// Collection levels in the subtree: 0 for a scalar, 1 for a flat list or mapping.
  var height: Int
}

/// A mapping or sequence whose end event has not arrived yet, or the document level that
/// holds the root.
struct Frame {
  enum Kind {
    case document, sequence, mapping
  }

  /// What the next node delivered to a mapping frame is.
  enum PendingKey {
    /// A scalar key; the next node is its value.
    case key(String, SourceRange)
    /// The merge key `<<`; the next node is merged.
    case merge(SourceRange)
    /// A key that was refused or a second `<<`; the next node is dropped.
    case ignored
  }

  var kind: Kind
  var isFlow: Bool
  var start: SourceLocation
  var anchor: String?
  var tag: String?
  var items: [Node] = []
  var entries: [MappingEntry] = []
  /// The key the next delivered node belongs to; `nil` when the next node is a key.
  var pendingKey: PendingKey?
  /// The first `<<` key of the mapping and the node it merges.
  var mergeKeyRange: SourceRange?
  var merged: BuiltNode?
  var size = 1
  var height = 1
  /// The end of the last child, which ends a block collection (libyaml ends it later, at
  /// the next line that is less indented).
  var lastChildEnd: SourceLocation

  init(kind: Kind, isFlow: Bool, start: SourceLocation, anchor: String?, tag: String?) {
    self.kind = kind
    self.isFlow = isFlow
    self.start = start
    self.anchor = anchor
    self.tag = tag
    self.lastChildEnd = start
  }

  static let document = Frame(
    kind: .document, isFlow: false, start: SourceLocation(line: 1, column: 1, offset: 0), anchor: nil, tag: nil)

  /// Counts `child` in the frame's size, height and extent.
  mutating func account(for child: BuiltNode) {
    size += child.size
    height = max(height, child.height + 1)
    lastChildEnd = child.writtenRange.end
  }
}
