import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc run` through the binary: it ticks on the real clock and stops cleanly on SIGTERM
/// and SIGINT. No sleeps: the test waits for the first tick's line, then signals.
@Suite struct RunCommandTests {
  @Test(arguments: [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")])
  func runTicksThenStopsOnASignal(signal: Int32, name: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store, "--at", "2026-03-01T12:00:00Z"]).status == 0)
    // A case created long ago: its timers are all due on the real clock.
    #expect(
      try BinaryRunner.run([
        "case", "create", "technical", "--fields", "samples/fields/technical.json", "--store", store, "--as", "alice",
        "--at", "2026-03-02T09:00:00+01:00",
      ]).status == 0)
    let output = Pipe()
    let process = try BinaryRunner.start(["run", "--every", "1h", "--store", store], output: output)
    var text = ""
    while !text.contains("\n") {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    #expect(text.hasPrefix("tick at "))
    #expect(text.contains(": 1 case changed"))
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 0)
    #expect(text.hasSuffix("stopped by \(name)\n"))
    let shown = try BinaryRunner.run(["case", "show", "TEC-000001", "--store", store, "--json"])
    #expect(shown.stdout.contains("\"expert_review\""))
  }
}
