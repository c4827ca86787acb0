import BenchmarkSupport
import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Dispatch

/// Validates files inside this process with the checker's public API, timing each phase:
/// serially file by file, or as `dcmc validate` does (files read, parsed and decoded by
/// `DispatchQueue.concurrentPerform`, then linked on one thread).
enum InProcessValidation {
  /// Times of one run, in seconds. A serial run fills `readParse` and `decode`; a parallel
  /// run reads, parses and decodes each file in one step and fills `readParseDecode` only.
  struct Run {
    var readParse: Double = 0
    var decode: Double = 0
    var readParseDecode: Double = 0
    var link: Double = 0
    var total: Double = 0
    /// Errors and warnings (a warning counts, as under `--strict`).
    var problems: [Diagnostic] = []
  }

  static func serial(_ paths: [String]) throws(BenchmarkFailure) -> Run {
    let clock = ContinuousClock()
    var run = Run()
    let start = clock.now
    var decoded: [FileDefinitions] = []
    decoded.reserveCapacity(paths.count)
    for path in paths {
      let readStart = clock.now
      let file = try load(path)
      let decodeStart = clock.now
      decoded.append(DocumentDecoder.decode(file))
      let decodeEnd = clock.now
      run.readParse += (decodeStart - readStart).seconds
      run.decode += (decodeEnd - decodeStart).seconds
    }
    let linkStart = clock.now
    let result = Checker.link(decoded)
    let end = clock.now
    run.link = (end - linkStart).seconds
    run.total = (end - start).seconds
    run.problems = result.diagnostics.filter { $0.severity == .error || $0.severity == .warning }
    return run
  }

  static func parallel(_ paths: [String]) throws(BenchmarkFailure) -> Run {
    let clock = ContinuousClock()
    var run = Run()
    let start = clock.now
    let slots = Slots<Result<FileDefinitions, BenchmarkFailure>>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      do throws(BenchmarkFailure) {
        slots.store(.success(DocumentDecoder.decode(try load(paths[index]))), at: index)
      } catch {
        slots.store(.failure(error), at: index)
      }
    }
    var decoded: [FileDefinitions] = []
    decoded.reserveCapacity(paths.count)
    for slot in slots.values { decoded.append(try slot.get()) }
    let linkStart = clock.now
    let result = Checker.link(decoded)
    let end = clock.now
    run.readParseDecode = (linkStart - start).seconds
    run.link = (end - linkStart).seconds
    run.total = (end - start).seconds
    run.problems = result.diagnostics.filter { $0.severity == .error || $0.severity == .warning }
    return run
  }

  private static func load(_ path: String) throws(BenchmarkFailure) -> ParsedFile {
    do throws(ReadError) {
      return try YAMLReader.load(path: path)
    } catch {
      throw BenchmarkFailure(message: error.description)
    }
  }
}

/// Slots written by `concurrentPerform`, each by exactly one iteration.
///
/// `@unchecked Sendable` is safe because the buffer is allocated before the iterations start
/// and never resized, every index is written once, by one thread, and `values` is read only
/// after `concurrentPerform` has returned (which orders the writes before the read).
private final class Slots<T>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<T?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }

  func store(_ value: T, at index: Int) { buffer[index] = value }

  /// Every slot's value; each must have been written.
  var values: [T] {
    buffer.map { value in
      guard let value else { preconditionFailure("a concurrentPerform iteration left its slot empty") }
      return value
    }
  }
}
