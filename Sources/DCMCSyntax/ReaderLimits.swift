/// The bounds the reader enforces while libyaml is still reading, so hostile input costs
/// little time and memory.
public struct ReaderLimits: Sendable, Hashable {
  /// Largest file accepted, in bytes (checked before parsing).
  public var maxFileBytes: Int
  /// Deepest nesting of mappings and sequences, aliases counted as expanded.
  public var maxDepth: Int
  /// Most nodes that alias expansions may add to one file: each alias adds the node count
  /// of its anchored node, nested aliases included.
  public var maxExpandedNodes: Int
  /// Longest scalar, in bytes of its UTF-8 value.
  public var maxScalarBytes: Int

  public init(maxFileBytes: Int, maxDepth: Int, maxExpandedNodes: Int, maxScalarBytes: Int) {
    self.maxFileBytes = maxFileBytes
    self.maxDepth = maxDepth
    self.maxExpandedNodes = maxExpandedNodes
    self.maxScalarBytes = maxScalarBytes
  }

  /// 4 MiB files, depth 256, 100,000 nodes added by aliases, 1 MiB scalars.
  public static let standard = ReaderLimits(
    maxFileBytes: 4 << 20, maxDepth: 256, maxExpandedNodes: 100_000, maxScalarBytes: 1 << 20)
}

extension ReaderLimits {
  /// A byte count for messages: "4 MiB", "16 KiB" or "1000 bytes".
  static func describe(bytes: Int) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return bytes == 1 ? "1 byte" : "\(bytes) bytes"
  }
}
