import DCMCApplication
import Dispatch
import Synchronization

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

  /// The value, once read; what `read` threw.
  func value() throws(StoreError) -> Value {
    done.wait()
    let value = result.withLock { $0 }
    switch value {
    case .success(let value)?: return value
    case .failure(let error)?: throw error
    case nil: preconditionFailure("a read ahead signals only once it has its result")
    }
  }
}
