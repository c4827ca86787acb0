import Foundation

/// The repository's Python checks in `.ci/` (the SARIF and JSON Schema validators), which
/// need `python3` and a few packages.
public enum PythonScript {
  /// Runs `.ci/<name>` with `arguments`: its exit status and its standard output and error
  /// together; `nil` when there is no `python3`. `interpreter` names one that is not the
  /// first on the path (Debian's, whose packages the browser tests use).
  public static func run(_ name: String, _ arguments: [String], interpreter given: String? = nil) throws
    -> (status: Int32, output: String)?
  {
    guard let interpreter = given ?? SearchPath.executable(named: "python3") else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: interpreter)
    process.arguments = [BinaryRunner.repositoryRoot.appendingPathComponent(".ci/\(name)").path] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }
}
