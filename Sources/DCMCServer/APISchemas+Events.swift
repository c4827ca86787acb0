import DCMCJSON
import DCMCRuntime

/// The schemas of history records (`docs/store.md`, "Events" and "Customer events"): one
/// object per event type, told apart by `type`, each with the envelope `at`, `by`, `seq`.
extension APISchemas {
  /// The members of each type of case event besides the envelope (`CaseChange.writeMembers`).
  static let eventMembers: [(CaseChange.Kind, String, [(String, JSONValue)])] = [
    (
      .caseCreated,
      "bundle:s case:s case_type:s customer:s? identification:s? priority:i request:s? request_digest:s? skill:s- "
        + "sla_due:t? sla_warn_at:t?",
      [
        ("channel", oneOf(ContactChannel.allCases.map(\.rawValue), nullable: true)),
        ("fields", .object([("type", .string("object")), ("additionalProperties", type("string"))])),
      ]
    ),
    (.stageEntered, "stage:s", []),
    (.priorityChanged, "priority:i", []),
    (.fieldsSet, "", [("fields", .object([("type", .string("object")), ("additionalProperties", type("string"))]))]),
    (.statusChanged, "", [("status", oneOf(CaseStatus.allCases.map(\.rawValue)))]),
    (.pended, "pauses_sla:b", []),
    (.resumed, "sla_due:t? sla_warn_at:t?", []),
    (.slaSet, "sla:s sla_due:t? sla_seconds:i sla_warn_at:t?", []),
    (.closed, "resolution:s", []),
    (.cancelled, "", []),
    (.attachmentAdded, "name:s size:i stored:s", []),
    (.interactionLinked, "interaction:s", []),
    (.customerLinked, "customer:s", []),
    (.customerMoved, "from:s to:s", []),
    (
      .updated, "",
      [
        (
          "fields",
          .object([("type", .string("object")), ("additionalProperties", change(type("string", "null")))])
        ),
        ("priority", nullable(change(type("integer")))), ("skill", nullable(change(type("string", "null")))),
        (
          "tasks",
          array(
            members(
              "task:s",
              [
                ("priority", nullable(change(type("integer")))), ("skill", nullable(change(type("string", "null")))),
                ("target", nullable(change(type("string")))),
              ]))
        ),
      ]
    ),
    (
      .taskCreated,
      "definition:s escalated_from:s? level:i name:s next_tier_at:t? ola_due:t? ola_warn_at:t? priority:i stage:s "
        + "target:s task:s",
      []
    ),
    (.taskAssigned, "task:s to:s", []),
    (.taskOpened, "task:s", []),
    (.taskReleased, "task:s", []),
    (.taskCompleted, "outcome:s task:s", []),
    (.taskEscalated, "by_timer:b- outcome:s? task:s", []),
    (.taskCancelled, "task:s", []),
    (.taskReassigned, "target:s task:s", []),
    (.taskPriorityChanged, "priority:i task:s", []),
    (.taskOLAChanged, "ola_due:t? ola_warn_at:t? task:s", []),
    (.taskRescheduled, "task:s until:t", []),
    (.taskReturned, "next_tier_at:t? ola_due:t? ola_warn_at:t? task:s", []),
    (.taskOffered, "expires:t task:s to:s", []),
    (.offerAccepted, "task:s", []),
    (.offerDeclined, "reason:s task:s until:t", []),
    (.offerExpired, "task:s user:s", []),
    (.offerWithdrawn, "reason:s task:s user:s", []),
    (.escalationDeferred, "task:s", []),
    (.tierExpanded, "next_tier_at:t? task:s tier:i", []),
    (.timerFired, "due:t task:s?", [("timer", oneOf(Timer.Kind.allCases.map(\.rawValue)))]),
    (
      .notificationQueued, "body:s channel:s event:s notification:s subject:s task:s? template:s to:s", []
    ),
    (.notificationDelivered, "notification:s", []),
  ]

  /// `Event`: a case's history record, one schema per type. Any event but the creation (whose
  /// own members they are) may carry the request id and digest a command was given
  /// (`--request-id`, an `Idempotency-Key`), written only when given.
  static let event = JSONValue.object([
    (
      "oneOf",
      .array(
        eventMembers.map { kind, spec, more in
          let envelope = "at:t by:s? seq:i" + (kind == .caseCreated ? "" : " request:s- request_digest:s-")
          return members(spec + (spec.isEmpty ? "" : " ") + envelope, more + [("type", oneOf([kind.rawValue]))])
        })
    )
  ])

  /// `CustomerEvent`: a customer record's history record (`CustomerEvent+JSON.swift`).
  static let customerEvent: JSONValue = {
    let details = "email:s? name:s phone:s?"
    let fields: [(String, JSONValue)] = [("fields", values)]
    let envelope = " at:t by:s? seq:i"
    return .object([
      (
        "oneOf",
        .array([
          members(
            details + " customer:s request:s? request_digest:s?" + envelope,
            fields + [("type", oneOf([CustomerChange.Kind.added.rawValue]))]),
          members(details + envelope, fields + [("type", oneOf([CustomerChange.Kind.updated.rawValue]))]),
          members("into:s" + envelope, [("type", oneOf([CustomerChange.Kind.merged.rawValue]))]),
        ])
      )
    ])
  }()

  /// `{ "after", "before" }` of `case.updated`, each value of `value`.
  static func change(_ value: JSONValue) -> JSONValue {
    object([("after", value), ("before", value)], required: ["after", "before"])
  }

  /// `schema` or `null`.
  static func nullable(_ schema: JSONValue) -> JSONValue {
    .object([("oneOf", .array([schema, type("null")]))])
  }
}
