import DCMCBundle
import DCMCCalendar
import DCMCCompiler
import DCMCJSON
import DCMCRuntime
import DCMCStore

/// `dcmc deploy`, `dcmc tick`, `dcmc outbox list|ack` and `dcmc store verify`: the runtime
/// commands that act for nobody in particular (`--as` is recorded when given).
enum StoreCommands {
  static let help = """
    Usage: dcmc deploy [PATH...|BUNDLE.json]
           dcmc tick
           dcmc outbox list | outbox ack ID | outbox deliver --via 'CMD'
           dcmc store verify | store rebuild

    deploy compiles the definitions under PATH (default definitions/), or loads a compiled
    bundle, and makes it the bundle new cases start on; running cases keep theirs. It
    creates the store when it does not exist. tick fires every timer due at --at (else now),
    in due order, each once. outbox deliver runs CMD with 'sh -c' once per pending
    notification, the notification as one JSON document on its standard input, and marks it
    delivered only when CMD exits 0. store verify replays every case's history and compares it with
    the stored state and the timer and workbin indexes; store rebuild rewrites those derived
    files from the histories.

    Runtime options: --store DIR (else $DCM_STORE, else ./dcm-store), --as USER, --at TIME,
    --json.

    Exit status: 0 done (verify: no damage), 1 refused or damage found, 2 usage or I/O error.

    """

  static func run(_ command: String, _ argv: [String], terminal: Terminal, environment: [String: String])
    throws(UsageError) -> Int32
  {
    let arguments = try Arguments(argv, valued: RuntimeOptions.valued.union(["--via"]), flags: RuntimeOptions.flags)
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    let options = try RuntimeOptions(arguments, environment: environment)
    switch command {
    case "deploy": return deploy(arguments.positionals, options, terminal)
    case "tick":
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let changed = try options.openStore().tick(by: options.user, at: options.now)
        return options.json
          ? JSONValue.array(changed.map(RuntimeOutput.caseObject)).prettyText()
          : "tick at \(options.now): \(changed.count) case\(changed.count == 1 ? "" : "s") changed"
      }
    case "outbox":
      switch arguments.positionals.first {
      case "list":
        return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
          let entries = try options.openStore().cases().flatMap(\.outbox)
          return options.json
            ? JSONValue.array(entries.map(RuntimeOutput.notification)).prettyText()
            : entries.map { entry in
              let note = entry.notification
              return "\(note.id)  \(entry.delivered ? "delivered" : "pending")  \(note.event)  \(note.channel) to \(note.to)  \(note.subject)"
            }.joined(separator: "\n")
        }
      case "ack":
        guard let id = arguments.positionals.dropFirst().first, let slash = id.lastIndex(of: "/") else {
          throw UsageError("'outbox ack' needs a notification id, like TEC-000042/n1")
        }
        return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
          _ = try options.openStore().execute(
            .markDelivered(notification: id), onCase: String(id[..<slash]), by: options.user, at: options.now)
          return "delivered \(id)"
        }
      case "deliver":
        guard let command = arguments.value("--via") else { throw UsageError("'outbox deliver' needs --via 'CMD'") }
        return deliver(via: command, options, terminal)
      default:
        throw UsageError("'outbox' needs an action: list, deliver or ack")
      }
    default:
      if arguments.positionals.first == "rebuild" {
        return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
          let (cases, repaired) = try options.openStore().rebuild()
          return "rebuilt the derived files of \(cases) cases: "
            + (repaired.isEmpty ? "nothing to repair" : "repaired " + repaired.joined(separator: ", "))
        }
      }
      guard arguments.positionals.first == "verify" else { throw UsageError("'store' needs an action: verify or rebuild") }
      var damaged = false
      let status = RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let (cases, problems) = try options.openStore().verify()
        damaged = !problems.isEmpty
        if options.json {
          return JSONValue.object([
            ("ok", .bool(problems.isEmpty)), ("cases", .int(cases)), ("problems", .array(problems.map { .string($0) })),
          ]).prettyText()
        }
        return problems.isEmpty ? "verified \(cases) cases: no damage" : problems.joined(separator: "\n")
      }
      return status == ExitCode.success && damaged ? ExitCode.invalid : status
    }
  }

  static func deploy(_ paths: [String], _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    let bundle: DefinitionBundle
    let bytes: [UInt8]
    if paths.count == 1, paths[0].hasSuffix(".json") {
      do {
        bytes = try FileIO.read(paths[0])
      } catch {
        terminal.err("dcmc: \(error.message)\n")
        return ExitCode.usage
      }
      do {
        bundle = try BundleFile.load(bytes)
      } catch {
        terminal.err("dcmc: '\(paths[0])': \(error)\n")
        return ExitCode.invalid
      }
    } else {
      let input: CheckedDefinitions
      do {
        input = try CheckedDefinitions.load(paths)
      } catch {
        terminal.err("dcmc: \(error.message)\n")
        return ExitCode.usage
      }
      guard input.result.errorCount == 0 else {
        terminal.err(input.report.render(.human, toolVersion: DCMC.version))
        terminal.err("dcmc: nothing deployed: the definitions have errors\n")
        return ExitCode.invalid
      }
      (bundle, bytes) = Compiler.compile(input.result.definitions, compilerVersion: DCMC.version)
    }
    // A bundle whose calendars cannot be used here (an unknown zone) is refused before it is kept.
    do {
      _ = try RuntimeDefinitions(bundle: bundle, zone: TimeZoneDatabase.rules(named:))
    } catch {
      terminal.err("dcmc: nothing deployed: \(error)\n")
      return ExitCode.invalid
    }
    return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
      do throws(StoreError) {
        let store = try CaseStore.openOrCreate(at: options.storePath, zone: TimeZoneDatabase.rules(named:))
        let isNew = try store.deploy(bundle, bytes: bytes)
        return "deployed \(BundleSummary(bundle).text) (\(bundle.hash))" + (isNew ? "" : ", already in the store")
      } catch {
        throw .store(error)
      }
    }
  }

  /// Pipes each pending notification to `command`; delivered only when it exits 0.
  static func deliver(via command: String, _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    var failed = 0
    let status = RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
      let store = try options.openStore()
      var lines: [String] = []
      for state in try store.cases() {
        for entry in state.outbox where !entry.delivered {
          let id = entry.notification.id
          let exit = Gateway.run(command, input: RuntimeOutput.notification(entry).pretty())
          guard exit == 0 else {
            failed += 1
            terminal.err("dcmc: notification \(id) stays pending: '\(command)' \(exit.map { "exited with status \($0)" } ?? "could not be started")\n")
            continue
          }
          _ = try store.execute(.markDelivered(notification: id), onCase: state.id, by: options.user, at: options.now)
          lines.append("delivered \(id)")
        }
      }
      return lines.joined(separator: "\n")
    }
    return status == ExitCode.success && failed > 0 ? ExitCode.invalid : status
  }
}
