import DCMCBundle

extension AttachmentFile {
  /// The name of the copy kept at `stored` (`attachments/CASE/NAME`, as `storeAttachment`
  /// answered), when `bytes` are the content that name stands for; `nil` otherwise.
  init?(stored: String, bytes: [UInt8]) {
    guard let slash = stored.lastIndex(of: "/") else { return nil }
    let name = String(stored[stored.index(after: slash)...])
    let parts = name.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3, Int(parts[0]) != nil, parts[1] == SHA256.hexDigest(of: bytes).prefix(16) else { return nil }
    self.name = name
  }
}
