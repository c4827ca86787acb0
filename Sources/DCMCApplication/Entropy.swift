/// Where the randomness of secrets comes from, as `Clock` is where the time does: the shells
/// draw it from the system's generator (`system`) and hand it to the use cases that make
/// secrets (tokens, status links) and to the pages (CSRF nonces, sessions); tests hand in
/// their own bytes.
package enum Entropy {
  /// `count` bytes from the system's random generator.
  @Sendable package static func system(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }
}
