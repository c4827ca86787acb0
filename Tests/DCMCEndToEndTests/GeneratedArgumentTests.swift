import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// No argument vector may crash or hang dcmc (issue 14, item 5): seeded, reproducible
/// vectors of commands, actions, options and hostile values, each run through the binary on a
/// deployed store, end with exit 0, 1 or 2, never a signal. `DCMC_ARGV_CASES` sets how many
/// (2,000 by default), `DCMC_ARGV_SEED` the seed.
@Suite struct GeneratedArgumentTests {
  /// `run` is left out: with a valid `--every` it ticks until a signal, by design.
  static let commands = [
    "validate", "explain", "calendar", "compile", "graph", "schema", "bundle", "test", "deploy", "case", "task",
    "customer", "tick", "outbox", "store", "--help", "--version", "help", "nosuch",
  ]
  static let actions = [
    "create", "show", "list", "history", "cancel", "pend", "resume", "attach", "link", "next", "claim", "assign",
    "open", "release", "complete", "escalate", "reassign", "set", "ack", "deliver", "verify", "rebuild", "due",
    "between", "show", "technical", "finance", "definitions", "TEC-000001", "TEC-000001.1", "TEC-000001/n1",
    "add", "update", "find", "merge", "CUS-000001", "CUS-000002",
  ]
  static let options = [
    "--as", "--at", "--json", "--field", "--fields", "--request-id", "--type", "--status", "--workbin", "--mine",
    "--to", "--target", "--outcome", "--data", "--priority", "--ola", "--interaction", "--via", "--format", "--strict",
    "-o", "--calendar", "--from", "--add", "--days", "--list", "--help", "-h", "--", "-", "--store",
    "--name", "--email", "--phone", "--limit",
  ]
  static let values = [
    "", "!!!", String(repeating: "x", count: 200), "../escape", "/", ".", "..", "alice", "sam", "mallory", "eve",
    "technical", "TEC-000001", "TEC-000001.1", "TEC-000001.99", "TEC-999999", "employees_group", "open", "opne",
    "resolved", "escalate", "2026-03-02T09:00:00+01:00", "2026-13-45T25:61:00Z", "9999-12-31T23:59:59Z",
    "-0001-01-01T00:00:00Z", "1e400", "-1", "0", "101", "high", "12h", "0m", "99999d", "Customer_Name=Jane",
    "=x", "K=", "a=b=c", "phone:call-1", "json", "sarif", "xml", "office_brussels", "nosuch", "é😀", "\u{0}x",
    "line\nbreak", "true", "cat >/dev/null", "exit 3", "false", "TEC-000001/n1", "24x7",
    "CUS-000001", "+32 2 555 12 34", "02 555 12 34", "Jane.Doe@Example.com", "Segment=gold", "Shoe_Size=42", "1000",
  ]

  @Test func noArgumentVectorCrashesOrHangsTheBinary() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    let fifo = directory.url.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let setup = try BinaryRunner.run(["deploy", "definitions", "--store", store])
    #expect(setup.status == 0, "\(setup.stderr)")
    _ = try BinaryRunner.run(
      ["case", "create", "technical", "--field", "Customer_Name=Jane", "--field", "Customer_Email=jane@example.com",
       "--field", "Product=internet", "--field", "Problem_Description=Slow", "--store", store, "--as", "alice"])
    let paths = [store, fifo, "/dev/zero", directory.url.path, directory.url.appendingPathComponent("missing.yaml").path]
    let environment = ProcessInfo.processInfo.environment
    let count = Int(environment["DCMC_ARGV_CASES"] ?? "") ?? 2000
    var generator = SeededGenerator(seed: UInt64(environment["DCMC_ARGV_SEED"] ?? "") ?? 20_261_204)
    var failures = 0
    for _ in 0..<count where failures < 5 {
      let arguments = Self.vector(&generator, paths: paths, store: store)
      let process = try BinaryRunner.start(arguments, in: directory.url, environment: ["DCM_USER": "", "DCM_STORE": store])
      let exited = DispatchSemaphore(value: 0)
      // Waited for on another thread: a handler set after the start could miss a quick exit.
      DispatchQueue.global().async {
        process.waitUntilExit()
        exited.signal()
      }
      // A bound, not a measurement: a command that has not ended by then hangs.
      if exited.wait(timeout: .now() + 20) == .timedOut {
        process.terminate()
        exited.wait()
        Issue.record("dcmc \(arguments) did not end")
        failures += 1
        continue
      }
      if process.terminationReason != .exit || ![0, 1, 2].contains(process.terminationStatus) {
        Issue.record("dcmc \(arguments) ended with \(process.terminationReason) \(process.terminationStatus)")
        failures += 1
      }
    }
  }

  /// A command word (usually), an action, then options and values in any order.
  static func vector(_ generator: inout SeededGenerator, paths: [String], store: String) -> [String] {
    var words: [String] = []
    if Int.random(in: 0..<10, using: &generator) > 0 { words.append(commands.randomElement(using: &generator)!) }
    if Int.random(in: 0..<4, using: &generator) > 0 { words.append(actions.randomElement(using: &generator)!) }
    for _ in 0..<Int.random(in: 0...6, using: &generator) {
      switch Int.random(in: 0..<10, using: &generator) {
      case 0..<4: words.append(options.randomElement(using: &generator)!)
      case 4..<8: words.append(values.randomElement(using: &generator)!)
      case 8: words.append(paths.randomElement(using: &generator)!)
      default: words.append(options.randomElement(using: &generator)! + "=" + values.randomElement(using: &generator)!)
      }
    }
    return words
  }
}
