import Foundation
import Testing
import _DCMCTestSupport

/// The built `dcmc serve` on a free loopback port over `store`, acting as alice for the
/// customers' pages, for the browser tests: its address, and its request log once stopped.
struct PagesServer {
  let process: Process
  let errors = Pipe()
  /// `http://127.0.0.1:PORT`.
  let base: String

  init(store: String) throws {
    let output = Pipe()
    process = try BinaryRunner.start(
      ["serve", "--listen", "127.0.0.1:0", "--store", store, "--as", "alice"], output: output, errors: errors)
    let line = ServeCommandTests().firstLine(of: output)
    #expect(line.hasPrefix("listening on http://127.0.0.1:"))
    base = String(line.dropFirst("listening on ".count))
  }

  /// Stops the server and returns its request log (standard error).
  func stop() -> String {
    process.terminate()
    process.waitUntilExit()
    return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  }
}
