/// Why the benchmark stopped early.
struct BenchmarkFailure: Error {
  var message: String
  /// The exit status: 1 when the corpus did not validate clean, 2 when a measurement could
  /// not run (files, processes).
  var status: Int32 = 2
}
