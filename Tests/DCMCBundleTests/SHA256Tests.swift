import Testing

@testable import DCMCBundle

/// The FIPS 180-4 / NIST CAVP example vectors for SHA-256.
@Suite struct SHA256Tests {
  static let vectors: [(message: String, digest: String)] = [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ]

  @Test("the NIST example messages give their published digests", arguments: 0..<4)
  func nistVector(index: Int) {
    let vector = Self.vectors[index]
    #expect(SHA256.hexDigest(of: Array(vector.message.utf8)) == vector.digest)
  }

  @Test func oneMillionTimesLetterAGivesThePublishedDigest() {
    let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(
      SHA256.hexDigest(of: message)
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test(
    "feeding a message in pieces gives the digest of the whole",
    arguments: [1, 3, 55, 56, 63, 64, 65, 127])
  func incrementalUpdates(chunk: Int) {
    let message = Array(Self.vectors[3].message.utf8) + Array(repeating: 0x5A, count: 300)
    var hasher = SHA256()
    var offset = 0
    while offset < message.count {
      hasher.update(message[offset..<min(offset + chunk, message.count)])
      offset += chunk
    }
    let pieces = hasher.finalize()
    var whole = SHA256()
    whole.update(message)
    #expect(pieces == whole.finalize())
    #expect(pieces.count == 32)
  }

  /// Lengths around the padding boundaries (55/56 and 119/120 bytes need one more block);
  /// the digests come from Python's hashlib, an independent implementation.
  static let boundaryDigests: [(length: Int, digest: String)] = [
    (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
    (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
    (57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6"),
    (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
    (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
    (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
    (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
  ]

  @Test("messages around the padding boundaries give the right digests", arguments: 0..<8)
  func paddingBoundaries(index: Int) {
    let (length, digest) = Self.boundaryDigests[index]
    #expect(SHA256.hexDigest(of: [UInt8](repeating: UInt8(ascii: "a"), count: length)) == digest)
  }
}
