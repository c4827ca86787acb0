import DCMCModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A request as the shell read it off the socket: nothing here touches one. The path is
/// decoded but for `%2F` and `%25`, kept as sent (`dcmc_mhd_unescape`), so that an encoded
/// slash stays inside its segment: routing splits the path at its slashes and only then
/// decodes each parameter (`decodingSlashes`). Query names and values decoded, as sent;
/// header names lowercased.
public struct HTTPRequest: Sendable, Equatable {
  public var method: String
  public var path: String
  public var query: [String: String]
  /// Header values by lowercase name.
  public var headers: [String: String]
  public var body: [UInt8]
  /// Who sent it, as a rate limit counts clients: an IPv4 address, or an IPv6 address's /64
  /// network (one host's share); empty when unknown.
  public var remoteAddress: String
  /// The header names (lowercase) the request gave more than once; `headers` keeps one value
  /// of each, so the handlers refuse the request (`repetition`).
  public var repeatedHeaders: Set<String>
  /// The query names the request gave more than once (`?status=a&status=b`); `query` keeps
  /// one value of each, so the request is refused (`repetition`).
  public var repeatedQuery: Set<String>

  public init(
    method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = [],
    remoteAddress: String = "", repeatedHeaders: Set<String> = [], repeatedQuery: Set<String> = []
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { _, last in last }
    self.body = body
    self.remoteAddress = remoteAddress
    self.repeatedHeaders = Set(repeatedHeaders.map { $0.lowercased() })
    self.repeatedQuery = repeatedQuery
  }

  /// The headers the server reads that a request may give once only: given twice, which one
  /// counts would depend on their order (`Authorization: GOOD` then `BAD`), so the request is
  /// refused, 400. List headers (`Accept`) may repeat.
  static let singletonHeaders: [String] = [
    "authorization", "content-length", "content-type", "cookie", "idempotency-key", "last-event-id",
  ]

  /// What the request gives more than once that the server reads once: the first header of
  /// `singletonHeaders`, as it is usually written (`the header 'Idempotency-Key'`), else the
  /// first query name (`the query parameter 'status'`: a list is written with commas where
  /// the API takes one); `nil`: nothing.
  var repetition: String? {
    if let header = Self.singletonHeaders.first(where: { repeatedHeaders.contains($0) }) {
      let name = header.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
      return "the header '\(name)'"
    }
    return repeatedQuery.min().map { "the query parameter '\($0.prefix(40))'" }
  }

  /// `text` with the `%2F` and `%25` the shell leaves encoded decoded (`/`, `%`), in one
  /// pass, so that `%252F` is `%2F`, never `/`.
  static func decodingSlashes(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
    var bytes: [UInt8] = []
    var rest = text.utf8[...]
    while let first = rest.first {
      let code = Array(rest.dropFirst().prefix(2))
      if first == UInt8(ascii: "%"), code.count == 2, code[0] == UInt8(ascii: "2") {
        // `%25`, `%2F` or `%2f`.
        let value: UInt8? =
          code[1] == UInt8(ascii: "5") ? UInt8(ascii: "%") : code[1] | 0x20 == UInt8(ascii: "f") ? UInt8(ascii: "/") : nil
        if let value {
          bytes.append(value)
          rest = rest.dropFirst(3)
          continue
        }
      }
      bytes.append(first)
      rest = rest.dropFirst()
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The shell's request, its header names lowercased as they were read
  /// (`HTTPDaemon`'s `values(of:)`): not mapped into a second dictionary.
  init(
    method: String, path: String, query: [String: String], lowercasedHeaders: [String: String], body: [UInt8],
    remoteAddress: String, repeatedHeaders: Set<String>, repeatedQuery: Set<String>
  ) {
    self.method = method
    self.path = path
    self.query = query
    headers = lowercasedHeaders
    self.body = body
    self.remoteAddress = remoteAddress
    self.repeatedHeaders = repeatedHeaders
    self.repeatedQuery = repeatedQuery
  }

  /// The path and authority of a request target in absolute form (`http://host:8080/path`,
  /// the scheme in any case); `nil` for any other form. A target without a path is `/`.
  static func absoluteForm(_ target: String) -> (path: String, authority: String)? {
    let lowered = target.prefix(8).lowercased()
    let scheme = lowered.hasPrefix("http://") ? 7 : lowered.hasPrefix("https://") ? 8 : 0
    guard scheme > 0 else { return nil }
    let rest = target.dropFirst(scheme)
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    let authority = String(rest[..<slash])
    guard !authority.isEmpty else { return nil }
    return (slash == rest.endIndex ? "/" : String(rest[slash...]), authority)
  }

  /// `name` lowercased as `String.lowercased()` does, made in one pass from its bytes when
  /// they are ASCII (a header name is: RFC 9110's token).
  static func lowercasedName(_ name: UnsafePointer<CChar>) -> String {
    let count = strlen(name)
    return name.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
      let text = UnsafeBufferPointer(start: bytes, count: count)
      guard text.allSatisfy({ $0 < 0x80 }) else { return String(cString: name).lowercased() }
      return String(unsafeUninitializedCapacity: count) { target in
        for (index, byte) in text.enumerated() { target[index] = byte &+ (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0) }
        return count
      }
    }
  }

  /// The token of an `Authorization: Bearer TOKEN` header; `nil` without one: the value split
  /// at its first space after a word (leading spaces skipped), the word `bearer` in any case,
  /// the rest without its blanks. An ASCII value (every well-formed token's) is read by bytes;
  /// any other by characters (`bearerToken(characters:)`, the definition), where a combining
  /// mark after a space makes one character that is no space.
  var bearerToken: String? {
    guard let value = headers["authorization"] else { return nil }
    var text = value
    return text.withUTF8 { bytes in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return Self.bearerToken(characters: value) }
      let space = UInt8(ascii: " ")
      let start = bytes.firstIndex { $0 != space } ?? bytes.count
      let end = bytes[start...].firstIndex(of: space) ?? bytes.count
      guard end + 1 < bytes.count, Self.isASCII(bytes[start..<end], caselessly: "bearer") else { return nil }
      return String(decoding: Self.trimmingBlanks(bytes[(end + 1)...]), as: UTF8.self)
    }
  }

  static func bearerToken(characters value: String) -> String? {
    let parts = value.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
    return String(parts[1].trimmingSpaces)
  }

  /// Whether the body is declared JSON: `application/json`, or for a PATCH
  /// `application/merge-patch+json` (RFC 7396: a PATCH's body here is a merge patch, and
  /// generic clients declare it so), in any case, with or without parameters (the first part
  /// between `;`s that is not empty, without its blanks), but not with a `charset` other than
  /// UTF-8 (JSON is UTF-8, RFC 8259: a body declared `latin1` was read as UTF-8). The usual
  /// value, `application/json` as written, is known at once; any other is read by
  /// `declaresJSON(characters:method:)`.
  var declaresJSON: Bool {
    guard let value = headers["content-type"] else { return false }
    return value == "application/json" || Self.declaresJSON(characters: value, method: method)
  }

  static func declaresJSON(characters value: String, method: String) -> Bool {
    let parts = value.split(separator: ";")
    guard let type = parts.first.map({ $0.trimmingSpaces.lowercased() }),
      type == "application/json" || (method == "PATCH" && type == "application/merge-patch+json")
    else { return false }
    return parts.dropFirst().allSatisfy { parameter in
      let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard pair[0].trimmingSpaces.lowercased() == "charset" else { return true }
      let charset = pair.count == 2 ? pair[1].trimmingSpaces.lowercased() : ""
      return ["utf-8", "\"utf-8\"", "utf8"].contains(charset)
    }
  }

  /// `bytes` without the spaces and tabs at either end (`trimmingSpaces` of ASCII).
  private static func trimmingBlanks(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
    let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
    else { return bytes[bytes.endIndex...] }
    return bytes[first...last]
  }

  /// Whether the ASCII `bytes` lowercased are `lowercase`'s.
  private static func isASCII(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, caselessly lowercase: StaticString) -> Bool {
    let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
    return bytes.elementsEqual(expected) { $0 &+ ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) == $1 }
  }
}
