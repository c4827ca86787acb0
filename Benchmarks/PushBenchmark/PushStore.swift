import BenchmarkSupport
import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A generated push store: where it is, its queue, and the users each measured run acts as.
struct PushStore: Sendable {
  var path: String
  /// Queued push tasks nobody holds.
  var queued: Int
  /// Ready users, each full with one offer (capacity 1).
  var ready: Int
  /// Per run: a not-ready user to make ready, and a user with an accepted task to complete.
  var notReady: [String]
  var accepted: [(user: String, task: String)]
}

/// Makes push stores through the store's own code: `dcmc deploy` of generated definitions (one
/// push workgroup of all the users, capacity 1, offers standing 30 s; one case type whose one
/// task it pushes and whose outcome closes the case), then `CaseService.create`,
/// `setPresence` and `acceptOffer` over the file repository on `NoSyncFileSystem`, so every
/// file is what the commands write, without a flush per record; one `sync` at the end.
///
/// The cases are created a second apart from `start`; at `offersMade` every ready user and
/// every user of `accepted` says ready (each is offered the most urgent task), the users of
/// `accepted` accept theirs, and the users of `notReady` say not ready.
struct PushStoreGenerator {
  let dcmc: String
  let outputPath: String

  static let start = Timestamp("2026-03-02T09:00:00+01:00")!.instant
  static let workgroup = "push_team"

  /// When the generation's offers are made: after the last case of the largest store.
  static let offersMade = start.adding(seconds: 200_000)

  static func readyUser(_ number: Int) -> String { "r" + padded(number, 4) }
  static func acceptingUser(_ run: Int) -> String { "c" + padded(run, 3) }
  static func notReadyUser(_ run: Int) -> String { "n" + padded(run, 3) }

  private static func padded(_ number: Int, _ width: Int) -> String {
    let text = String(number)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  /// The definitions of a store with `ready` ready users and `runs` users of each other kind.
  static func definitions(ready: Int, runs: Int) -> String {
    let users = (1...ready).map(readyUser) + (0..<runs).map(acceptingUser) + (0..<runs).map(notReadyUser)
    return """
      kind: Presence
      id: presence
      not_ready: [break]
      wrap_up: 2m
      ---
      kind: Workgroup
      id: \(workgroup)
      distribution: { mode: push, offer_timeout: 30s }
      members: [\(users.joined(separator: ", "))]
      supervisors: [lead]
      ---
      kind: CaseType
      id: order
      reference: "ORD-{seq:7}"
      calendar: 24x7
      fields:
        - { id: Customer_Name, type: string, required: true }
      stages:
        - id: main
          tasks:
            - id: handle
              target: \(workgroup)
              outcomes:
                done: { close: resolved }

      """
  }

  /// Generates the store at `path` (which must not exist) and prints how long it took.
  func generate(at path: String, queued: Int, ready: Int, runs: Int) throws -> PushStore {
    let clock = ContinuousClock()
    let began = clock.now
    let definitions = path + ".definitions"
    try write(Self.definitions(ready: ready, runs: runs), to: definitions + "/bench.yaml", making: definitions)
    let deployed = try ChildProcess(
      executable: dcmc, arguments: ["deploy", definitions, "--store", path], outputPath: outputPath
    ).run()
    guard deployed.status == 0 else {
      throw BenchmarkFailure(message: "dcmc deploy of the generated definitions exited \(deployed.status)")
    }
    let repository = try FileCaseRepository.open(at: path, fileSystem: NoSyncFileSystem())
    let service = repository.service(zone: TimeZoneDatabase.rules(named:), clock: FixedClock(Self.start))
    for index in 0..<(queued + ready + runs) {
      _ = try service.with(clock: FixedClock(Self.start.adding(seconds: index))).create(
        type: "order", fields: ["Customer_Name": "Customer \(index)"], request: nil, by: "lead")
    }
    let created = clock.now
    let offering = service.with(clock: FixedClock(Self.offersMade))
    for user in (1...ready).map(Self.readyUser) + (0..<runs).map(Self.acceptingUser) {
      _ = try offering.setPresence(.ready, reason: nil, by: user)
    }
    var accepted: [(user: String, task: String)] = []
    let accepting = service.with(clock: FixedClock(Self.offersMade.adding(seconds: 1)))
    for user in (0..<runs).map(Self.acceptingUser) {
      guard let task = try accepting.offers(to: user).first?.task.id, let dot = task.lastIndex(of: ".") else {
        throw BenchmarkFailure(message: "\(user) was offered no task in the generated store")
      }
      _ = try accepting.execute(.acceptOffer(task: task), onCase: String(task[..<dot]), by: user)
      accepted.append((user, task))
    }
    for user in (0..<runs).map(Self.notReadyUser) {
      _ = try accepting.setPresence(.notReady, reason: "break", by: user)
    }
    let offered = clock.now
    sync()
    print(
      "generated \(queued + ready + runs) cases in \(Figure.decimal((created - began).seconds, digits: 1)) s, "
        + "\(ready + runs) offers in \(Figure.decimal((offered - created).seconds, digits: 1)) s: \(path)")
    return PushStore(
      path: path, queued: queued, ready: ready, notReady: (0..<runs).map(Self.notReadyUser), accepted: accepted)
  }

  /// Runs `dcmc store verify` on `store`: a generated store must be what the commands write.
  func verify(_ store: PushStore) throws {
    let outcome = try ChildProcess(
      executable: dcmc, arguments: ["store", "verify", "--store", store.path], outputPath: outputPath
    ).run()
    guard outcome.status == 0 else {
      throw BenchmarkFailure(
        message: "dcmc store verify found damage in the generated push store \(store.path) (exit \(outcome.status)); "
          + "see \(outputPath)", status: 1)
    }
    print("dcmc store verify: clean on a generated push store of \(store.queued) queued tasks and \(store.ready) offers")
  }

  private func write(_ text: String, to file: String, making directory: String) throws {
    guard mkdir(directory, 0o755) == 0, let handle = fopen(file, "w") else {
      throw BenchmarkFailure(message: "cannot write \(file)")
    }
    defer { fclose(handle) }
    guard fputs(text, handle) >= 0 else { throw BenchmarkFailure(message: "cannot write \(file)") }
  }
}
