import DCMCBundle

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
