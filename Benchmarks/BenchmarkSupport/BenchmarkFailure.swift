#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why the benchmark stopped early.
package struct BenchmarkFailure: Error {
  package var message: String
  /// The exit status: 1 when the corpus did not validate clean, 2 when a measurement could
  /// not run (files, processes).
  package var status: Int32 = 2

  package init(message: String, status: Int32 = 2) {
    self.message = message
    self.status = status
  }
}

/// Writes `text` to standard error.
package func printError(_ text: String) {
  let bytes = Array(text.utf8)
  var written = 0
  while written < bytes.count {
    let count = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + written, bytes.count - written) }
    guard count > 0 else { return }
    written += count
  }
}
