import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What every runtime command shares: the store (`--store`, `$DCM_STORE`, `./dcm-store`),
/// the acting user (`--as`, `$DCM_USER`), the time (`--at`, else the clock, read here once)
/// and `--json`.
struct RuntimeOptions {
  static let valued: Set<String> = ["--store", "--as", "--at"]
  static let flags: Set<String> = ["--json", "--help", "-h"]

  var storePath: String
  var user: String?
  var now: Instant
  var json: Bool

  init(_ arguments: Arguments, environment: [String: String]) throws(UsageError) {
    storePath = arguments.value("--store") ?? environment["DCM_STORE"] ?? "dcm-store"
    user = arguments.value("--as") ?? environment["DCM_USER"]
    json = arguments.flags.contains("--json")
    if let text = arguments.value("--at") {
      now = try CalendarRequest.time(text).instant
    } else {
      now = Instant(secondsSinceEpoch: Int(time(nil)))
    }
  }

  /// The use cases on the file store at `storePath`, at this command's instant.
  func open() throws(ServiceError) -> Runtime {
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
    return Runtime(repository: repository, clock: FixedClock(now))
  }

  /// Runs `body` and turns its failures into the exit status: 1 for a refusal (nothing
  /// changed), 2 for the store's I/O.
  static func run(_ terminal: Terminal, _ body: () throws(ServiceError) -> String) -> Int32 {
    do throws(ServiceError) {
      let output = try body()
      terminal.out(output.isEmpty || output.hasSuffix("\n") ? output : output + "\n")
      return ExitCode.success
    } catch {
      terminal.err("dcmc: \(words(error))\n")
      switch error {
      case .refused: return ExitCode.invalid
      case .repository: return ExitCode.usage
      }
    }
  }

  /// A refusal in the CLI's words: the service's, with what to run or give where the CLI knows.
  static func words(_ error: ServiceError) -> String {
    switch error {
    case .refused(.notDeployed): "nothing is deployed; run 'dcmc deploy' first"
    case .refused(.noActingUser): "no acting user; give --as USER or set DCM_USER"
    default: "\(error)"
    }
  }
}

/// The use cases of one command, on the file store.
struct Runtime {
  let repository: FileCaseRepository
  let service: CaseService

  init(repository: FileCaseRepository, clock: any Clock) {
    self.repository = repository
    service = repository.service(zone: TimeZoneDatabase.rules(named:), clock: clock)
  }

  /// The JSON of SPEC section 13 for a case, typed by the bundle it runs on.
  func view(_ state: CaseState) throws(ServiceError) -> CaseView {
    CaseView(state, definitions: try service.definitions.definitions(state.bundle))
  }
}
