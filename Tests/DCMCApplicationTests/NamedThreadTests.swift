import DCMCApplication
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `NamedThread`, the shells' one way to start a thread: the body runs on a thread of its own
/// that carries the name given (cut to what the kernel keeps), and `join` waits for it.
@Suite struct NamedThreadTests {
  /// The name of the thread that calls it, as the kernel keeps it.
  static func currentName() -> String {
    let file = open("/proc/thread-self/comm", O_RDONLY)
    guard file >= 0 else { return "" }
    defer { close(file) }
    var bytes = [UInt8](repeating: 0, count: 64)
    let count = read(file, &bytes, bytes.count)
    return String(decoding: bytes.prefix(max(count, 0)).prefix { $0 != 10 }, as: UTF8.self)
  }

  @Test func theBodyRunsOnAThreadOfItsOwnThatCarriesTheName() throws {
    let seen = Mutex<(name: String, thread: pthread_t)?>(nil)
    let thread = try NamedThread.start(named: "dcmc-test") {
      seen.withLock { $0 = (Self.currentName(), pthread_self()) }
    }
    thread.join()
    let ran = try #require(seen.withLock { $0 })
    #expect(ran.name == "dcmc-test")
    #expect(pthread_equal(ran.thread, pthread_self()) == 0)
  }

  @Test func aLongNameIsCutToWhatTheKernelKeepsAtACharactersEnd() throws {
    #expect(NamedThread.cut("dcmc-events-listener") == "dcmc-events-lis")
    #expect(NamedThread.cut("dcmc-évènements") == "dcmc-évènemen")
    let seen = Mutex("")
    try NamedThread.start(named: "dcmc-events-listener") { seen.withLock { $0 = Self.currentName() } }.join()
    #expect(seen.withLock { $0 } == "dcmc-events-lis")
  }
}
