import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole writes of bytes to files, as the benchmark makes its inputs.
enum FileWriter {
  /// Appends `bytes` to the file at `path`, made if missing.
  static func append(_ bytes: [UInt8], to path: String) throws(BenchmarkFailure) {
    try write(bytes, to: path, flags: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC)
  }

  /// Replaces the file at `path` with `bytes`.
  static func replace(_ path: String, with bytes: [UInt8]) throws(BenchmarkFailure) {
    try write(bytes, to: path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
  }

  private static func write(_ bytes: [UInt8], to path: String, flags: Int32)
    throws(BenchmarkFailure)
  {
    let descriptor = open(path, flags, 0o644)
    guard descriptor >= 0 else {
      throw BenchmarkFailure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        throw BenchmarkFailure(
          message: "cannot write '\(path)': \(String(cString: strerror(errno)))")
      }
      written += count
    }
  }

  /// The whole file at `path` as text; empty when it cannot be read.
  static func text(of path: String) -> String {
    guard let stream = fopen(path, "r") else { return "" }
    defer { fclose(stream) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = fread(&chunk, 1, chunk.count, stream)
      if count <= 0 { break }
      bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
