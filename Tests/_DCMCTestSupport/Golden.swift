import Foundation

/// Golden files: compare output with a file on disk, or rewrite it when `DCMC_RECORD=1`.
public enum Golden {
  public static var isRecording: Bool { ProcessInfo.processInfo.environment["DCMC_RECORD"] == "1" }

  /// The expected text of `url`, after rewriting it with `actual` when recording.
  public static func expected(at url: URL, actual: String) throws -> String {
    if isRecording {
      try Data(actual.utf8).write(to: url)
      return actual
    }
    return try String(contentsOf: url, encoding: .utf8)
  }
}
