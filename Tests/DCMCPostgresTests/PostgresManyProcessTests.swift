import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 20: eight workers at once on one PostgreSQL store, each a shell (`script`) running `dcmc`
/// processes one after another (each its own connection): three rounds of creating a case,
/// taking the next task, completing it, ticking and delivering the outbox, all at one instant
/// at which every Monday case's timers are due. Afterwards every acknowledged command is in
/// the store, no task was taken twice, no timer fired twice, no notification was handed to
/// the gateway twice, and the store verifies clean.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresManyProcessTests {
  static let cases = 12
  static let workers = 8
  static let users = ["alice", "bob", "carol", "eve", "frank"]

  /// One worker: each command's acknowledgement (exit 0) printed as a line `WHAT ID`.
  static let script = """
    set -f
    id() { sed -n 's/^  "id": "\\(.*\\)",$/\\1/p'; }
    for round in 1 2 3; do
      if out=$("$DCMC" case create technical --fields samples/fields/technical.json --request-id "w$WORKER-$round" \\
        --as alice --json $RUN); then echo "created $(echo "$out" | id)"; fi
      if out=$("$DCMC" task next --as "$USER_NAME" --json $RUN 2>/dev/null); then
        task=$(echo "$out" | id)
        echo "took $task"
        if "$DCMC" task complete "$task" --outcome resolved --as "$USER_NAME" $RUN >/dev/null 2>&1; then
          echo "completed $task"
        fi
      fi
      "$DCMC" tick $RUN >/dev/null && echo "ticked"
      "$DCMC" outbox deliver --via 'echo "$DCMC_NOTIFICATION_ID" >>"$DELIVERED"' $RUN >/dev/null 2>&1 && echo "delivered"
    done
    """

  @Test func eightWorkersCompletingAndTickingTakeAndFireEachOnce() throws {
    let database = try TechnicalCases.postgresStore(Self.cases)
    defer { database.drop() }
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let delivered = directory.url.appendingPathComponent("delivered").path

    let outputs = (0..<Self.workers).map { directory.url.appendingPathComponent("worker\($0)").path }
    let workers = try (0..<Self.workers).map { worker in
      FileManager.default.createFile(atPath: outputs[worker], contents: nil)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", Self.script]
      process.currentDirectoryURL = BinaryRunner.repositoryRoot
      process.environment = [
        "DCMC": BinaryRunner.executable.path, "WORKER": String(worker), "USER_NAME": Self.users[worker % 5],
        "RUN": "--store \(database.url) --at \(TechnicalCases.late)", "DELIVERED": delivered,
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1",
      ]
      process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputs[worker]))
      try process.run()
      return process
    }
    for process in workers {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    let acknowledged = try outputs.flatMap { path in
      try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
    }
    func ids(_ what: String) -> [String] {
      acknowledged.filter { $0.first == Substring(what) }.map { $0.dropFirst().joined(separator: " ") }
    }
    #expect(!(ids("created") + ids("took")).contains(""), "an acknowledged command printed no id: \(acknowledged)")
    #expect(ids("created").count == 3 * Self.workers, "a case create failed")
    #expect(ids("ticked").count == 3 * Self.workers, "a tick failed")
    #expect(!ids("took").isEmpty && !ids("completed").isEmpty, "no worker took or completed a task")

    let histories = try Self.histories(database.url)
    #expect(Set(ids("created")).isSubset(of: Set(histories.keys)), "an acknowledged case is missing")
    #expect(histories.count == Self.cases + 3 * Self.workers, "a request made two cases")
    let events = histories.values.flatMap { $0 }
    func count(_ type: String, _ task: String) -> Int {
      events.filter { $0["type"] as? String == type && $0["task"] as? String == task }.count
    }
    for task in ids("took") { #expect(count("task.assigned", task) == 1, "task \(task) taken twice") }
    for task in ids("completed") { #expect(count("task.completed", task) == 1, "task \(task) not completed once") }
    for (id, history) in histories {
      let fired = history.filter { $0["type"] as? String == "timer.fired" }.map {
        "\($0["task"] as? String ?? "-") \($0["timer"] as? String ?? "") \($0["due"] as? String ?? "")"
      }
      #expect(Set(fired).count == fired.count, "a timer of \(id) fired twice")
    }
    #expect(events.contains { $0["type"] as? String == "timer.fired" }, "no timer was due")

    let handed = try String(contentsOfFile: delivered, encoding: .utf8).split(separator: "\n")
    #expect(!handed.isEmpty, "nothing was delivered")
    #expect(Set(handed).count == handed.count, "a notification was delivered twice")
    try BinaryRunner.verify(store: database.url)
  }

  /// Every case's events, by case id, as `case history --json` prints them.
  static func histories(_ store: String) throws -> [String: [[String: Any]]] {
    let listed = try BinaryRunner.run(["case", "list", "--json", "--store", store])
    let cases = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    var histories: [String: [[String: Any]]] = [:]
    for id in cases.compactMap({ $0["id"] as? String }) {
      let history = try BinaryRunner.run(["case", "history", id, "--json", "--store", store])
      histories[id] = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]]
    }
    return histories
  }
}
