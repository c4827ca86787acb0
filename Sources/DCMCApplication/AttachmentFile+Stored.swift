import DCMCBundle
public import DCMCRuntime

extension AttachmentFile {
  /// The name of the copy kept at `stored` (`attachments/CASE/NAME`, as `storeAttachment`
  /// answered), when `bytes` are the content that name stands for; `nil` otherwise. A name
  /// without a digest (`1-note.txt`: number and given name, as a dcmc before content-named
  /// copies kept them, `Tests/DCMCStoreTests/Fixtures/store-v1`) stands for no content to
  /// check and is taken as it is: `store copy` of such a store refused it as "not in the
  /// source" before 6 December 2026.
  init?(stored: String, bytes: [UInt8]) {
    guard let slash = stored.lastIndex(of: "/") else { return nil }
    let name = String(stored[stored.index(after: slash)...])
    let parts = name.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
    // The rule the file store keeps a derived name to (`StoreID(derived:)`, 32 bytes over an
    // id's), which a name read from another store must meet before a target writes it.
    guard parts.count >= 2, Int(parts[0]) != nil, !parts[1].isEmpty,
      UserID.problem(name, maximumBytes: UserID.maximumBytes + 32) == nil
    else { return nil }
    if parts.count == 3, Self.isDigest(parts[1]), parts[1] != SHA256.hexDigest(of: bytes).prefix(16) { return nil }
    self.name = name
  }

  /// Whether `text` has the form of the digest a name holds: 16 lowercase hex digits.
  private static func isDigest(_ text: Substring) -> Bool {
    text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }
}

extension Attachment {
  /// What is wrong with `bytes`, the copy a store keeps of this attachment (`nil`: it keeps
  /// none), as words that follow its place (`attachments/CASE/NAME is missing`); `nil` when
  /// it is the copy its event recorded: as many bytes as the event's `size` and, for a name
  /// holding a digest, the content that digest stands for. One rule for `store verify` on
  /// every store and for `store copy`; no command can make a copy again, so the remedy is a
  /// backup's.
  public func damage(ofKept bytes: [UInt8]?) -> String? {
    guard let bytes else { return "is missing" }
    if bytes.count != size { return "holds \(bytes.count) bytes where its event recorded \(size)" }
    if AttachmentFile(stored: stored, bytes: bytes) == nil { return "does not hold the content its name stands for" }
    return nil
  }
}
