#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An IPv4 or IPv6 address and port as the socket calls take it.
enum SocketAddress {
  case v4(sockaddr_in)
  case v6(sockaddr_in6)

  /// `host` (`127.0.0.1`, `::1`) and `port`; `nil` when `host` is neither kind of address.
  init?(_ host: String, port: Int) {
    let networkPort = in_port_t(UInt16(clamping: port)).bigEndian
    var v4 = sockaddr_in()
    if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
      v4.sin_family = sa_family_t(AF_INET)
      v4.sin_port = networkPort
      self = .v4(v4)
      return
    }
    var v6 = sockaddr_in6()
    guard inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 else { return nil }
    v6.sin6_family = sa_family_t(AF_INET6)
    v6.sin6_port = networkPort
    self = .v6(v6)
  }

  /// Calls `body` with the address as a `sockaddr`.
  mutating func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>) -> Result) -> Result {
    switch self {
    case .v4(var address):
      withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
    case .v6(var address):
      withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
    }
  }

  /// `127.0.0.1:8080`, `[::1]:8080`: an address and port as a URL writes them.
  static func text(_ host: String, port: Int) -> String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }
}
