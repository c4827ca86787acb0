import DCMCModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A request as the shell read it off the socket: nothing here touches one. The path is
/// decoded (libmicrohttpd unescapes it); query and header names as sent, headers lowercased.
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

  public init(
    method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = [],
    remoteAddress: String = ""
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { _, last in last }
    self.body = body
    self.remoteAddress = remoteAddress
  }

  /// The shell's request, its header names lowercased as they were read
  /// (`HTTPDaemon`'s `values(of:)`): not mapped into a second dictionary.
  init(
    method: String, path: String, query: [String: String], lowercasedHeaders: [String: String], body: [UInt8],
    remoteAddress: String
  ) {
    self.method = method
    self.path = path
    self.query = query
    headers = lowercasedHeaders
    self.body = body
    self.remoteAddress = remoteAddress
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

  /// The token of an `Authorization: Bearer TOKEN` header; `nil` without one.
  var bearerToken: String? {
    guard let value = headers["authorization"] else { return nil }
    let parts = value.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
    return String(parts[1].trimmingSpaces)
  }

  /// Whether the body is declared JSON: `application/json`, with or without parameters.
  var declaresJSON: Bool {
    guard let value = headers["content-type"] else { return false }
    return value.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } == "application/json"
  }
}
