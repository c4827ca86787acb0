import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCChecker
import DCMCCompiler
import DCMCFiles
import DCMCJSON
import DCMCRuntime
import DCMCStore
import DCMCSyntax
import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A runtime store in a fresh temporary directory with the reference definitions deployed.
struct CaseStoreFixture {
  /// The reference definitions, compiled once.
  static var compiled: (bundle: DefinitionBundle, bytes: [UInt8]) { ReferenceBundle.compiled }

  let directory: TemporaryDirectory
  let root: String

  init() throws {
    directory = try TemporaryDirectory()
    root = directory.url.path + "/store"
    let store = try FileRuntime.openOrCreate(at: root)
    _ = try store.deploy(Self.compiled.bundle, bytes: Self.compiled.bytes)
    // A child killed while the test writes its script must not take the test with it.
    signal(SIGPIPE, SIG_IGN)
  }

  func store(_ fileSystem: any FileSystem = PosixFileSystem()) throws -> FileRuntime {
    try FileRuntime.open(at: root, fileSystem: fileSystem)
  }

  func tree() throws -> MemoryFileSystem.Tree { try StoreFixture.tree(at: root) }

  func remove() { directory.remove() }
}

/// A form the engine accepts, marked with the request that creates the case (as
/// `CaseStoreTortureHelper` marks its cases).
func technicalForm(_ request: String) -> [String: String] {
  [
    "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
    "Problem_Description": "request \(request)",
  ]
}

/// What the helpers were asked to do and what they acknowledged, by the instant of each
/// command (every command of a test has an instant of its own), and the checks of Jepsen's
/// set rule against a store: every acknowledged command is there, nothing appears that was
/// never attempted, every command is whole, a request makes at most one case.
struct Ledger {
  enum Verb: String { case create, claim, complete, tick }

  struct Attempt {
    var verb: Verb
    var user: String?
    var request: String?
    var line: String { "\(verb) \([request, user].compactMap { $0 }.joined(separator: " "))" }
  }

  struct Ack {
    var verb: Verb
    /// The cases the command changed, with their versions after it.
    var changed: [(id: String, version: Int)]
    /// The request (create) or the task (claim, complete).
    var subject: String?
  }

  var attempted: [Int: Attempt] = [:]
  var acked: [Int: Ack] = [:]
  var refused: Set<Int> = []

  /// The script for a helper (one line a command), recording each command as attempted.
  mutating func script(_ commands: [(Int, Attempt)]) -> String {
    commands.map { seconds, attempt in
      attempted[seconds] = attempt
      return "\(seconds) \(attempt.line)\n"
    }.joined()
  }

  /// Records a helper's output for the script of `commands`; returns the number of results.
  @discardableResult
  mutating func record(_ lines: [String], of commands: [(Int, Attempt)]) throws -> Int {
    var results = 0
    for line in lines {
      let words = line.split(separator: " ").map(String.init)
      guard words.count >= 2, let number = Int(words[1]), commands.indices.contains(number - 1) else {
        Issue.record("a helper wrote '\(line)'")
        continue
      }
      let seconds = commands[number - 1].0
      switch words[0] {
      case "try": continue
      case "refused": refused.insert(seconds)
      case "ack":
        let verb = try #require(Verb(rawValue: words[2]))
        let changed = words.dropFirst(3).filter { $0.contains(":") }.map { word in
          let parts = word.split(separator: ":")
          return (String(parts[0]), Int(parts[1]) ?? 0)
        }
        acked[seconds] = Ack(verb: verb, changed: changed, subject: verb == .tick ? nil : words.last)
      default: Issue.record("a helper wrote '\(line)'")
      }
      results += 1
    }
    return results
  }

  /// Checks the store against the ledger; returns the number of cases whose derived state is
  /// behind its history (with the numbering file, the only damage a crash may leave).
  @discardableResult
  func audit(_ store: FileRuntime, _ context: String) throws -> Int {
    var requests: [String: [String]] = [:]
    var byCase: [String: [CaseEvent]] = [:]
    var behind = 0
    let streams = try store.store.streams()
    for stream in streams {
      let history = try #require(try store.store.history(of: stream), "\(context): \(stream) has no history")
      var events: [CaseEvent] = []
      var command: [CaseEvent] = []
      var instants: Set<Int> = []
      for record in history.records {
        command.append(try CaseEvent(json: JSONValue.parse(record.payload, limits: .store), caseID: stream.rawValue))
        guard record.endsCommand else { continue }
        try checkCommand(command, first: events.isEmpty, instants: &instants, "\(context): \(stream)")
        events += command
        command = []
      }
      #expect(events.map(\.seq) == Array(stride(from: 1, through: events.count, by: 1)), "\(context): \(stream)")
      byCase[stream.rawValue] = events
      if case .created(let created) = events.first?.change, let request = marker(of: created) {
        requests[request, default: []].append(stream.rawValue)
      }
      // The derived state: missing, torn (it is rewritten in place, so a kill can cut it), or
      // the state after some prefix of the history.
      let full = try #require(CaseState.replay(events))
      let path = store.store.root + "/states/\(stream).json"
      if let data = FileManager.default.contents(atPath: path), let stored = StateCache.decode(Array(data)) {
        if stored != full {
          behind += 1
          #expect(
            stored.version < full.version && CaseState.replay(Array(events.prefix(stored.version))) == stored,
            "\(context): states/\(stream).json is not the state after a prefix of its history")
        }
      } else {
        behind += 1
      }
    }
    // Every case is listed (task list, task next and tick start from the list), even one
    // whose state file a crash kept from being written.
    #expect(try store.cases().map(\.id).sorted() == streams.map(\.rawValue), "\(context): a case is not listed")
    let verified = try store.verify()
    #expect(verified.cases == streams.count)
    // The numbering files are written after the append that takes a number (cases and the
    // customers their creation adds are numbered 1 to n): a kill between the two leaves one
    // behind too.
    let numbering =
      (try store.repository.lastSequence(of: "technical") < streams.count ? 1 : 0)
      + (try store.repository.lastCustomerSequence() < verified.customers ? 1 : 0)
    // What a crash leaves behind is no damage.
    #expect(verified.problems == [], "\(context)")
    #expect(verified.behind.count == behind + numbering, "\(context): \(verified.behind)")
    // A request makes at most one case; cases are numbered 1, 2, … without a gap.
    for (request, cases) in requests {
      #expect(cases.count == 1, "\(context): request \(request) made \(cases)")
    }
    #expect(
      streams.map(\.rawValue) == (0..<streams.count).map { "TEC-" + String(format: "%06d", $0 + 1) },
      "\(context): case numbers have a gap")
    // Every acknowledged command is there.
    for (seconds, ack) in acked {
      for (id, version) in ack.changed {
        let events = byCase[id] ?? []
        try #require(
          events.count >= version, "\(context): \(ack.verb) at \(seconds) on \(id) was acknowledged and lost")
        if ack.verb == .claim || ack.verb == .complete {
          #expect(events[version - 1].at.secondsSinceEpoch == seconds, "\(context): \(ack.verb) at \(seconds) on \(id)")
          let number = Int(ack.subject?.split(separator: ".").last ?? "") ?? 0
          let found = events.contains { event in
            guard event.at.secondsSinceEpoch == seconds else { return false }
            switch event.change {
            case .taskAssigned(let task, let user): return ack.verb == .claim && task == number && user == event.by
            case .taskCompleted(let task, _): return ack.verb == .complete && task == number
            default: return false
            }
          }
          #expect(found, "\(context): \(ack.verb) of \(ack.subject ?? "") at \(seconds) is not in \(id)'s history")
        }
      }
      if ack.verb == .create, let request = ack.subject {
        #expect(
          requests[request] == ack.changed.map(\.id),
          "\(context): request \(request) was acknowledged as \(ack.changed)")
      }
    }
    return behind
  }

  private func marker(of created: CaseCreated) -> String? {
    guard let text = created.fields["Problem_Description"], text.hasPrefix("request ") else { return nil }
    return String(text.dropFirst(8))
  }

  /// One command's events: a creation first and only first; all at the instant of one
  /// attempted command by its user, no instant twice (a tick's events carry each timer's
  /// due time and no user, and need some tick attempted at or after them).
  private func checkCommand(_ events: [CaseEvent], first: Bool, instants: inout Set<Int>, _ context: String) throws {
    let head = try #require(events.first)
    var isCreation = false
    if case .created(let created) = head.change {
      isCreation = true
      let request = try #require(marker(of: created), "\(context): a case no request made")
      #expect(
        attempted[head.at.secondsSinceEpoch].map { $0.verb == .create && $0.request == request } == true,
        "\(context): a creation never attempted")
    }
    #expect(isCreation == first, "\(context): the creation is not the first command")
    if head.by == nil {
      #expect(events.allSatisfy { $0.by == nil }, "\(context): a command of the system and a user")
      let latest = events.map(\.at.secondsSinceEpoch).max() ?? 0
      #expect(
        attempted.contains { $0.key >= latest && $0.value.verb == .tick }, "\(context): timers fired with no tick")
      return
    }
    let seconds = head.at.secondsSinceEpoch
    #expect(events.allSatisfy { $0.at == head.at && $0.by == head.by }, "\(context): a command of several instants")
    #expect(attempted[seconds]?.user == head.by, "\(context): a command at \(seconds) never attempted")
    #expect(instants.insert(seconds).inserted, "\(context): the command at \(seconds) applied twice")
  }
}
