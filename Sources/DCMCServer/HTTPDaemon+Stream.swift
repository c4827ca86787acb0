internal import CMicroHTTPD
import DCMCCalendar
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streamed response (`HTTPResponse.stream`) on its connection. libmicrohttpd reads it
/// through `streamReader`: the bytes buffered, else the end, else nothing yet, and then the
/// connection is suspended (no thread waits for it). The daemon's pump asks the stream for
/// bytes every `Limits.pollSeconds`, and at once when woken for its subject
/// (`HTTPDaemon.wake`), and resumes the connection when it has some.
///
/// `@unchecked Sendable`: the connection handle is used only under `state`'s lock, and only
/// while libmicrohttpd holds the response (until `freed`).
final class StreamConnection: @unchecked Sendable {
  struct State {
    var buffer: [UInt8]
    var suspended = false
    var ended = false
    var freed = false
  }

  /// The most bytes waiting for a slow client; beyond, the stream is cut.
  static let bufferLimit = 256 * 1024

  let connection: OpaquePointer
  let stream: any ResponseStream
  let library: LibMicroHTTPD
  let state: Mutex<State>

  init(connection: OpaquePointer, stream: any ResponseStream, first: [UInt8], library: LibMicroHTTPD) {
    self.connection = connection
    self.stream = stream
    self.library = library
    state = Mutex(State(buffer: first))
  }

  /// Adds `bytes` (`nil`: the stream ended) and wakes the connection if it sleeps.
  func offer(_ bytes: [UInt8]?) {
    state.withLock { state in
      guard !state.ended, !state.freed else { return }
      if let bytes {
        state.buffer += bytes
        if state.buffer.count > Self.bufferLimit {
          state.buffer = []
          state.ended = true
        }
      } else {
        state.ended = true
      }
      if state.suspended, !state.buffer.isEmpty || state.ended {
        state.suspended = false
        library.resumeConnection(connection)
      }
    }
  }
}

/// libmicrohttpd asks for the next bytes of a stream: up to `max` of the buffer, or the end,
/// or (nothing yet) it suspends the connection and answers 0.
let streamReader: MHD_ContentReaderCallback = { cls, _, buffer, max in
  guard let cls, let buffer else { return -2 }
  let stream = Unmanaged<StreamConnection>.fromOpaque(cls).takeUnretainedValue()
  return stream.state.withLock { state in
    if !state.buffer.isEmpty {
      let count = min(max, state.buffer.count)
      state.buffer.withUnsafeBytes { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress!, byteCount: count)
      }
      state.buffer.removeFirst(count)
      return count
    }
    if state.ended { return -1 }
    state.suspended = true
    stream.library.suspendConnection(stream.connection)
    return 0
  }
}

/// libmicrohttpd is done with a stream's response (sent, or the client went away).
let streamFreed: MHD_ContentReaderFreeCallback = { cls in
  guard let cls else { return }
  let stream = Unmanaged<StreamConnection>.fromOpaque(cls)
  stream.takeUnretainedValue().state.withLock { $0.freed = true }
  stream.release()
}

extension HTTPDaemon.Context {
  /// Queues `response`'s stream on `connection`: its first bytes, then what the pump brings.
  func queueStream(_ response: HTTPResponse, _ stream: any ResponseStream, on connection: OpaquePointer)
    -> MHD_Result
  {
    let streaming = StreamConnection(connection: connection, stream: stream, first: response.body, library: library)
    let retained = Unmanaged.passRetained(streaming)
    guard
      let made = library.createResponseFromCallback(
        UInt64.max, 4096, streamReader, retained.toOpaque(), streamFreed)
    else {
      retained.release()
      return .NO
    }
    defer { library.destroyResponse(made) }
    for header in response.headers { _ = library.addResponseHeader(made, header.name, header.value) }
    streams.withLock { $0.append(streaming) }
    // Its first bytes go at the pump's next turn, not at the next poll.
    wakes.wake(stream.subject.map { [$0] })
    return library.queueResponse(connection, UInt32(response.status), made)
  }

  /// Until the daemon stops: every `pollSeconds`, each open stream is asked for its bytes at
  /// the clock's instant; between polls, a `wake` has the streams of the subjects it names
  /// (all, for `nil`) asked at once. The streams libmicrohttpd freed are dropped.
  func pump() {
    let interval = pollSeconds * 1_000_000_000
    var nextPoll = RequestDeadlines.monotonic() + interval
    while !stopping.load(ordering: .sequentiallyConsistent) {
      let woken = wakes.wait(milliseconds: (nextPoll - RequestDeadlines.monotonic()) / 1_000_000)
      let polling = RequestDeadlines.monotonic() >= nextPoll
      if polling { nextPoll = RequestDeadlines.monotonic() + interval }
      guard polling || woken.all || !woken.subjects.isEmpty else { continue }
      let now = clock()
      let open = streams.withLock { streams in
        streams.removeAll { stream in stream.state.withLock { $0.freed } }
        return streams
      }
      for stream in open where !stopping.load(ordering: .sequentiallyConsistent) {
        guard polling || woken.all || stream.stream.subject.map(woken.subjects.contains) == true else { continue }
        stream.offer(stream.stream.next(at: now))
      }
    }
  }

  /// Ends every stream, waking the suspended ones, so that their requests finish.
  func endStreams() {
    for stream in streams.withLock({ $0 }) { stream.offer(nil) }
  }
}
