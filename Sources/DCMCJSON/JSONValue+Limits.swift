extension JSONValue {
  /// How much `parse` reads before it refuses, so hostile input costs little time and memory
  /// and cannot exhaust the stack. Each caller says how large its input may be; nesting has a
  /// default, far above what dcmc writes.
  package struct Limits: Sendable, Hashable {
    /// Largest input accepted, in bytes (checked before parsing).
    package var maxBytes: Int
    /// Most arrays and objects nested inside one another: `[]` is 1, `[{}]` is 2.
    package var maxDepth: Int

    /// Records and documents nest a few levels; 128 leaves room and costs little stack.
    package static let defaultMaxDepth = 128

    package init(maxBytes: Int, maxDepth: Int = defaultMaxDepth) {
      self.maxBytes = maxBytes
      self.maxDepth = maxDepth
    }
  }
}
