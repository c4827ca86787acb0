import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `dcmc serve --pollers N --queue N` (docs/server.md, "Threads"): a request that no worker
/// can take and no queue place can hold is answered at once 503 `busy` with `Retry-After`; bad
/// values are refused with the valid range. Part of `ServeCommandTests`, so servers run one at
/// a time.
extension ServeCommandTests {
  /// `POST /api/v1/cases` on a new connection to `port` (closed by the server after its
  /// answer); the socket, `nil` when it could not be sent.
  func postCase(_ port: Int, token: String) -> Int32? {
    let body = #"{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}"#
    let request = Array(
      ("POST /api/v1/cases HTTP/1.1\r\nHost: dcmc\r\nConnection: close\r\nAuthorization: Bearer \(token)\r\n"
        + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8)
    guard let client = Loopback.connectedSocket(port, readTimeout: 30) else { return nil }
    guard Glibc.send(client, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else {
      close(client)
      return nil
    }
    return client
  }

  /// The whole answer on `client` (read until the server closes), which is then closed.
  func answer(_ client: Int32) -> String {
    defer { close(client) }
    return Loopback.readToEnd(client)
  }

  @Test func aRequestPastTheQueueIsAnswered503BusyAndBadPollersOrQueueValuesAreRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    for (options, message) in [
      (["--queue", "10001"], "--queue takes a number from 0 to 10000, not '10001'"),
      (["--queue", "many"], "--queue takes a number from 0 to 10000, not 'many'"),
      (["--pollers", "0"], "--pollers takes a number from 1 to 4, not '0'"),
      (["--threads", "2", "--pollers", "3"], "--pollers takes a number from 1 to 2, not '3'"),
    ] {
      let refused = try dcmc(["serve", "--listen", "127.0.0.1:0"] + options, in: directory)
      #expect(refused.status == 2, "\(options)")
      #expect(refused.stderr.contains(message), "\(options): \(refused.stderr)")
    }
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let (server, base, _) = try startServer(
      ["--listen", "127.0.0.1:0", "--threads", "1", "--pollers", "1", "--queue", "1"], in: directory)
    let port = try #require(URL(string: base)?.port)
    // The store's write lock, held here: each create waits for it on its worker, so the one
    // worker is busy and the one queue place taken by two of the three creates.
    let lock = open(directory.url.appendingPathComponent("store/store.lock").path, O_RDWR)
    #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
    let clients = (0..<3).compactMap { _ in postCase(port, token: alice) }
    #expect(clients.count == 3)
    var waiting = clients.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    // Whichever of the three came last is answered at once; the two others wait for the lock.
    let ready = poll(&waiting, nfds_t(waiting.count), 30_000)
    let first = waiting.firstIndex { $0.revents != 0 }
    #expect(ready == 1 && first != nil, "exactly one answered while the lock is held")
    flock(lock, LOCK_UN)
    close(lock)
    let answers = clients.map(answer)
    stop(server)
    let refused = first.map { answers[$0] } ?? ""
    #expect(refused.hasPrefix("HTTP/1.1 503"), "\(refused)")
    #expect(refused.lowercased().contains("retry-after: 1\r\n"), "\(refused)")
    #expect(refused.contains("\"busy\""), "\(refused)")
    let served = answers.indices.filter { $0 != first }.map { answers[$0] }
    #expect(served.count == 2 && served.allSatisfy { $0.hasPrefix("HTTP/1.1 201") }, "\(served)")
    #expect(try dcmc(["store", "verify"], in: directory).status == 0)
  }
}
