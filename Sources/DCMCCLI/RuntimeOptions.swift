import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCPostgres
import DCMCRuntime
import DCMCStore
internal import DCMCText

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What every runtime command shares: the store (`--store`, `$DCM_STORE`, `./dcm-store`),
/// the acting user (`--as`, `$DCM_USER`), the time (`--at`, else the clock, read here once)
/// and `--json`. The options are declared once, here, and included by the actions that
/// take them.
struct RuntimeOptions {
  static let storeOption = OptionSpec.value(
    "--store", "DIR", "the store: a directory or a postgresql:// URL (else $DCM_STORE, else ./dcm-store)")
  static let asOption = OptionSpec.value(
    "--as", "USER", "the acting user, recorded in the history (else $DCM_USER)")
  static let atOption = OptionSpec.value(
    "--at", "TIME", "the time of the command, ISO 8601 with an offset like 2026-03-02T09:00:00+01:00 (else now)")
  static let jsonOption = OptionSpec.flag("--json", "print JSON instead of text")
  /// What every runtime action takes (SPEC section 8).
  static let group = OptionGroup(name: "runtime options", options: [storeOption, asOption, atOption, jsonOption])

  var storePath: String
  var user: String?
  var now: Instant
  var json: Bool
  /// A PostgreSQL store's time-outs: `$DCM_COMMIT_TIMEOUT` seconds for a statement's answer (a
  /// commit waiting for a synchronous standby), else the statement time-out and 5 s.
  var postgres: PostgresSettings

  init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
    // An empty $DCM_STORE is none, as an empty $DCM_USER is no user.
    storePath =
      arguments.value(Self.storeOption) ?? environment["DCM_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "dcm-store"
    user = Self.user(arguments, environment: environment)
    json = arguments.has(Self.jsonOption)
    postgres = try Self.postgres(environment)
    if let text = arguments.value(Self.atOption) {
      now = try CalendarRequest.time(text, for: Self.atOption).instant
    } else {
      now = Instant(secondsSinceEpoch: Int(time(nil)))
    }
  }

  /// A PostgreSQL store's time-outs for every command, `store copy` too: `$DCM_COMMIT_TIMEOUT`
  /// seconds (1 to 3600) for a statement's answer, else the defaults.
  static func postgres(_ environment: [String: String]) throws(UsageError) -> PostgresSettings {
    var settings = PostgresSettings()
    if let text = environment["DCM_COMMIT_TIMEOUT"] {
      guard let seconds = Int(text), (1...3600).contains(seconds) else {
        throw UsageError("DCM_COMMIT_TIMEOUT takes seconds from 1 to 3600, not '\(text.prefix(20))'")
      }
      settings.answerTimeoutMilliseconds = seconds * 1000
    }
    return settings
  }

  /// The acting user: `--as`, else `$DCM_USER`; an empty name is no user.
  static func user(_ arguments: ParsedArguments, environment: [String: String]) -> String? {
    guard let user = arguments.value(asOption) ?? environment["DCM_USER"], !user.isEmpty else { return nil }
    return user
  }

  /// The use cases on the store `storePath` names (a PostgreSQL store for a
  /// `postgresql://` URL, else the store directory), at this command's instant.
  func open() throws(ServiceError) -> Runtime {
    if PostgresCaseRepository.isURL(storePath) {
      let repository = try ServiceError.wrap { () throws(RepositoryError) in
        try PostgresCaseRepository.open(url: storePath, settings: postgres)
      }
      return Runtime(repository: repository, clock: FixedClock(now))
    }
    return Runtime(repository: try openFiles(), clock: FixedClock(now))
  }

  /// The file store at `storePath`, as `open` opens it.
  func openFiles() throws(ServiceError) -> FileCaseRepository {
    var repository: FileCaseRepository
    do {
      repository = try FileCaseRepository.open(at: storePath)
    } catch {
      throw .repository(.unavailable(error))
    }
    // The command has happened (its append returned); only a file derived from the history
    // is behind it. Said on standard error; the exit status stays that of the command.
    repository.derivedFileFailed = { error in
      let warning = "dcmc: warning: done, but a derived file was not updated (readers rebuild it from the history)"
      Terminal(environment: [:]).err("\(warning): \(error)\n")
    }
    return repository
  }

  /// Runs `body` and turns its failures into the exit status: 1 for a refusal (nothing
  /// changed), 2 for the store's I/O.
  static func run(_ terminal: Terminal, _ body: () throws(ServiceError) -> String) -> Int32 {
    do throws(ServiceError) {
      return print(try body(), terminal)
    } catch {
      return failed(error, terminal)
    }
  }

  private static func print(_ output: String, _ terminal: Terminal) -> Int32 {
    terminal.out(output.isEmpty || output.hasSuffix("\n") ? output : output + "\n")
    return ExitCode.success
  }

  private static func failed(_ error: ServiceError, _ terminal: Terminal) -> Int32 {
    terminal.err("dcmc: \(words(error))\n")
    switch error {
    // A filter naming what does not exist is a usage error (SPEC section 8), and so are two
    // filters no case matches together, a presence state given with a --reason it does not
    // take or without the one it needs, and an --sla or --ola longer than any a supervisor may
    // set.
    case .refused(.unknownValue), .refused(.customerWithUnidentified), .refused(.presence(.reasonNotTaken)),
      .refused(.presence(.reasonMissing)), .refused(.deadlineTooLong):
      return ExitCode.usage
    case .refused: return ExitCode.invalid
    case .repository: return ExitCode.usage
    }
  }

  /// A refusal in the CLI's words: the service's, with what to run or give where the CLI knows.
  static func words(_ error: ServiceError) -> String {
    switch error {
    case .refused(.notDeployed): "nothing is deployed; run 'dcmc deploy' first"
    case .refused(.noActingUser): "no acting user; give --as USER or set DCM_USER"
    case .refused(.customerWithUnidentified): ServiceRefusal.customerWithUnidentifiedText("--customer", "--unidentified")
    // One line whatever the ids it quotes hold ("user 'X' is in no workgroup").
    default: "\(error)".escapingControls
    }
  }
}

/// Every port a store implements: what the commands run on, whichever the store.
typealias StoreAdapter = CaseRepository & CaseQueries & CustomerRepository & PresenceRepository & ReportFacts
  & TokenRepository & StatusLinkRepository

/// The use cases of one command, on the store `--store` names.
struct Runtime {
  let repository: any StoreAdapter
  let service: CaseService

  init(repository: any StoreAdapter, clock: any Clock) {
    self.repository = repository
    let definitions = DefinitionsLoader(repository: repository, zone: UsableBundle.zone)
    var service = CaseService(
      repository: repository, queries: repository, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: clock)
    service.customers = repository
    service.presence = repository
    // A damaged case left out of a list, `task next`, a tick or a delivery: one line each on
    // standard error; the command serves the other cases and its exit status is its own.
    service.damageFound = { damage in Terminal(environment: [:]).err("dcmc: warning: skipped damaged \(damage)\n") }
    // A case whose due timers cannot be decided: the tick fires the others' (same exit status).
    service.timersRefused = { id, refusal in
      Terminal(environment: [:]).err(
        "dcmc: warning: skipped case '\(UserID.printable(id))': its due timers cannot fire: \(refusal.message)\n")
    }
    // An offer standing to a user who left `ready` that the store would not withdraw: it
    // stands until its time-out; the other offers were withdrawn and offered on.
    service.offerNotWithdrawn = { offer in
      Terminal(environment: [:]).err("dcmc: warning: \("\(offer)".escapingControls); it stands until its time-out\n")
    }
    // The command was done; the offers it called for were not (the next change in those
    // workbins, a user becoming ready or a tick makes them).
    service.followUpFailed = { error in
      Terminal(environment: [:]).err(
        "dcmc: warning: done, but the offers it calls for were not made: \(RuntimeOptions.words(error))\n")
    }
    self.service = service
  }

  /// The customer use cases, on the same store and definitions, at the same instant.
  var customers: CustomerService {
    CustomerService(
      repository: repository, definitions: service.definitions, directory: service.directory, clock: service.clock)
  }

  /// The presence use cases, on the same store and definitions, at the same instant.
  /// A damaged presence history left out of `presence list`: one line on standard error, as
  /// for a damaged case; the exit status is the command's own.
  var presence: PresenceService {
    var presence = PresenceService(
      repository: repository, queries: repository, definitions: service.definitions, directory: service.directory,
      clock: service.clock)
    presence.damageFound = { damage in Terminal(environment: [:]).err("dcmc: warning: skipped damaged \(damage)\n") }
    return presence
  }

  /// The JSON of SPEC section 13 for a case.
  func view(_ state: CaseState) throws(ServiceError) -> CaseView { try service.view(state) }

  /// The readable text of a case (`RuntimeOutput.caseText`), on its bundle's calendars.
  func caseText(_ state: CaseState) -> String {
    RuntimeOutput.caseText(state, try? service.definitions.definitions(state.bundle), now: service.clock.now())
  }

  /// The readable line of a task of `state`.
  func taskText(_ task: TaskState, of state: CaseState) -> String {
    RuntimeOutput.taskText(task, of: state, try? service.definitions.definitions(state.bundle))
  }

  /// When a task of `state` is due by its OLA (`RuntimeOutput.olaDue`).
  func olaDue(_ task: TaskState, of state: CaseState) -> ZonedTime? {
    RuntimeOutput.olaDue(task, of: state, try? service.definitions.definitions(state.bundle))
  }

  /// The JSON of a list of cases.
  func list(_ states: [CaseState]) throws(ServiceError) -> String {
    RuntimeOutput.list(try states.map { state throws(ServiceError) in try view(state).json })
  }
}
