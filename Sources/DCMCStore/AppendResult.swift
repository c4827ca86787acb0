/// What one append did.
public struct AppendResult: Sendable, Equatable {
  /// The sequence numbers given to the command's first and last records.
  public var firstSequence: Int
  public var lastSequence: Int
  /// The bytes of a torn tail cut off before the append (a crash interrupted an earlier
  /// command), 0 when the log was clean. The runtime may report it.
  public var repairedBytes: Int

  public init(firstSequence: Int, lastSequence: Int, repairedBytes: Int) {
    self.firstSequence = firstSequence
    self.lastSequence = lastSequence
    self.repairedBytes = repairedBytes
  }
}
