import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A child process for DCMCStoreTests' crash and concurrency tests of the runtime's store
/// (not a product): runs `CaseStore` commands, as the CLI runs them, one per script line.
///
///     CaseStoreTortureHelper run ROOT CRASH_AT
///
/// reads the script from standard input (to its end) before it starts, one command a line:
///
///     SECONDS create REQUEST USER   case create technical --request-id REQUEST --as USER
///     SECONDS claim USER            claim the most urgent queued task of employees_group
///     SECONDS complete USER         complete a task assigned to USER with 'resolved'
///     SECONDS tick                  tick
///
/// each at the instant SECONDS (since the epoch). For each line N it writes, unbuffered,
/// `try N` before the command and, after it, `ack N VERB CASE:VERSION ...` (the cases the
/// command changed and their versions after it; `create` adds the request id, `claim` and
/// `complete` the task id) or `refused N REASON`. A store error ends it with status 1.
///
/// With CRASH_AT > 0 the process kills itself with SIGKILL just before its CRASH_AT-th call
/// of the file system: a crash at a chosen step of a chosen command.

/// Passes every call to the real file system, and kills the process before call `crashAt`.
///
/// `@unchecked Sendable`: the helper runs its commands on one thread, the only one that
/// touches `calls`.
final class CrashingFileSystem: ForwardingFileSystem, @unchecked Sendable {
  let base: any FileSystem = PosixFileSystem()
  let crashAt: Int
  private var calls = 0

  init(crashAt: Int) { self.crashAt = crashAt }

  func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
    calls += 1
    if calls == crashAt { _ = kill(getpid(), SIGKILL) }
  }
}

/// The form of every case the helper creates; the request id goes into the description, so
/// the tests can tell which request made a case from its history alone.
func form(_ request: String) -> [String: String] {
  [
    "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
    "Problem_Description": "request \(request)",
  ]
}

func changed(_ state: CaseState) -> String { "\(state.id):\(state.version)" }

/// Runs one script line; returns the `ack` details, or throws a refusal.
func run(_ words: [Substring], on runtime: CaseService) throws(ServiceError) -> String {
  guard let seconds = Int(words[0]) else { HelperOutput.fail("bad script line \(words)") }
  let store = runtime.with(clock: FixedClock(Instant(secondsSinceEpoch: seconds)))
  switch (words[1], words.count) {
  case ("create", 4):
    let request = String(words[2])
    let state = try store.create(type: "technical", fields: form(request), request: request, by: String(words[3]))
    return "create \(changed(state)) \(request)"
  case ("claim", 3):
    let user = String(words[2])
    var queued: [(TaskState, CaseState)] = []
    for state in try store.cases(CaseFilter()) where !state.isFinished {
      for task in state.activeTasks where task.status == .queued && task.target == "employees_group" {
        queued.append((task, state))
      }
    }
    queued.sort { Engine.isMoreUrgent($0.0, than: $1.0) }
    for (task, state) in queued {
      // A task another process took since the listing is refused: try the next one.
      guard let after = try? store.execute(.claim(task: task.id), onCase: state.id, by: user) else { continue }
      return "claim \(changed(after)) \(task.id)"
    }
    throw .refused(.nothingToPull(user: user))
  case ("complete", 3):
    let user = String(words[2])
    for state in try store.cases(CaseFilter()) where !state.isFinished {
      for task in state.activeTasks where task.assignee == user {
        let after = try store.execute(.complete(task: task.id, outcome: "resolved", data: [:]), onCase: state.id, by: user)
        return "complete \(changed(after)) \(task.id)"
      }
    }
    throw .refused(.rule(Refusal(.notFound, "nothing to complete")))
  case ("tick", 2):
    let states = try store.tick(by: nil)
    return (["tick"] + states.map(changed)).joined(separator: " ")
  default:
    HelperOutput.fail("bad script line \(words)")
  }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 3, arguments[0] == "run", let crashAt = Int(arguments[2]) else {
  HelperOutput.fail("usage: CaseStoreTortureHelper run ROOT CRASH_AT < SCRIPT")
}
let script: [UInt8]
do {
  guard case .bytes(let bytes) = try BoundedReader.readStandardInput(limit: 1 << 20) else {
    HelperOutput.fail("the script is longer than 1 MiB")
  }
  script = bytes
} catch {
  HelperOutput.fail("\(error)")
}
let fileSystem: any FileSystem = crashAt > 0 ? CrashingFileSystem(crashAt: crashAt) : PosixFileSystem()
let lines = String(decoding: script, as: UTF8.self).split(separator: "\n")
// One store value for the whole script, so the bundle is parsed once (a debug build spends
// most of a command parsing it); every command still reads the histories it needs anew.
let store: CaseService
do {
  store = try FileCaseRepository.open(at: arguments[1], fileSystem: fileSystem)
    .service(zone: TimeZoneDatabase.rules(named:), clock: FixedClock(Instant(secondsSinceEpoch: 0)))
} catch {
  HelperOutput.fail("\(error)")
}
for (index, line) in lines.enumerated() {
  let number = index + 1
  HelperOutput.say("try \(number)\n")
  do throws(ServiceError) {
    let details = try run(line.split(separator: " "), on: store)
    HelperOutput.say("ack \(number) \(details)\n")
  } catch {
    switch error {
    case .refused(let refusal): HelperOutput.say("refused \(number) \(refusal)\n")
    default: HelperOutput.fail("line \(number): \(error)")
    }
  }
}
exit(0)
