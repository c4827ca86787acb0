import DCMCBundle
import DCMCCalendar
import DCMCChecker
import DCMCCompiler
import DCMCJSON
import DCMCRuntime
import DCMCStore
import DCMCSyntax
import Foundation
import Testing
import _DCMCTestSupport

/// The engine on the compiled reference definitions, and a case driven through it command by
/// command, each command's events applied as the store will apply them.
struct EngineFixture {
  /// The sealed bundle of the reference definitions.
  static var compiled: (bundle: DefinitionBundle, bytes: [UInt8]) { ReferenceBundle.compiled }

  static let engine = Engine(
    definitions: try! RuntimeDefinitions(bundle: compiled.bundle, zone: TimeZoneDatabase.rules(named:)))

  /// The engine the case runs on: the reference definitions' unless a test gives another.
  var engine: Engine
  var state: CaseState?
  var now: Instant
  var history: [CaseEvent] = []

  init(at time: String, engine: Engine = Self.engine) {
    (now, self.engine) = (Timestamp(time)!.instant, engine)
  }

  /// Creates a case of `type` as `user`.
  mutating func create(_ type: String, _ fields: [String: String], as user: String = "alice", sequence: Int = 1)
    throws
  {
    try run(.create(type: type, fields: fields, sequence: sequence), as: user)
  }

  /// Runs a command that must succeed, and applies its events. The engine is given the
  /// pauses of the case's SLA clock from the history, as the application gives them.
  mutating func run(_ command: Command, as user: String) throws {
    let events = try engine.decide(command, on: state, by: user, at: now, pauses: pauses).get()
    for event in events {
      if state == nil { state = CaseState.replay([event]) } else { state!.evolve(event) }
      // Every event and state the engine makes reads back from its JSON.
      let caseID = state!.id
      #expect(try CaseEvent(json: JSONValue.parse(event.json(caseID: caseID).compact(), limits: .store), caseID: caseID) == event)
      #expect(try state.map { try CaseState(json: JSONValue.parse($0.json.compact(), limits: .store)) } == state)
    }
    history += events
  }

  /// The refusal of a command that must be refused; the case must be unchanged.
  func refusal(_ command: Command, as user: String) -> Refusal? {
    switch engine.decide(command, on: state, by: user, at: now, pauses: pauses) {
    case .success: nil
    case .failure(let refusal): refusal
    }
  }

  /// The pauses of the case's SLA clock that ended, as the application reads them.
  var pauses: [SLAPause] { SLAPause.ended(in: history) }

  mutating func advance(_ seconds: Int) { now = now.adding(seconds: seconds) }

  /// The latest task made from definition `id`.
  func task(_ id: String) throws -> TaskState {
    try #require(state?.tasks.last { $0.definition == id }, "no task '\(id)'")
  }

  var notifications: [DCMCRuntime.Notification] {
    history.compactMap { event in
      if case .notificationQueued(let notification) = event.change { notification } else { nil }
    }
  }

  func local(_ instant: Instant?) -> String? {
    instant.map { Timestamp($0, utcOffset: TimeZoneDatabase.rules(named: "Europe/Brussels")!.offset(at: $0)).description }
  }
}

let technicalForm = [
  "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
  "Problem_Description": "The modem drops every evening",
]
