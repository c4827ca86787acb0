import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCCompiler
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
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        let changed = try runtime.service.tick(by: options.user)
        return options.json
          ? RuntimeOutput.list(try changed.map { state throws(ServiceError) in try runtime.view(state).json })
          : "tick at \(options.now): \(changed.count) case\(changed.count == 1 ? "" : "s") changed"
      }
    case "outbox":
      switch arguments.positionals.first {
      case "list":
        return RuntimeOptions.run(terminal) { () throws(ServiceError) in
          let entries = try options.open().service.outbox()
          return options.json
            ? RuntimeOutput.list(entries.map(\.json))
            : entries.map { note in
              "\(note.id)  \(note.delivered ? "delivered" : "pending")  \(note.event)  \(note.channel) to \(note.to)  \(note.subject)"
            }.joined(separator: "\n")
        }
      case "ack":
        guard let id = arguments.positionals.dropFirst().first, id.contains("/") else {
          throw UsageError("'outbox ack' needs a notification id, like TEC-000042/n1")
        }
        return RuntimeOptions.run(terminal) { () throws(ServiceError) in
          try options.open().service.acknowledge(notification: id, by: options.user)
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
        return RuntimeOptions.run(terminal) { () throws(ServiceError) in
          let repository = try options.open().repository
          let (cases, repaired) = try ServiceError.wrapping { () throws(RepositoryError) in try repository.rebuild() }
          return "rebuilt the derived files of \(cases) cases: "
            + (repaired.isEmpty ? "nothing to repair" : "repaired " + repaired.joined(separator: ", "))
        }
      }
      guard arguments.positionals.first == "verify" else { throw UsageError("'store' needs an action: verify or rebuild") }
      var damaged = false
      let status = RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let repository = try options.open().repository
        let (cases, problems) = try ServiceError.wrapping { () throws(RepositoryError) in try repository.verify() }
        damaged = !problems.isEmpty
        if options.json {
          return RuntimeOutput.text(
            .object([
              ("cases", .number(String(cases))), ("ok", .bool(problems.isEmpty)),
              ("problems", .array(problems.map { .string($0) })),
            ]))
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
    return RuntimeOptions.run(terminal) { () throws(ServiceError) in
      // A bundle that cannot run here (an unknown time zone) is refused before a store is made.
      _ = try DefinitionsLoader.check(bundle, zone: TimeZoneDatabase.rules(named:))
      let repository: FileCaseRepository
      do throws(StoreError) {
        repository = try FileCaseRepository.openOrCreate(at: options.storePath)
      } catch {
        throw .repository(.unavailable(error))
      }
      let isNew = try Runtime(repository: repository, clock: FixedClock(options.now)).service.deploy(bundle, bytes: bytes)
      return "deployed \(BundleSummary(bundle).text) (\(bundle.hash))" + (isNew ? "" : ", already in the store")
    }
  }

  /// Pipes each pending notification to `command`; delivered only when it exits 0.
  static func deliver(via command: String, _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    var failed = 0
    let status = RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let delivery = try options.open().service.deliverOutbox(through: CommandGateway(command: command), by: options.user)
      for (id, reason) in delivery.failed {
        terminal.err("dcmc: notification \(id) stays pending: \(reason)\n")
      }
      failed = delivery.failed.count
      return delivery.delivered.map { "delivered \($0)" }.joined(separator: "\n")
    }
    return status == ExitCode.success && failed > 0 ? ExitCode.invalid : status
  }
}
