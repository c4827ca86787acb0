#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a benchmark finds the `dcmc` it runs.
package enum DCMCExecutable {
  /// The path of the running executable (`/proc/self/exe`), or how it was started.
  package static var running: String {
    var buffer = [CChar](repeating: 0, count: 4_096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    return length > 0
      ? String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      : CommandLine.arguments[0]
  }

  /// `given` (a `--dcmc PATH`), else `dcmc` in the running executable's directory; it must be
  /// executable.
  package static func locate(given: String?) throws(BenchmarkFailure) -> String {
    let path: String
    if let given {
      path = given
    } else {
      let executable = running
      let directory = executable.lastIndex(of: "/").map { String(executable[..<$0]) } ?? "."
      path = directory + "/dcmc"
    }
    guard access(path, X_OK) == 0 else {
      throw BenchmarkFailure(
        message: "no executable dcmc at '\(path)'; build it with 'swift build -c release --product dcmc' "
          + "or pass '--dcmc PATH'", status: 2)
    }
    return path
  }
}
