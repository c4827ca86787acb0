import DCMCBundle
import DCMCModel

/// The pages' CSRF protection: a signed double-submit cookie (docs/server.md, "Pages"). A
/// page with a form sets a random nonce in an HttpOnly, SameSite=Strict cookie and puts the
/// HMAC of that nonce under the server's secret in a hidden field; a POST is taken only when
/// its field is the HMAC of its cookie's nonce. Another site can neither read the cookie nor
/// have it sent, and cannot compute the field without the secret; a nonce set by someone else
/// (a planted cookie) fails the HMAC.
struct CSRF: Sendable {
  /// The cookie's name and the hidden field's.
  static let cookie = "dcmc_csrf"
  static let field = "csrf"

  /// The server's secret: drawn per run by the shell, so a form left open across a restart is
  /// refused once and sent again with its values kept.
  let secret: [UInt8]

  /// The hidden field's value for `nonce`.
  func token(for nonce: String) -> String {
    SHA256.hex(HMAC.sha256(key: secret, message: Array("dcmc-form:\(nonce)".utf8)))
  }

  /// Whether `token` is the field's value for `nonce` (a well-formed nonce), compared in time
  /// that depends on the lengths only.
  func accepts(_ token: String?, nonce: String?) -> Bool {
    guard let token, let nonce, Self.isNonce(nonce) else { return false }
    let (expected, given) = (Array(self.token(for: nonce).utf8), Array(token.utf8))
    guard expected.count == given.count else { return false }
    var difference: UInt8 = 0
    for index in expected.indices { difference |= expected[index] ^ given[index] }
    return difference == 0
  }

  /// Whether `text` can be a nonce: 32 lowercase hex digits (128 random bits).
  static func isNonce(_ text: String) -> Bool {
    text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  /// The `Set-Cookie` value that keeps `nonce` for the pages under `path` (the forms', or the
  /// sign-in page's).
  static func setCookie(_ nonce: String, secure: Bool, path: String = "/forms") -> String {
    "\(cookie)=\(nonce); Path=\(path); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
  }

  /// The value of cookie `name` (the nonce's by default) in a request's `Cookie` header; `nil`
  /// without one.
  static func nonce(in header: String?, named name: String = cookie) -> String? {
    guard let header else { return nil }
    for pair in header.split(separator: ";") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      if parts.count == 2, parts[0].trimmingSpaces == name { return String(parts[1].trimmingSpaces) }
    }
    return nil
  }
}
