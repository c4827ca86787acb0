import DCMCJSON
import DCMCModel
import DCMCRuntime
import DCMCStore

/// `dcmc task list|next|claim|assign|open|release|complete|escalate|reassign|set`.
enum TaskCommand {
  static let help = """
    Usage: dcmc task list [--workbin TARGET] [--mine]
           dcmc task next
           dcmc task claim ID | open ID | release ID | escalate ID
           dcmc task assign ID --to USER | reassign ID --target TARGET
           dcmc task complete ID --outcome CODE [--data K=V ...]
           dcmc task set ID --priority P | --ola DURATION

    'task next' claims the most urgent task the user may take: highest priority first, then
    the earliest OLA due time, then the oldest. A task id is the case id, a dot and the
    task's number: TEC-000042.1.

    Runtime options (every command): --store DIR (else $DCM_STORE, else ./dcm-store),
    --as USER (else $DCM_USER), --at TIME (ISO 8601 with an offset; else now), --json.

    Exit status: 0 done, 1 refused (nothing changed), 2 usage error or I/O error.

    """

  static func run(_ argv: [String], terminal: Terminal, environment: [String: String]) throws(UsageError) -> Int32 {
    let arguments = try Arguments(
      argv,
      valued: RuntimeOptions.valued.union(["--workbin", "--to", "--target", "--outcome", "--data", "--priority", "--ola"]),
      flags: RuntimeOptions.flags.union(["--mine"]))
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    let options = try RuntimeOptions(arguments, environment: environment)
    guard let action = arguments.positionals.first else { throw UsageError("'task' needs an action; see 'dcmc task --help'") }
    if action == "list" || action == "next" {
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let store = try options.openStore()
        if action == "next" {
          guard let user = options.user else { throw .refused(Refusal(.forbidden, "no acting user; give --as USER")) }
          // Only the workbins of the user's workgroups are read.
          let deployed: String?
          do throws(StoreError) { deployed = try store.deployedHash() } catch { throw .store(error) }
          guard let hash = deployed else { throw .notDeployed("nothing is deployed; run 'dcmc deploy' first") }
          let groups = try store.definitions(bundle: hash).bundle.workgroups.filter { group in
            group.members.contains { $0.user == user } || group.supervisors.contains(user)
          }
          let tasks = try store.activeTasks(in: groups.map(\.id)).sorted { Engine.isMoreUrgent($0.task, than: $1.task) }
          for (task, state) in tasks where try store.engine(for: state).mayPull(task, of: state, user: user) {
            // The list was read without the lock: another process may have taken the task
            // since. The claim, decided under the lock on the case's history, then refuses
            // it, and the next task is tried.
            let after: CaseState
            do throws(CaseStoreError) {
              after = try store.execute(.claim(task: task.id), onCase: state.id, by: user, at: options.now)
            } catch {
              if case .refused = error { continue }
              throw error
            }
            let claimed = after.task(task.id) ?? task
            return options.json ? RuntimeOutput.task(claimed, of: after).prettyText() : "claimed " + RuntimeOutput.taskText(claimed)
          }
          throw .refused(Refusal(.notFound, "no task that '\(user)' may take is waiting"))
        }
        let shown = try store.activeTasks(in: arguments.value("--workbin").map { [$0] })
          .filter { task, _ in !arguments.flags.contains("--mine") || task.assignee == options.user }
          .sorted { Engine.isMoreUrgent($0.task, than: $1.task) }
        return options.json
          ? JSONValue.array(shown.map { RuntimeOutput.task($0.0, of: $0.1) }).prettyText()
          : shown.map { RuntimeOutput.taskText($0.0) }.joined(separator: "\n")
      }
    }
    guard let id = arguments.positionals.dropFirst().first else { throw UsageError("'task \(action)' needs a task id") }
    guard let dot = id.lastIndex(of: "."), dot != id.startIndex else {
      throw UsageError("'\(id.prefix(40))' is not a task id; a task id is the case id, a dot and a number: TEC-000042.1")
    }
    let caseID = String(id[..<dot])
    let command = try command(action, task: id, arguments)
    return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
      let state = try options.openStore().execute(command, onCase: caseID, by: options.user, at: options.now)
      guard let task = state.task(id) else { return RuntimeOutput.caseText(state) }
      return options.json ? RuntimeOutput.task(task, of: state).prettyText() : RuntimeOutput.taskText(task)
    }
  }

  static func command(_ action: String, task id: String, _ arguments: Arguments) throws(UsageError) -> Command {
    func value(_ option: String) throws(UsageError) -> String {
      guard let value = arguments.value(option) else { throw UsageError("'task \(action)' needs \(option)") }
      return value
    }
    switch action {
    case "claim": return .claim(task: id)
    case "open": return .open(task: id)
    case "release": return .release(task: id)
    case "escalate": return .escalate(task: id)
    case "assign": return .assign(task: id, to: try value("--to"))
    case "reassign": return .reassign(task: id, target: try value("--target"))
    case "complete":
      var data: [String: String] = [:]
      for pair in arguments.options["--data"] ?? [] {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
          throw UsageError("--data takes KEY=VALUE, not '\(pair.prefix(40))'")
        }
        data[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
      }
      return .complete(task: id, outcome: try value("--outcome"), data: data)
    case "set":
      if let text = arguments.value("--priority") {
        guard let priority = Priority(text) else {
          throw UsageError("invalid priority '\(text.prefix(20))'; give 0 to 100, low, medium, high or critical")
        }
        return .setPriority(task: id, priority: priority.value)
      }
      let duration = try CalendarRequest.duration(try value("--ola"))
      return .setOLA(task: id, days: duration.days, seconds: duration.seconds)
    default:
      throw UsageError("unknown task action '\(action)'; see 'dcmc task --help'")
    }
  }
}
