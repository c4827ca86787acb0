import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The crash test of `Tests/DCMCStoreTests/CaseStoreCrashTests`, through the `dcmc` binary as
/// a user runs it: each iteration starts one command (a create with a request id, a claim, a
/// release or a tick) and kills it with SIGKILL after a random number of its reads and
/// writes, anywhere from process start to after its output. Then `dcmc store verify` finds no
/// damage (derived files behind their histories are none), a command that printed its result is in the
/// history, and a create retried with its request id gives one case. At the end,
/// `dcmc store rebuild` leaves a store that verifies clean.
@Suite struct BinaryCrashTests {
  static let iterations = Int(ProcessInfo.processInfo.environment["DCMC_BINARY_CRASH_ITERATIONS"] ?? "") ?? 40

  struct Store {
    let path: String

    func dcmc(_ arguments: [String]) throws -> BinaryRunner.Output {
      try BinaryRunner.run(arguments + ["--store", path])
    }

    /// The events of a case, as `case history --json` lists them.
    func events(_ id: String) throws -> [[String: Any]] {
      let output = try dcmc(["case", "history", id, "--json"])
      guard output.status == 0 else { return [] }
      return (try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    /// The ids of every case, as `case list --json` lists them.
    func cases() throws -> [String] {
      let output = try dcmc(["case", "list", "--json"])
      #expect(output.status == 0, "\(output.stderr)")
      let list = (try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]]) ?? []
      return list.compactMap { $0["id"] as? String }
    }
  }

  /// How a command that may be killed ended.
  enum Ending {
    case succeeded(stdout: String)
    case failed
    case killed
  }

  /// Runs `dcmc arguments`, killing it once it has made `calls` reads and writes (counted by
  /// the kernel in `/proc/<pid>/io`), unless it ended before: the kill lands at a random step
  /// of the command, from loading its libraries to writing its result, whatever the machine's
  /// speed.
  static func run(_ arguments: [String], killAfter calls: Int) throws -> Ending {
    let output = Pipe()
    let process = try BinaryRunner.start(arguments, output: output)
    while process.isRunning, let made = CrashClock.readsAndWrites(of: process.processIdentifier), made < calls {
      sched_yield()
    }
    kill(process.processIdentifier, SIGKILL)
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationReason == .exit else { return .killed }
    return process.terminationStatus == 0 ? .succeeded(stdout: String(decoding: stdout, as: UTF8.self)) : .failed
  }

  @Test func killingACommandAtAnyInstantLosesNothingAcknowledgedAndMixesNothing() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = Store(path: directory.url.appendingPathComponent("store").path)
    #expect(try store.dcmc(["deploy", "definitions"]).status == 0)
    let form = "samples/fields/technical.json"
    var generator = SeededGenerator(seed: 20_261_201)
    var clock = CrashClock()
    var requests: [String] = []
    var acknowledged: [(case: String, event: String, at: String)] = []
    var killed = 0
    for iteration in 1...Self.iterations {
      let time = clock.next()
      let request = "crash-\(iteration)"
      let known = try store.cases()
      let command = CrashCommand.random(known: known, request: request, using: &generator)
      if let request = command.request { requests.append(request) }
      // A debug dcmc makes about 50 to 60 reads and writes in a command (most of them loading
      // its libraries): the kill falls anywhere in it, or after.
      let ending = try Self.run(
        command.arguments + ["--at", time, "--store", store.path], killAfter: Int.random(in: 0..<90, using: &generator))
      var stdout: String?
      switch ending {
      case .succeeded(let output): stdout = output
      case .failed: break
      case .killed: killed += 1
      }

      // Only derived files may be behind, which is no damage; the histories are whole.
      let verify = try store.dcmc(["store", "verify"])
      #expect(verify.status == 0, "\(command.arguments): \(verify.stdout)\(verify.stderr)")
      // What printed its result is there.
      if stdout != nil, let caseID = command.caseID, let event = command.event {
        acknowledged.append((caseID, event, time))
      }
      if let stdout, command.request != nil {
        let id = try #require(stdout.split(separator: " ").dropFirst().first.map(String.init), "\(stdout)")
        acknowledged.append((id, "case.created", time))
      }
    }
    #expect(killed > Self.iterations / 5, "too few commands were killed to test anything")
    #expect(killed < Self.iterations, "no command ever finished")

    // Every create retried with its request gives one case, whether or not the first try made it.
    var made: Set<String> = []
    for request in requests {
      let retried = try store.dcmc([
        "case", "create", "technical", "--fields", form, "--request-id", request, "--as", "alice", "--at", clock.next(),
        "--json",
      ])
      #expect(retried.status == 0, "\(retried.stderr)")
      let id = try #require((try JSONSerialization.jsonObject(with: Data(retried.stdout.utf8)) as? [String: Any])?["id"] as? String)
      #expect(!made.contains(id), "two requests gave case \(id)")
      made.insert(id)
    }
    #expect(try Set(store.cases()) == made, "a case without its request, or a request without its case")
    for (caseID, event, time) in acknowledged {
      let events = try store.events(caseID)
      #expect(
        events.contains { ($0["type"] as? String) == event && ($0["at"] as? String) == time },
        "\(caseID): an acknowledged \(event) at \(time) is lost")
    }
    #expect(try store.dcmc(["store", "rebuild"]).status == 0)
    let verified = try store.dcmc(["store", "verify"])
    #expect(verified.status == 0, "\(verified.stdout)")
  }
}
