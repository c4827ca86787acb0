import Foundation

/// Golden files: compare output with a file on disk, or rewrite it when `DCMC_RECORD=1`;
/// review the diff of every rewritten file.
public enum Golden {
  public static var isRecording: Bool { ProcessInfo.processInfo.environment["DCMC_RECORD"] == "1" }

  public struct Missing: Error, CustomStringConvertible {
    public var description: String
  }

  /// The expected text of `url`, after rewriting it (and making its directory) with `actual`
  /// when recording. A missing file is an error that says how to create it.
  public static func expected(at url: URL, actual: String) throws -> String {
    if isRecording {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      return actual
    }
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw Missing(description: "golden file \(url.path) is missing; run with DCMC_RECORD=1 to create it")
    }
    return try String(contentsOf: url, encoding: .utf8)
  }
}
