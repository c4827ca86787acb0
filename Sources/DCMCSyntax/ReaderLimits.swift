/// The bounds the reader enforces while libyaml is still reading, so hostile input costs
/// little time and memory.
public struct ReaderLimits: Sendable, Hashable {
  /// Largest file accepted, in bytes (checked before parsing).
  public var maxFileBytes: Int
  /// Deepest nesting of mappings and sequences.
  public var maxDepth: Int
  /// Most nodes a document may hold once its aliases are expanded.
  public var maxExpandedNodes: Int
  /// Longest scalar, in bytes.
  public var maxScalarBytes: Int

  public init(maxFileBytes: Int, maxDepth: Int, maxExpandedNodes: Int, maxScalarBytes: Int) {
    self.maxFileBytes = maxFileBytes
    self.maxDepth = maxDepth
    self.maxExpandedNodes = maxExpandedNodes
    self.maxScalarBytes = maxScalarBytes
  }

  /// 4 MiB files, depth 256, 100,000 nodes after expansion, 1 MiB scalars.
  public static let standard = ReaderLimits(
    maxFileBytes: 4 << 20, maxDepth: 256, maxExpandedNodes: 100_000, maxScalarBytes: 1 << 20)
}
