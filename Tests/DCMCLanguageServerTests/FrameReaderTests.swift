import DCMCLanguageServer
import Testing

@Suite struct FrameReaderTests {
  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func aBodySplitAcrossReadsComesOutWhole() {
    var reader = FrameReader()
    let framed = FrameReader.frame(Self.bytes("{\"a\":1}"))
    reader.append(framed[..<10])
    #expect(reader.next() == nil)
    reader.append(framed[10...])
    #expect(reader.next() == .body(Self.bytes("{\"a\":1}")))
    #expect(reader.next() == nil)
  }

  @Test func twoFramesInOneReadAndOtherHeadersIgnored() {
    var reader = FrameReader()
    reader.append(
      Self.bytes("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}")
        + FrameReader.frame(Self.bytes("[]")))
    #expect(reader.next() == .body(Self.bytes("{}")))
    #expect(reader.next() == .body(Self.bytes("[]")))
  }

  @Test(arguments: ["Content-Length: x2\r\n\r\n", "Content-Type: a\r\n\r\n", "garbage\r\n\r\n", "Content-Length: -1\r\n\r\n"])
  func aMalformedHeaderIsReportedAndTheNextFrameIsRead(header: String) {
    var reader = FrameReader()
    reader.append(Self.bytes(header) + FrameReader.frame(Self.bytes("{}")))
    guard case .malformed = reader.next() else {
      Issue.record("expected a malformed frame")
      return
    }
    #expect(reader.next() == .body(Self.bytes("{}")))
  }

  @Test func anOversizedBodyIsSkippedAsItArrivesAndTheNextFrameIsRead() {
    var reader = FrameReader()
    let size = FrameReader.maxBodyBytes + 1
    reader.append(Self.bytes("Content-Length: \(size)\r\n\r\n"))
    #expect(reader.next() == .malformed("message of \(size) bytes exceeds the limit of \(FrameReader.maxBodyBytes)"))
    let chunk = [UInt8](repeating: 32, count: 1 << 20)
    var sent = 0
    while sent + chunk.count <= size {
      reader.append(chunk)
      sent += chunk.count
      #expect(reader.next() == nil)
    }
    reader.append([UInt8](repeating: 32, count: size - sent) + FrameReader.frame(Self.bytes("{}")))
    #expect(reader.next() == .body(Self.bytes("{}")))
  }

  @Test func aHeaderThatNeverEndsIsRefusedOnceLargerThanTheLimit() {
    var reader = FrameReader()
    reader.append([UInt8](repeating: 65, count: FrameReader.maxHeaderBytes))
    #expect(reader.next() == nil)
    reader.append([65, 65])
    #expect(reader.next() == .malformed("header larger than \(FrameReader.maxHeaderBytes) bytes"))
    reader.append(FrameReader.frame(Self.bytes("{}")))
    #expect(reader.next() == .body(Self.bytes("{}")))
  }

  /// The body of a header without a usable length cannot be skipped by count: the reader
  /// drops bytes up to the next `Content-Length:`, even when that arrives in pieces.
  @Test(arguments: [
    "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "Content-Length: two\r\n\r\n{}",
    "Content-Length: 1234567890123\r\n\r\n{\"a\":\"\r\n\r\n\"}", "Content-Type: x\r\n\r\n{}",
  ])
  func afterAHeaderWithoutAUsableLengthTheNextFramesAreRead(header: String) {
    var reader = FrameReader()
    reader.append(Self.bytes(header))
    guard case .malformed = reader.next() else {
      Issue.record("expected a malformed frame")
      return
    }
    let next = FrameReader.frame(Self.bytes("[1]"))
    reader.append(next[..<5])
    #expect(reader.next() == nil)
    reader.append(next[5...] + Self.bytes("CONTENT-LENGTH: 3\r\n\r\n[2]"))
    #expect(reader.next() == .body(Self.bytes("[1]")))
    #expect(reader.next() == .body(Self.bytes("[2]")))
    #expect(reader.next() == nil)
  }

  @Test func aLengthRepeatedWithTheSameValueIsRead() {
    var reader = FrameReader()
    reader.append(Self.bytes("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}"))
    #expect(reader.next() == .body(Self.bytes("{}")))
  }

  /// Bytes that hold no header after a bad one are dropped quietly, not read as headers.
  @Test func bytesWithoutAHeaderAreDroppedWhileLooking() {
    var reader = FrameReader()
    reader.append(Self.bytes("Content-Length: x\r\n\r\n"))
    #expect(reader.next() == .malformed("header without one valid content-length"))
    for _ in 0..<64 {
      reader.append([UInt8](repeating: 65, count: FrameReader.maxHeaderBytes))
      #expect(reader.next() == nil)
    }
    reader.append(FrameReader.frame(Self.bytes("{}")))
    #expect(reader.next() == .body(Self.bytes("{}")))
  }
}
