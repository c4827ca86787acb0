import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What wakes the streams' pump before its next poll (`HTTPDaemon.wake`): the subjects whose
/// streams to read at once (a stream's `subject`, the events' user), or every stream. A
/// wake writes a byte to a pipe the pump waits on with `poll`, so it is seen at once and
/// never blocks the waker (the pipe is non-blocking; a full pipe is already a wake).
final class StreamWakes: Sendable {
  struct Woken {
    var all = false
    var subjects: Set<String> = []
  }

  private let pending = Mutex(Woken())
  /// The pipe's ends; `nil` when none could be made (the pump then only polls).
  private let descriptors: (read: Int32, write: Int32)?

  init() {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else {
      descriptors = nil
      return
    }
    for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
    descriptors = (ends[0], ends[1])
  }

  deinit {
    if let descriptors {
      close(descriptors.read)
      close(descriptors.write)
    }
  }

  /// Asks for the streams of `subjects` (`nil`: all) to be read at once.
  func wake(_ subjects: Set<String>?) {
    pending.withLock { woken in
      if let subjects { woken.subjects.formUnion(subjects) } else { woken.all = true }
    }
    guard let descriptors else { return }
    var byte: UInt8 = 1
    _ = write(descriptors.write, &byte, 1)
  }

  /// Waits at most `milliseconds` for a wake, then takes what was asked since the last call.
  func wait(milliseconds: Int) -> Woken {
    if let descriptors {
      var descriptor = pollfd(fd: descriptors.read, events: Int16(POLLIN), revents: 0)
      if poll(&descriptor, 1, Int32(clamping: max(milliseconds, 0))) > 0 {
        var drained = [UInt8](repeating: 0, count: 256)
        while read(descriptors.read, &drained, drained.count) > 0 {}
      }
    } else {
      var pause = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
      nanosleep(&pause, nil)
    }
    return pending.withLock { woken in
      defer { woken = Woken() }
      return woken
    }
  }
}
