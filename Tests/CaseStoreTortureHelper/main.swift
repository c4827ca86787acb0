import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore

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

/// Writes `text` to standard output at once, without buffering.
func say(_ text: String) {
  var bytes = Array(text.utf8)[...]
  while !bytes.isEmpty {
    let count = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    guard count > 0 else { exit(3) }
    bytes = bytes.dropFirst(count)
  }
}

func fail(_ text: String) -> Never {
  let bytes = Array("CaseStoreTortureHelper: \(text)\n".utf8)
  _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
  exit(1)
}

/// Passes every call to the real file system, and kills the process before call `crashAt`.
final class CrashingFileSystem: FileSystem, @unchecked Sendable {
  let base = PosixFileSystem()
  let crashAt: Int
  private var calls = 0

  init(crashAt: Int) { self.crashAt = crashAt }

  private func count() {
    calls += 1
    if calls == crashAt { _ = kill(getpid(), SIGKILL) }
  }

  func open(_ path: String, _ mode: OpenMode) throws(StoreError) -> FileDescriptor {
    count()
    return try base.open(path, mode)
  }
  func close(_ file: FileDescriptor) { base.close(file) }
  func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(StoreError) {
    count()
    try base.write(file, bytes, at: offset)
  }
  func read(_ file: FileDescriptor) throws(StoreError) -> [UInt8] {
    count()
    return try base.read(file)
  }
  func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(StoreError) {
    count()
    try base.synchronize(file, kind)
  }
  func truncate(_ file: FileDescriptor, to length: Int) throws(StoreError) {
    count()
    try base.truncate(file, to: length)
  }
  func lock(_ file: FileDescriptor, wait: Bool) throws(StoreError) -> Bool {
    count()
    return try base.lock(file, wait: wait)
  }
  func rename(_ source: String, to destination: String) throws(StoreError) {
    count()
    try base.rename(source, to: destination)
  }
  func link(_ existing: String, as newPath: String) throws(StoreError) {
    count()
    try base.link(existing, as: newPath)
  }
  func unlink(_ path: String) throws(StoreError) {
    count()
    try base.unlink(path)
  }
  func makeDirectory(_ path: String) throws(StoreError) {
    count()
    try base.makeDirectory(path)
  }
  func removeDirectory(_ path: String) throws(StoreError) {
    count()
    try base.removeDirectory(path)
  }
  func synchronizeDirectory(_ path: String) throws(StoreError) {
    count()
    try base.synchronizeDirectory(path)
  }
  func list(_ directory: String) throws(StoreError) -> [DirectoryEntry] {
    count()
    return try base.list(directory)
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
  guard let seconds = Int(words[0]) else { fail("bad script line \(words)") }
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
    fail("bad script line \(words)")
  }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 3, arguments[0] == "run", let crashAt = Int(arguments[2]) else {
  fail("usage: CaseStoreTortureHelper run ROOT CRASH_AT < SCRIPT")
}
var script: [UInt8] = []
var buffer = [UInt8](repeating: 0, count: 4096)
while true {
  let count = read(STDIN_FILENO, &buffer, buffer.count)
  if count < 0 && errno == EINTR { continue }
  if count <= 0 { break }
  script += buffer[..<count]
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
  fail("\(error)")
}
for (index, line) in lines.enumerated() {
  let number = index + 1
  say("try \(number)\n")
  do throws(ServiceError) {
    let details = try run(line.split(separator: " "), on: store)
    say("ack \(number) \(details)\n")
  } catch {
    switch error {
    case .refused(let refusal): say("refused \(number) \(refusal)\n")
    default: fail("line \(number): \(error)")
    }
  }
}
exit(0)
