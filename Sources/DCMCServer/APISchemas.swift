import DCMCJSON

/// The JSON Schemas (2020-12, as OpenAPI 3.1 reads them) of the API's bodies: the `--json`
/// objects of SPEC section 13. Each lists the keys SPEC 13 promises as required; more may be
/// present (new keys may be added, none renamed).
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
  static let formValues = JSONValue.object([
    ("type", .string("object")), ("additionalProperties", type("string", "number", "boolean", "null")),
  ])

  /// The shared schemas, by name: `components.schemas` of `openapi.json`.
  static let components: [(String, JSONValue)] = [
    (
      "Case",
      object(
        [
          ("id", type("string")), ("type", type("string")), ("status", type("string")),
          ("resolution", type("string", "null")), ("priority", type("integer")),
          ("sla_due", type("string", "null")), ("sla_paused", type("boolean")), ("sla_set", type("string", "null")),
          ("fields", type("object")), ("tasks", array(of: "Task")),
        ],
        required: ["id", "type", "status", "resolution", "priority", "sla_due", "sla_paused", "sla_set", "fields", "tasks"])
    ),
    (
      "Task",
      object(
        [
          ("id", type("string")), ("case", type("string")), ("task", type("string")), ("status", type("string")),
          ("target", type("string")), ("assignee", type("string", "null")), ("priority", type("integer")),
          ("ola_due", type("string", "null")),
        ], required: ["id", "case", "task", "status", "target", "assignee", "priority", "ola_due"])
    ),
    (
      "Event",
      object(
        [("seq", type("integer")), ("at", type("string")), ("type", type("string")), ("by", type("string", "null"))],
        required: ["seq", "at", "type", "by"])
    ),
    (
      "Deployment",
      object(
        [
          ("bundle", type("string")), ("current", type("boolean")), ("compiler_version", type("string")),
          ("case_types", .object([("type", .string("array")), ("items", type("string"))])),
          ("workgroups", .object([("type", .string("array")), ("items", type("string"))])),
          ("number", type("integer", "null")), ("deployed_by", type("string", "null")),
          ("deployed_at", type("string", "null")),
        ], required: ["bundle", "current", "case_types", "workgroups", "number", "deployed_by", "deployed_at"])
    ),
    (
      "Presence",
      object(
        [
          ("user", type("string")), ("state", type("string")), ("reason", type("string", "null")),
          ("since", type("string", "null")), ("until", type("string", "null")),
          ("ready_since", type("string", "null")), ("load", type("integer")), ("capacity", type("integer", "null")),
        ], required: ["user", "state", "reason", "since", "load", "capacity"])
    ),
    (
      "PresenceEvent",
      object(
        [
          ("seq", type("integer")), ("at", type("string")), ("type", type("string")), ("by", type("string", "null")),
          ("state", type("string")), ("reason", type("string", "null")),
        ], required: ["seq", "at", "by", "state"])
    ),
    (
      "Customer",
      object(
        [
          ("id", type("string")), ("name", type("string")), ("email", type("string", "null")),
          ("phone", type("string", "null")), ("fields", type("object")), ("created_at", type("string")),
          ("updated_at", type("string")), ("merged_into", type("string", "null")),
        ], required: ["id", "name", "email", "phone", "fields", "created_at", "updated_at"])
    ),
    (
      "CustomerCase",
      object(
        [
          ("id", type("string")), ("case_type", type("string")), ("status", type("string")),
          ("opened_at", type("string")), ("opened_text", type("string")), ("updated_at", type("string")),
          ("updated_text", type("string")), ("expected_by", type("string", "null")),
          ("expected_by_text", type("string", "null")), ("resolution", type("string", "null")),
          ("next_step", type("string", "null")),
        ],
        required: [
          "id", "case_type", "status", "opened_at", "opened_text", "updated_at", "updated_text", "resolution",
          "next_step",
        ])
    ),
    (
      "CustomerExport",
      object(
        [
          ("customer", reference("Customer")), ("history", type("array")), ("merged", type("array")),
          ("cases", type("array")), ("notifications", array(of: "Notification")), ("exported_at", type("string")),
          ("exported_by", type("string")),
        ], required: ["customer", "history", "merged", "cases", "notifications", "exported_at", "exported_by"])
    ),
    (
      "Notification",
      object(
        [
          ("id", type("string")), ("event", type("string")), ("channel", type("string")), ("to", type("string")),
          ("template", type("string")), ("subject", type("string")), ("body", type("string")),
          ("status", .object([("enum", .array([.string("pending"), .string("delivered")]))])),
        ], required: ["id", "event", "channel", "to", "template", "subject", "body", "status"])
    ),
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
              (
                "items",
                object(
                  [("field", type("string", "null")), ("detail", type("string"))], required: ["field", "detail"])
              ),
            ])
          ),
        ], required: ["status", "title", "detail", "code"])
    ),
  ]
}
