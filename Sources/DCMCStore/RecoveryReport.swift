/// What `Store.recover` cleaned up after a crash.
public struct RecoveryReport: Sendable, Equatable {
  /// Leftover temporary (`.<name>.tmp`) and backup (`.<name>.bak`) files it removed,
  /// relative to the root, sorted.
  public var removedFiles: [String] = []
  /// The logs whose torn tail it cut, relative to the root, with the bytes cut.
  public var repairedLogs: [String: Int] = [:]

  /// Whether the store needed nothing.
  public var isEmpty: Bool { removedFiles.isEmpty && repairedLogs.isEmpty }
}
