import Foundation
import Testing

/// Golden files under `Golden/`, found through `#filePath`. With `DCMC_RECORD=1` in the
/// environment the actual text is written instead of compared; review the diff.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  /// The repository root (three levels above this file).
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var isRecording: Bool { ProcessInfo.processInfo.environment["DCMC_RECORD"] == "1" }

  static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

  static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let file = url(name)
    if isRecording {
      do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: file)
      } catch {
        Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let data = FileManager.default.contents(atPath: file.path), let expected = String(data: data, encoding: .utf8)
    else {
      Issue.record(
        "golden file \(name) is missing; run with DCMC_RECORD=1 to create it", sourceLocation: sourceLocation)
      return
    }
    #expect(
      actual == expected, "output differs from Golden/\(name); DCMC_RECORD=1 rewrites it",
      sourceLocation: sourceLocation)
  }
}
