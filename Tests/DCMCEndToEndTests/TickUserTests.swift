import Foundation
import Testing
import _DCMCTestSupport

/// The user `tick`, `run` and `serve` record on the events their ticks write is a user id, as
/// every acting user's is: a line break in `--as` forged lines of `case history` (stop 31's
/// audit), an escape reached the supervisor's terminal.
@Suite struct TickUserTests {
  static let forged = "evil\n2026-03-09 09:00  forged line\u{1B}[31m"

  @Test func tickRefusesAnActingUserThatIsNoIDAndWritesNothing() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let before = try session.run(["case", "history", "TEC-000001"], at: "2026-03-09T09:00:00+01:00")
    // A week on, the case's SLA timers are due: a tick would write their events.
    let refused = try session.run(["tick"], as: Self.forged, at: "2026-03-09T09:00:00+01:00")
    #expect(refused.status == 1, "\(refused.stderr)")
    #expect(refused.stderr.hasPrefix("dcmc: invalid id 'evil\\u{a}2026-03-09"), "\(refused.stderr)")
    #expect(!refused.stderr.contains("\u{1B}"))
    let after = try session.run(["case", "history", "TEC-000001"], at: "2026-03-09T09:00:00+01:00")
    #expect(after.stdout == before.stdout)
    // The same tick by a user id writes them.
    #expect(try session.run(["tick"], as: "sam", at: "2026-03-09T09:00:00+01:00").status == 0)
    #expect(try session.run(["case", "history", "TEC-000001"], at: "2026-03-09T09:00:00+01:00").stdout != before.stdout)
  }

  /// `run` and `serve` refuse it before their first tick, exit 2, rather than tick with it.
  @Test(arguments: [["run", "--every", "1h"], ["serve", "--listen", "127.0.0.1:0", "--every", "1h"]])
  func runAndServeRefuseItBeforeTheirFirstTick(command: [String]) throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let errors = Pipe()
    let process = try BinaryRunner.start(
      command + ["--store", session.store, "--as", Self.forged], output: FileHandle.nullDevice, errors: errors)
    #expect(BinaryRunner.exits(process, within: 30), "\(command[0]) went on with the user")
    #expect(process.terminationStatus == 2)
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(stderr.hasPrefix("dcmc: invalid id 'evil\\u{a}"), "\(stderr)")
  }
}
