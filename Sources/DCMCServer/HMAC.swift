import DCMCBundle

/// HMAC-SHA-256 (RFC 2104) over the hand-written `SHA256`: what signs the pages' CSRF tokens.
enum HMAC {
  /// The 32-byte MAC of `message` under `key`.
  static func sha256(key: [UInt8], message: some Collection<UInt8>) -> [UInt8] {
    var block = key
    if block.count > 64 {
      var hasher = SHA256()
      hasher.update(block)
      block = hasher.finalize()
    }
    block += [UInt8](repeating: 0, count: 64 - block.count)
    var inner = SHA256()
    inner.update(block.map { $0 ^ 0x36 })
    inner.update(message)
    var outer = SHA256()
    outer.update(block.map { $0 ^ 0x5c })
    outer.update(inner.finalize())
    return outer.finalize()
  }
}
