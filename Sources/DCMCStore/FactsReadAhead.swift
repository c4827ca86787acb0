import DCMCApplication
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One day file's facts (or rollup), read and decoded on another thread while the caller
/// counts the day before (`FileCaseRepository.facts(in:_:)`, `rollups(in:_:)`): a report then
/// uses both cores, and still sees the days in order, whatever the threads do.
final class FactsReadAhead<Value: Sendable>: Sendable {
  private let done = DispatchSemaphore(value: 0)
  private let result = Mutex<Result<Value, StoreError>?>(nil)

  /// Starts `read` at once on a global queue.
  init(_ read: @escaping @Sendable () throws(StoreError) -> Value) {
    DispatchQueue.global().async { [self] in
      let value: Result<Value, StoreError>
      do throws(StoreError) { value = .success(try read()) } catch { value = .failure(error) }
      result.withLock { $0 = value }
      done.signal()
    }
  }

  /// The value, once read; what `read` threw. Asked again, the same answer at once.
  func value() throws(StoreError) -> Value {
    done.wait()
    // Signalled again, so that a second ask finds it too.
    done.signal()
    // The reading thread stores its result before it signals, so there always is one here;
    // were there none, the day is unreadable as an I/O error would make it.
    guard let value = result.withLock({ $0 }) else {
      throw .file(.system(operation: "read ahead", path: "facts", code: EIO))
    }
    return try value.get()
  }
}
