import Testing
import _DCMCTestSupport

@testable import DCMCApplication

/// A bearer token's form is read byte by byte when it is ASCII (every request's token passes
/// there): the same parts as reading it by characters, the form's definition.
@Suite struct TokenFormTests {
  static let id = "0123456789abcdef"
  static let secret = String(repeating: "5e", count: 32)

  /// Tokens near the form: each part changed, shortened, lengthened, an underscore added or
  /// moved, non-ASCII and combining marks (which join an underscore into one character).
  static var nearTokens: [String] {
    let good = "dcmc_\(id)_\(secret)"
    var tokens = [
      good, "", "dcmc", "dcmc_", "dcmc__", "alice", good + "0", String(good.dropLast()), "Dcmc_\(id)_\(secret)",
      "dcmc-\(id)_\(secret)", "dcmc_\(id)-\(secret)", "dcmc_0123456789ABCDEF_\(secret)",
      "dcmc_\(id.dropLast())_\(secret)0", "dcmc_\(id)0_\(secret.dropLast())", "dcmc_\(id)_\(secret.dropLast())_",
      "dcmc_\(id)__\(secret.dropLast())", "_dcmc_\(id)_\(secret.dropLast())", "dcmc_\(id)_\(secret.dropLast(2))é",
      "dcmc_\(id)_\u{301}\(secret.dropLast(2))", "dcmc_\u{301}\(id)_\(secret)", "dcmc_\(id)_\(secret.dropLast(3))_\u{301}",
      "dcmc_\(id)_\(secret.dropLast(4))\r\n\r\n", "dcmc_\(id)_\(secret.dropLast())\u{0}", "dcmc_\(id)\r\n_\(secret)",
    ]
    var generator = SeededGenerator(seed: 18)
    let alphabet = Array("dcm_0f5e9aZ_\u{301}é\r\n".unicodeScalars)
    for _ in 0..<400 {
      var scalars = Array(good.unicodeScalars)
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        let at = Int.random(in: 0..<scalars.count, using: &generator)
        let scalar = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: scalars[at] = scalar
        case 1: scalars.insert(scalar, at: at)
        default: scalars.remove(at: at)
        }
      }
      tokens.append(String(String.UnicodeScalarView(scalars)))
    }
    return tokens
  }

  @Test func theBytesOfAnASCIITokenGiveItsCharactersParts() {
    var wellFormed = 0
    for token in Self.nearTokens {
      let (bytes, characters) = (TokenService.parts(of: token), TokenService.characterParts(of: token))
      #expect(bytes?.id == characters?.id && bytes?.secret == characters?.secret, "\(token.debugDescription)")
      #expect(TokenService.isWellFormed(token) == (characters != nil))
      if characters != nil { wellFormed += 1 }
    }
    #expect(TokenService.parts(of: "dcmc_\(Self.id)_\(Self.secret)")! == (Self.id, Self.secret))
    #expect(wellFormed >= 1)
  }
}
