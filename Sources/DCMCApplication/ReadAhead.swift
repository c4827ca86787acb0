import Dispatch
import Synchronization

/// One value made on another thread while the caller works on the one before: a report's next
/// day read and decoded while it counts the day before (the file store's day files,
/// `FactsReadAhead`; the PostgreSQL store's rollup rows as they arrive). A report then uses
/// both cores, and still sees the days in order, whatever the threads do.
public final class ReadAhead<Value: Sendable, Failure: Error>: Sendable {
  private let make: @Sendable () throws(Failure) -> Value
  private let done = DispatchSemaphore(value: 0)
  private let result = Mutex<Result<Value, Failure>?>(nil)

  /// Starts `make` at once on a global queue.
  public init(_ make: @escaping @Sendable () throws(Failure) -> Value) {
    self.make = make
    DispatchQueue.global().async { [self] in
      let value: Result<Value, Failure>
      do throws(Failure) { value = .success(try make()) } catch { value = .failure(error) }
      result.withLock { $0 = value }
      done.signal()
    }
  }

  /// The value, once made; what `make` threw. Asked again, the same answer at once.
  public func value() throws(Failure) -> Value {
    done.wait()
    // Signalled again, so that a second ask finds it too.
    done.signal()
    // The other thread stores its result before it signals, so there always is one here;
    // were there none, the value is made here.
    guard let value = result.withLock({ $0 }) else { return try make() }
    return try value.get()
  }
}
