import DCMCModel

/// The base protocol of LSP: each message is `Content-Length: N\r\n` (other headers
/// allowed and ignored), an empty line, then N bytes of JSON.
///
/// `FrameReader` takes bytes as they arrive and hands out whole bodies, or a malformed
/// frame that the server answers with a parse error and then skips: a header without a
/// usable `Content-Length`, a header block larger than `maxHeaderBytes`, or a body larger
/// than `maxBodyBytes`, whose bytes are dropped as they arrive instead of being kept.
///
/// The length of a header it cannot use is unknown, so its body cannot be skipped by
/// count: the reader resynchronises instead, dropping bytes up to the next
/// `Content-Length:` (in any case), where the next header is taken to start. Only the
/// last few bytes are kept while it looks, so a stream without one costs no memory.
public struct FrameReader: Sendable {
  /// One thing read from the stream.
  public enum Frame: Sendable, Equatable {
    case body([UInt8])
    /// Lowercase, one clause: why the frame was skipped.
    case malformed(String)
  }

  public static let maxHeaderBytes = 8 * 1024
  public static let maxBodyBytes = 16 * 1024 * 1024

  private var buffer: [UInt8] = []
  /// Where unread bytes of `buffer` start (consumed bytes are dropped in batches).
  private var start = 0
  /// Bytes of an oversized body still to drop.
  private var skipping = 0
  /// The length of the body being waited for, once its header is read.
  private var pendingBody: Int?
  /// Whether bytes are being dropped up to the next `Content-Length:` after a header
  /// that could not be used.
  private var resynchronising = false

  public init() {}

  /// Adds bytes read from the stream.
  public mutating func append(_ bytes: some Collection<UInt8>) {
    if start > 0, start * 2 >= buffer.count {
      buffer.removeFirst(start)
      start = 0
    }
    buffer.append(contentsOf: bytes)
  }

  /// The next complete frame, or `nil` when more bytes are needed.
  public mutating func next() -> Frame? {
    dropSkipped()
    if skipping > 0 { return nil }
    if resynchronising, !resynchronise() { return nil }
    if let length = pendingBody {
      guard buffer.count - start >= length else { return nil }
      let body = Array(buffer[start..<start + length])
      start += length
      pendingBody = nil
      return .body(body)
    }
    guard let end = headerEnd() else {
      guard buffer.count - start > Self.maxHeaderBytes else { return nil }
      start = buffer.count
      resynchronising = true
      return .malformed("header larger than \(Self.maxHeaderBytes) bytes")
    }
    let header = String(decoding: buffer[start..<end], as: UTF8.self)
    start = end + 4
    switch Self.contentLength(header) {
    case .failure(let problem):
      resynchronising = true
      return .malformed(problem.reason)
    case .success(let length) where length > Self.maxBodyBytes:
      skipping = length
      dropSkipped()
      return .malformed("message of \(length) bytes exceeds the limit of \(Self.maxBodyBytes)")
    case .success(let length):
      pendingBody = length
      return next()
    }
  }

  /// Drops what is buffered of an oversized body.
  private mutating func dropSkipped() {
    let dropped = min(skipping, buffer.count - start)
    start += dropped
    skipping -= dropped
  }

  private static let contentLengthName = Array("content-length:".utf8)

  /// Moves `start` to the next `Content-Length:` (ASCII case ignored) and ends the
  /// resynchronisation; when none is buffered, drops all but the bytes that may begin one
  /// and returns `false`.
  private mutating func resynchronise() -> Bool {
    let name = Self.contentLengthName
    var index = start
    while index + name.count <= buffer.count {
      if zip(buffer[index..<index + name.count], name).allSatisfy({ (65...90 ~= $0 ? $0 | 0x20 : $0) == $1 }) {
        start = index
        resynchronising = false
        return true
      }
      index += 1
    }
    start = max(start, buffer.count - (name.count - 1))
    return false
  }

  /// The index of the `\r\n\r\n` that ends the header at `start`.
  private func headerEnd() -> Int? {
    var index = start
    while index + 3 < buffer.count {
      if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
        return index
      }
      index += 1
    }
    return nil
  }

  private struct HeaderProblem: Error {
    var reason: String
  }

  /// The value of the one `Content-Length` field of `header` (names are case-insensitive).
  private static func contentLength(_ header: String) -> Result<Int, HeaderProblem> {
    var length: Int?
    for line in header.split(separator: "\r\n", omittingEmptySubsequences: false) {
      guard let colon = line.firstIndex(of: ":") else {
        return .failure(HeaderProblem(reason: "header line without a colon"))
      }
      guard line[..<colon].lowercased() == "content-length" else { continue }
      let digits = line[line.index(after: colon)...].trimmingSpaces
      // A field repeated with the same value says the same thing twice (RFC 9110, 8.6).
      guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy(\.isASCIIDigit),
        let value = Int(digits), length == nil || length == value
      else { return .failure(HeaderProblem(reason: "header without one valid content-length")) }
      length = value
    }
    guard let length else { return .failure(HeaderProblem(reason: "header without a content-length")) }
    return .success(length)
  }

  /// `body` framed for the stream.
  public static func frame(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
