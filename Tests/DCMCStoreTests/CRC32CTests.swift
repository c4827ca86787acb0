import DCMCApplication
import DCMCStore
import Testing
import _DCMCTestSupport

struct CRC32CTests {
  /// Check values of CRC-32C: the catalogue's "123456789", and RFC 3720 appendix B.4's vectors.
  static let vectors: [([UInt8], UInt32)] = [
    (Array("123456789".utf8), 0xE306_9283),
    ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
    ([UInt8](repeating: 0xff, count: 32), 0x62A8_AB43),
    (Array(0...31), 0x46DD_794E),
    (Array((0...31).reversed()), 0x113F_DB5C),
    ([], 0),
  ]

  @Test(arguments: vectors)
  func matchesPublishedCheckValues(bytes: [UInt8], expected: UInt32) {
    #expect(CRC32C.checksum(bytes) == expected)
    bytes.withUnsafeBytes { #expect(CRC32C.checksum($0) == expected) }
    bytes.withUnsafeBytes { #expect(CRC32C.tableChecksum($0) == expected) }
    bytes.withUnsafeBytes { #expect(CRC32C.hardwareChecksum($0) ?? expected == expected) }
  }

  /// The processor's instruction and the tables agree on every length, alignment and starting
  /// value; on an x86-64 processor with SSE 4.2 (every one dcmc's CI runs on) the instruction
  /// is there and is what `checksum` uses.
  @Test func hardwareAndTablesAgree() {
    #if arch(x86_64)
      #expect(CRC32C.hasHardware)
    #endif
    var generator = SeededGenerator(seed: 42)
    let bytes = (0..<600).map { _ in UInt8.random(in: 0...255, using: &generator) }
    for start in 0..<17 {
      for end in stride(from: start, through: bytes.count, by: 5) {
        let before = UInt32.random(in: 0...UInt32.max, using: &generator)
        bytes[start..<end].withUnsafeBytes { buffer in
          let table = CRC32C.tableChecksum(buffer, continuing: before)
          #expect(CRC32C.hardwareChecksum(buffer, continuing: before) ?? table == table)
          #expect(CRC32C.checksum(buffer, continuing: before) == table)
        }
      }
    }
  }

  /// The byte-at-a-time path (any sequence) and the 8-at-a-time path (contiguous bytes)
  /// agree on every length and alignment.
  @Test func bothPathsAgreeOnEveryLengthAndAlignment() {
    var generator = SeededGenerator(seed: 32)
    let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
    for start in 0..<9 {
      for end in stride(from: start, through: bytes.count, by: 7) {
        let slice = bytes[start..<end]
        let byteAtATime = CRC32C.checksum(slice.lazy.map { $0 })
        #expect(slice.withUnsafeBytes { CRC32C.checksum($0) } == byteAtATime)
      }
    }
  }

  @Test func continuingOverPiecesEqualsTheWhole() {
    let bytes = Array("the history is the commit point".utf8)
    let whole = CRC32C.checksum(bytes)
    for split in 0...bytes.count {
      #expect(CRC32C.checksum(bytes[split...], continuing: CRC32C.checksum(bytes[..<split])) == whole)
    }
  }
}
