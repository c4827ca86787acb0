import BenchmarkSupport
import DCMCBundle
import DCMCChecker
import DCMCCompiler
import DCMCSyntax
import Dispatch

/// Compiles files inside this process as `dcmc compile` does, timing each phase.
enum InProcessCompile {
  struct Run {
    /// Read, parse and decode (in parallel), then link: the validation `compile` starts with.
    var check = 0.0
    /// `Compiler.compile`: the bundle model, its canonical JSON, the hash and the file's bytes.
    var compile = 0.0
    var bytes: [UInt8] = []
    var bundle: DefinitionBundle?
  }

  static func run(_ paths: [String]) throws(BenchmarkFailure) -> Run {
    let clock = ContinuousClock()
    var run = Run()
    let start = clock.now
    let decoded = Slots<FileDefinitions>(count: paths.count)
    let failures = Slots<String>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      do throws(ReadError) {
        decoded[index] = DocumentDecoder.decode(try YAMLReader.load(path: paths[index]))
      } catch {
        failures[index] = "\(error)"
      }
    }
    if let failure = failures.values.compactMap({ $0 }).first { throw BenchmarkFailure(message: failure) }
    let result = Checker.link(decoded.values.compactMap { $0 })
    run.check = (clock.now - start).seconds
    guard result.errorCount == 0 else {
      throw BenchmarkFailure(
        message: "the definitions have \(result.errorCount) errors, first: \(result.diagnostics[0].message)", status: 1)
    }
    let compiling = clock.now
    let bundle: DefinitionBundle
    let bytes: [UInt8]
    do throws(CompileError) {
      (bundle, bytes) = try Compiler.compile(result.definitions, compilerVersion: "benchmark")
    } catch {
      throw BenchmarkFailure(message: "\(error)", status: 1)
    }
    run.compile = (clock.now - compiling).seconds
    run.bytes = bytes
    run.bundle = bundle
    return run
  }
}

/// Slots written by `concurrentPerform`, each by exactly one iteration.
///
/// `@unchecked Sendable` is safe because every index is written once, by one thread, and
/// `values` is read only after `concurrentPerform` has returned.
final class Slots<T>: @unchecked Sendable {
  private var storage: [T?]

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  subscript(index: Int) -> T? {
    get { storage[index] }
    set { storage.withUnsafeMutableBufferPointer { $0[index] = newValue } }
  }

  var values: [T?] { storage }
}
