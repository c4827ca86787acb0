#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// TCP on 127.0.0.1 for the tests that play a server or a client by hand (a silent database
/// server, a port to probe, a raw HTTP request): the one place that fills a `sockaddr_in`.
public enum Loopback {
  /// A new socket bound to a free port of 127.0.0.1 (port 0: the kernel's choice), listening
  /// with `backlog` when given; `nil` when the system refuses. The caller closes the socket.
  public static func boundSocket(listening backlog: Int32? = nil) -> (socket: Int32, port: Int)? {
    let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { return nil }
    var address = self.address(port: 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
        bind(socket, address, length) == 0 && backlog.map { listen(socket, $0) == 0 } ?? true
          && getsockname(socket, address, &length) == 0
      }
    }
    guard bound else {
      close(socket)
      return nil
    }
    return (socket, Int(UInt16(bigEndian: address.sin_port)))
  }

  /// A new socket connected to 127.0.0.1:`port`, its reads given up after `readTimeout`
  /// seconds when given; `nil` when nothing accepts there. The caller closes the socket.
  public static func connectedSocket(_ port: Int, readTimeout seconds: Int? = nil) -> Int32? {
    let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard client >= 0 else { return nil }
    if let seconds {
      var timeout = timeval(tv_sec: seconds, tv_usec: 0)
      setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }
    var address = address(port: port)
    let connected = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
    guard connected else {
      close(client)
      return nil
    }
    return client
  }

  /// What `client` receives until the peer closes (or a read fails or times out), as text: a
  /// small answer, at most `chunks` reads of up to 4 KiB.
  public static func readToEnd(_ client: Int32, chunks: Int = 64) -> String {
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    // Bounded: each turn reads at least a byte.
    for _ in 0..<chunks {
      let count = recv(client, &buffer, buffer.count, 0)
      guard count > 0 else { break }
      answer += buffer.prefix(count)
    }
    return String(decoding: answer, as: UTF8.self)
  }

  /// Whether something accepts connections on 127.0.0.1:`port` now.
  public static func accepts(_ port: Int) -> Bool {
    guard let client = connectedSocket(port) else { return false }
    close(client)
    return true
  }

  private static func address(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return address
  }
}
