import DCMCApplication
import Dispatch
import Synchronization

/// One day file's facts, read and decoded on another thread while the caller counts the day
/// before (`FileCaseRepository.facts(in:_:)`): a report then uses both cores, and still sees
/// the facts day by day, in the order they were written, whatever the threads do.
final class FactsReadAhead: Sendable {
  private let done = DispatchSemaphore(value: 0)
  private let result = Mutex<Result<[ReportFact], StoreError>?>(nil)

  /// Starts `read` at once on a global queue.
  init(_ read: @escaping @Sendable () throws(StoreError) -> [ReportFact]) {
    DispatchQueue.global().async { [self] in
      let value: Result<[ReportFact], StoreError>
      do throws(StoreError) { value = .success(try read()) } catch { value = .failure(error) }
      result.withLock { $0 = value }
      done.signal()
    }
  }

  /// The facts, once read; what `read` threw.
  func facts() throws(StoreError) -> [ReportFact] {
    done.wait()
    let value = result.withLock { $0 }
    switch value {
    case .success(let facts)?: return facts
    case .failure(let error)?: throw error
    case nil: return []
    }
  }
}
