package import DCMCJSON
public import DCMCCalendar
import DCMCExpressions
public import DCMCRuntime

/// A case as scripts and front ends see it (SPEC section 13): its form values typed by the
/// case type's fields, its tasks.
public struct CaseView: Sendable, Equatable {
  public var id: String
  public var type: String
  public var status: CaseStatus
  public var resolution: String?
  public var priority: Int
  public var slaDue: Instant?
  /// Whether the SLA clock stands still (a pending case of a type that pauses it): `slaDue`
  /// is then where it stood, and moves later by the pause when the case resumes.
  public var slaPaused: Bool
  /// The SLA a supervisor set (`case set --sla`), as given, normalised (`2d 4h`); `nil`: the
  /// case type's.
  public var slaSet: String?
  public var stage: String?
  public var createdAt: Instant
  public var bundle: String
  /// Each field's value, typed by its definition (text for a field the bundle does not know).
  public var fields: [String: FieldValue]
  public var tasks: [TaskView]
  public var attachments: [Attachment]
  public var interactions: [String]
  /// The customer record the case is linked to, and how it was found (`nil` for a case
  /// created before dcmc identified customers); the channel it came in by.
  public var customer: String?
  public var identification: Identification?
  public var channel: ContactChannel?

  /// The view of `state`; `definitions` are those of the bundle the case runs on, needed only
  /// when a value could be read two ways (`needsDefinitions`).
  public init(_ state: CaseState, definitions: RuntimeDefinitions?) {
    id = state.id
    type = state.type
    status = state.status
    resolution = state.resolution
    priority = state.priority
    slaDue = state.slaDue
    slaPaused = state.slaStandsStill
    slaSet = state.sla?.text
    stage = state.stage
    createdAt = state.createdAt
    bundle = state.bundle
    fields = [:]
    for (field, text) in state.fields {
      fields[field] = FieldValue(text: text, type: definitions?.fieldType(field, ofCaseType: state.type))
    }
    tasks = state.tasks.map { TaskView($0, of: state) }
    attachments = state.attachments
    interactions = state.interactions
    customer = state.customer
    identification = state.identification
    channel = state.channel
  }

  /// Whether a form value of `state` reads as a number or a boolean, so its type decides what
  /// it is: text that is neither is text whatever its field (loading a bundle to find out
  /// doubled the time of `case show --json`).
  public static func needsDefinitions(_ state: CaseState) -> Bool {
    state.fields.values.contains { text in
      text == "true" || text == "false" || JSONValue.canonicalNumber(text) != nil
    }
  }

  package var json: JSONValue {
    .object([
      (
        "attachments",
        .array(
          attachments.map {
            .object([("name", .string($0.name)), ("size", $0.size.json), ("stored", .string($0.stored))])
          })
      ),
      ("bundle", .string(bundle)), ("channel", .string(channel?.rawValue)), ("created_at", .time(createdAt)),
      ("customer", .string(customer)),
      ("fields", .object(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) })), ("id", .string(id)),
      ("identification", .string(identification?.rawValue)),
      ("interactions", .array(interactions.map { .string($0) })), ("priority", priority.json),
      ("resolution", .string(resolution)), ("sla_due", .time(slaDue)), ("sla_paused", .bool(slaPaused)),
      ("sla_set", .string(slaSet)), ("stage", .string(stage)),
      ("status", .string(status.rawValue)), ("tasks", .array(tasks.map(\.json))), ("type", .string(type)),
    ])
  }
}
