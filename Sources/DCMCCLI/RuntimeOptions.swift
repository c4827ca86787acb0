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

  func openStore() throws(CaseStoreError) -> CaseStore {
    var store: CaseStore
    do {
      store = try CaseStore.open(at: storePath, zone: TimeZoneDatabase.rules(named:))
    } catch {
      throw .store(error)
    }
    // The command has happened (its append returned); only a file derived from the history
    // is behind it. Said on standard error; the exit status stays that of the command.
    store.derivedFileFailed = { error in
      let warning = "dcmc: warning: done, but a derived file was not updated (readers rebuild it from the history)"
      Terminal(environment: [:]).err("\(warning): \(error)\n")
    }
    return store
  }

  /// Runs `body` on the store and turns its failures into the exit status: 1 for a
  /// refusal (nothing changed), 2 for the store's I/O.
  static func run(_ terminal: Terminal, _ body: () throws(CaseStoreError) -> String) -> Int32 {
    do throws(CaseStoreError) {
      let output = try body()
      terminal.out(output.isEmpty || output.hasSuffix("\n") ? output : output + "\n")
      return ExitCode.success
    } catch {
      terminal.err("dcmc: \(error)\n")
      switch error {
      case .refused, .notDeployed: return ExitCode.invalid
      case .store: return ExitCode.usage
      }
    }
  }
}
