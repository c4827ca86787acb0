import DCMCJSON
import DCMCRuntime

/// The JSON Schemas (2020-12, as OpenAPI 3.1 reads them) of the API's bodies: the `--json`
/// objects of SPEC section 13.
enum APISchemas {
  static func reference(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

  static func array(of name: String) -> JSONValue {
    .object([("type", .string("array")), ("items", reference(name))])
  }

  static func object(_ properties: [(String, JSONValue)], required: [String], open: Bool = true) -> JSONValue {
    var members: [(String, JSONValue)] = [("type", .string("object")), ("properties", .object(properties))]
    if !required.isEmpty { members.append(("required", .array(required.map { .string($0) }))) }
    if !open { members.append(("additionalProperties", .bool(false))) }
    return .object(members)
  }

  static func type(_ names: String...) -> JSONValue {
    names.count == 1
      ? .object([("type", .string(names[0]))]) : .object([("type", .array(names.map { .string($0) }))])
  }

  /// A body member that names something by its id (`JSONBody.identifier`, the one rule).
  static let identifier = JSONValue.object([
    ("type", .string("string")), ("minLength", .number("1")),
    (
      "description",
      .string(
        "an id: at most 128 bytes of UTF-8, no '/', no control character, not '.' first (else 422 naming the "
          + "member); one that names nothing is 404")
    ),
  ])

  /// Form values: strings, numbers or booleans (typed by the case type's fields), or null.
  static let formValues = JSONValue.object([("type", .string("object")), ("additionalProperties", formValue)])

  /// One form value: a string, a number, a boolean or null.
  private static let formValue = type("string", "number", "boolean", "null")

  /// Form values that change a case (an update, a task's form data): `formValues`, null or
  /// `""` clearing a field (docs/runtime.md, "Clearing a value").
  static let changedFormValues = JSONValue.object([
    ("type", .string("object")), ("additionalProperties", formValue),
    (
      "description",
      .string(
        "null or \"\" is no value: it clears an optional field the case has; a required field so given "
          + "is 422 naming it, nothing changed")
    ),
  ])

  /// An instant: ISO 8601 in UTC (`2026-03-02T08:00:00Z`).
  static let time = JSONValue.object([("type", .string("string")), ("format", .string("date-time"))])

  /// One of `values`, or with `nullable` also `null`: a member whose set of values is closed.
  static func oneOf(_ values: [String], nullable: Bool = false) -> JSONValue {
    .object([("enum", .array(values.map { .string($0) } + (nullable ? [.null] : [])))])
  }

  /// An object's members written `name:T`, `T` one of `s` (string), `i` (integer), `b`
  /// (boolean), `t` (an instant), `o` (object); `?` after it: or `null`; `-` after that: the
  /// member may be absent. Every member without `-` is required.
  static func members(_ spec: String, _ more: [(String, JSONValue)] = []) -> JSONValue {
    var properties: [(String, JSONValue)] = []
    var required: [String] = []
    for item in spec.split(separator: " ") {
      let parts = item.split(separator: ":")
      let (name, code) = (String(parts[0]), parts[1])
      let base: JSONValue =
        switch code.first {
        case "i": type("integer")
        case "b": type("boolean")
        case "t": time
        case "o": type("object")
        default: type("string")
        }
      var schema = base
      if code.contains("?") {
        schema =
          code.first == "t"
          ? .object([("type", .array([.string("string"), .string("null")])), ("format", .string("date-time"))])
          : .object([("type", .array([base["type"] ?? .string("string"), .string("null")]))])
      }
      properties.append((name, schema))
      if !code.contains("-") { required.append(name) }
    }
    for (name, schema) in more {
      properties.append((name, schema))
      required.append(name)
    }
    return object(properties.sorted { $0.0 < $1.0 }, required: required.sorted())
  }

  /// A view's typed values: text, numbers, booleans or `null`, by name.
  static let values = JSONValue.object([
    ("type", .string("object")), ("additionalProperties", type("string", "number", "boolean", "null")),
  ])

  static func array(_ items: JSONValue) -> JSONValue { .object([("type", .string("array")), ("items", items)]) }

  /// The shared schemas, by name: `components.schemas` of `openapi.json`. Each is every member
  /// the view writes, all required unless the view leaves it out; they do not say
  /// `additionalProperties: false`, because a later version may add members (never rename or
  /// remove one) and a client must then keep working (docs/server.md, "The description").
  static let components: [(String, JSONValue)] = [
    (
      "Case",
      members(
        "bundle:s created_at:t customer:s? id:s priority:i resolution:s? sla_due:t? sla_paused:b sla_set:s? "
          + "stage:s? type:s",
        [
          ("attachments", array(members("name:s size:i stored:s"))),
          ("channel", oneOf(ContactChannel.allCases.map(\.rawValue), nullable: true)),
          ("fields", values),
          ("identification", oneOf(Identification.allCases.map(\.rawValue), nullable: true)),
          ("interactions", array(type("string"))),
          ("status", oneOf(CaseStatus.allCases.map(\.rawValue))), ("tasks", array(of: "Task")),
        ])
    ),
    (
      "Task",
      members(
        "assignee:s? case:s created_at:t id:s level:i name:s offer_expires:t? offered_to:s? ola_due:t? priority:i "
          + "scheduled_until:t? target:s task:s",
        [("status", oneOf(TaskStatus.allCases.map(\.rawValue)))])
    ),
    ("Event", Self.event),
    (
      "Deployment",
      members(
        "bundle:s compiler_version:s current:b deployed_at:t? deployed_by:s? number:i?",
        [("case_types", array(type("string"))), ("workgroups", array(type("string")))])
    ),
    (
      "Presence",
      members(
        "capacity:i? load:i ready_since:t? reason:s? since:t? until:t? user:s", [("state", presenceStates)])
    ),
    (
      "PresenceEvent",
      members(
        "at:t by:s? reason:s? request:s- request_digest:s- seq:i until:t? user:s",
        [("state", presenceStates), ("type", oneOf([PresenceEvent.type]))])
    ),
    (
      "Customer",
      members(
        "created_at:t email:s? id:s merged_into:s? name:s phone:s? updated_at:t", [("fields", values)])
    ),
    (
      "CustomerCase",
      members(
        "case_type:s expected_by:t? expected_by_text:s? id:s next_step:s? opened_at:t opened_text:s resolution:s? "
          + "status:s updated_at:t updated_text:s")
    ),
    (
      "CustomerExport",
      members(
        "exported_at:t exported_by:s",
        [
          (
            "cases",
            array(
              object(
                [("case", reference("Case")), ("customer_view", reference("CustomerCase")), ("history", array(of: "Event"))],
                required: ["case", "customer_view", "history"]))
          ),
          ("customer", reference("Customer")), ("history", array(of: "CustomerEvent")),
          (
            "merged",
            array(
              object(
                [("customer", reference("Customer")), ("history", array(of: "CustomerEvent"))],
                required: ["customer", "history"]))
          ),
          (
            "notifications",
            array(members(notification + " delivered_at:t? queued_at:t", [("status", notificationStatus)]))
          ),
        ])
    ),
    ("CustomerEvent", Self.customerEvent),
    ("Notification", members(notification, [("status", notificationStatus)])),
    (
      "Problem",
      object(
        [
          ("type", type("string")), ("status", type("integer")), ("title", type("string")),
          ("detail", type("string")), ("code", type("string")),
          (
            "errors",
            .object([
              ("type", .string("array")),
              ("items", members("detail:s field:s?")),
            ])
          ),
        ], required: ["type", "status", "title", "detail", "code"])
    ),
  ]

  static let presenceStates = oneOf(["logged_off", "ready", "not_ready", "wrap_up"])
  static let notificationStatus = oneOf(["pending", "delivered"])
  /// A notification's members (`NotificationView`) but its `status`.
  static let notification =
    "body:s case:s channel:s event:s failed_attempts:i id:s last_failure:s? subject:s template:s to:s"
}
