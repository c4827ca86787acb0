import Foundation

/// The programs on `PATH` that some tests run (python3, Graphviz's dot).
public enum SearchPath {
  /// The first executable file `name` in a directory of `PATH`, or `nil`.
  public static func executable(named name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}
