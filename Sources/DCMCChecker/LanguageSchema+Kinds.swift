import DCMCExpressions
import DCMCJSON
import DCMCModel

extension LanguageSchema {
  static var calendar: JSONValue {
    let windows = reference(
      "windows",
      "The open windows of these days, like \"09:00-17:00\" or \"08:00-12:00, 13:00-17:00\".")
    let dayKeys = ShapeReader.dayKeyCandidates
    return document(
      .calendar, "A business calendar: time zone, weekly opening hours, holidays and overrides.",
      keys: ShapeReader.calendarKeys, required: ["timezone", "hours"],
      [
        "timezone": .object([
          (
            "description",
            .string(
              "The IANA time zone of the hours, holidays and overrides, like Europe/Brussels.")
          ),
          ("type", .string("string")),
          ("examples", .array([.string("Europe/Brussels"), .string("America/New_York")])),
        ]),
        "hours": .object([
          (
            "description",
            .string(
              "Weekly open hours in local wall-clock time, by day key: mon .. sun, a range like mon-fri or a list "
                + "like mon,wed. Days that appear nowhere are closed.")
          ),
          ("type", .string("object")), ("minProperties", .int(1)),
          ("propertyNames", .object([("pattern", .string(dayKeyPattern))])),
          ("properties", .object(dayKeys.map { ($0, windows) })),
          ("additionalProperties", windows),
        ]),
        "holidays": list(ref("date"), "Local dates closed all day, like 2026-12-25."),
        "overrides": .object([
          (
            "description",
            .string("Dates with their own hours, or closed: '2026-12-24: \"09:00-12:00\"'.")
          ),
          ("type", .string("object")),
          ("propertyNames", .object([("pattern", .string(datePattern))])),
          (
            "additionalProperties",
            .object([
              ("anyOf", .array([ref("windows"), .object([("const", .string("closed"))])]))
            ])
          ),
        ]),
        "day": reference(
          "duration",
          "The length of '1d' on this calendar, in h and m; default: its most common working day."),
      ])
  }

  static var workgroup: JSONValue {
    let member = mapping(
      "A member with skills and capacity.", keys: DefinitionKeys.member, required: ["user"],
      [
        "user": reference("id", "The user id."),
        "capacity": count(
          "How much work the member may hold at once, offers included, each task counting its weight.",
          in: Workgroup.Member.capacities, default: Workgroup.Member.defaultCapacity),
        "skills": .object([
          (
            "description",
            .string("Proficiency per skill, 0..100, used by skills-based distribution.")
          ),
          ("type", .string("object")),
          ("propertyNames", .object([("$ref", .string("#/$defs/id"))])),
          (
            "additionalProperties",
            .object([("type", .string("integer")), ("minimum", .int(0)), ("maximum", .int(100))])
          ),
        ]),
      ])
    return document(
      .workgroup, "A routing target and its workbin: members (who work the tasks) and supervisors.",
      keys: DefinitionKeys.workgroup, required: ["members"],
      [
        "members": list(
          .object([("anyOf", .array([ref("id"), member]))]),
          "Who works in the workbin: user ids or { user, skills, capacity }."),
        "supervisors": list(
          ref("id"), "Users who may also assign and move tasks and change OLAs and priorities."),
        "distribution": mapping(
          "The default distribution of the tasks routed here; a task's own keys win, key by key.",
          keys: DefinitionKeys.workgroupDistribution, dispatchKeys),
        "service_level": mapping(
          "The share of the workbin's tasks that should be taken within a clock time of being queued.",
          keys: DefinitionKeys.workgroupServiceLevel, required: DefinitionKeys.workgroupServiceLevel,
          [
            "answer_within": reference(
              "clockDuration", "Wall-clock time from a task's queuing to its first take, 1s to 24h."),
            "target": reference("percent", "The share of tasks that should be taken in time."),
          ]),
      ])
  }

  /// `mode` and `offer_timeout`, of a task's or a workgroup's `distribution`.
  static var dispatchKeys: [String: JSONValue] {
    [
      "mode": choice(
        DistributionMode.allCases.map(\.rawValue), "pull: advisors ask for the next task; push: it is offered to them.",
        default: DistributionMode.pull.rawValue),
      "offer_timeout": reference(
        "clockDuration",
        "How long a pushed offer stands, 5s to 1h (push only); default \(Dispatch.defaultOfferTimeoutSeconds)s."),
    ]
  }

  static var presence: JSONValue {
    document(
      .presence, "The presence rules of all advisors (id presence, at most one): not-ready reasons and wrap-up.",
      keys: DefinitionKeys.presence, required: [],
      [
        "not_ready": list(
          ref("id"), "The reasons an advisor may give for being not ready; RONA is built in and not listed."),
        "wrap_up": reference(
          "clockDuration",
          "How long an advisor stays in wrap-up after a pushed task, 1s to 1h; default \(Presence.defaultWrapUpSeconds / 60)m."),
      ])
  }

  /// A whole number in `range`, with its default.
  static func count(_ description: String, in range: ClosedRange<Int>, default value: Int) -> JSONValue {
    .object([
      ("description", .string(description)), ("type", .string("integer")), ("minimum", .int(range.lowerBound)),
      ("maximum", .int(range.upperBound)), ("default", .int(value)),
    ])
  }

  static var template: JSONValue {
    document(
      .template, "A notification message. {{Name}} inserts a variable, as plain text.",
      keys: DefinitionKeys.template, required: ["body"],
      [
        "subject": reference("templateText", "The subject line (email); ignored for SMS."),
        "body": reference("templateText", "The message."),
      ])
  }

  static var customerProfile: JSONValue {
    var fields = list(
      ref("field"), "The extra fields; id, name, email and phone always exist.", minItems: 1)
    if case .object(var entries) = fields {
      entries.append(("maxItems", .int(5)))
      fields = .object(entries)
    }
    return document(
      .customerProfile, "The extra fields of the built-in customer record (at most one profile).",
      keys: DefinitionKeys.customerProfile, required: ["fields"],
      [
        "fields": fields,
        "reference": referenceFormat(of: "customer", examples: [CustomerProfile.defaultReference, "C{yyyy}-{seq:7}"]),
        "phone_region": .object([
          (
            "description",
            .string(
              "The region (ISO 3166 alpha-2) assumed for a phone number written without a calling code.")
          ),
          ("enum", .array(PhoneRegion.codes.map { .string($0) })),
        ]),
      ])
  }

  /// The `reference` of a case type or of the customer profile: the pattern of the ids.
  static func referenceFormat(of noun: String, examples: [String]) -> JSONValue {
    .object([
      ("description", .string("The readable \(noun) id: must contain {seq:N}; may contain {yyyy} and {mm}.")),
      ("type", .string("string")), ("pattern", .string("\\{seq:[0-9]+\\}")),
      ("examples", .array(examples.map { .string($0) })),
    ])
  }

  // MARK: Scalars

  static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

  /// `mon`, `mon-fri`, `mon,wed,fri`, in any letter case (the checker lowercases day names). A
  /// range runs forward from Monday (`fri-mon` is DC6007): each day's ranges end on it or a
  /// later day.
  static var dayKeyPattern: String {
    let days = ShapeReader.weekdays.map { name in name.map { "[\($0)\(String($0).uppercased())]" }.joined() }
    let item =
      "(?:" + days.indices.map { "\(days[$0])(?:-(?:\(days[$0...].joined(separator: "|"))))?" }.joined(separator: "|")
      + ")"
    return "^ *\(item)(?: *, *\(item))* *$"
  }

  static var scalars: [(String, JSONValue)] {
    let short = "(?=[0-9])(?:[0-9]+d)? *(?:[0-9]+h)? *(?:[0-9]+m)?"
    let iso = "P(?=[0-9T])(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+S)?)?"
    // As the checker reads them: spaces around a window's `-` are refused (DC6002); spaces
    // and tabs at either end of a duration are trimmed, spaces between its units skipped.
    let time = "[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}"
    return [
      (
        "id",
        .object([
          (
            "description",
            .string("Letters, digits and _, starting with a letter, at most 64 characters.")
          ),
          ("type", .string("string")), ("pattern", .string("^[A-Za-z][A-Za-z0-9_]{0,63}$")),
        ])
      ),
      (
        "text",
        .object([
          ("description", .string("Text.")),
          ("type", .array([.string("string"), .string("number"), .string("boolean")])),
        ])
      ),
      (
        "duration",
        .object([
          (
            "description",
            .string(
              "A duration: 90m, 16h, 3d, 2d 4h, 1d12h30m, or ISO 8601 like PT12H, P3D, P1DT4H. On a business calendar "
                + "1d is one working day.")
          ),
          ("type", .string("string")), ("pattern", .string("^[ \\t]*(?:\(short)|\(iso))[ \\t]*$")),
          (
            "examples", .array([.string("16h"), .string("3d"), .string("2d 4h"), .string("PT12H")])
          ),
        ])
      ),
      (
        "clockDuration",
        .object([
          (
            "description",
            .string("Clock time, seconds allowed: 30s, 1m30s, 2m, or ISO 8601 like PT30S.")
          ),
          ("type", .string("string")), ("pattern", .string("^[ \\t]*(?:\(short) *(?:[0-9]+s)?|\(iso))[ \\t]*$")),
          ("examples", .array([.string("30s"), .string("2m"), .string("PT45S")])),
        ])
      ),
      (
        "percent",
        .object([
          ("description", .string("A percentage, 1% to 100%.")), ("type", .string("string")),
          ("pattern", .string("^(?:100|[1-9][0-9]?)%$")),
        ])
      ),
      (
        "priority",
        .object([
          (
            "description",
            .string("0 (lowest) .. 100, or low (25), medium (50), high (75), critical (100).")
          ),
          (
            "anyOf",
            .array([
              .object([("type", .string("integer")), ("minimum", .int(0)), ("maximum", .int(100))]),
              .object([("enum", .array(Priority.named.map { .string($0.name) }))]),
            ])
          ),
        ])
      ),
      (
        "date",
        .object([
          ("description", .string("A date, YYYY-MM-DD.")), ("type", .string("string")),
          ("pattern", .string(datePattern)),
        ])
      ),
      (
        "timestamp",
        .object([
          (
            "description",
            .string("An ISO 8601 instant with its offset, like 2026-03-02T09:00:00+01:00.")
          ),
          ("type", .string("string")),
          (
            "pattern",
            .string(
              "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)$"
            )
          ),
        ])
      ),
      (
        "windows",
        .object([
          (
            "description",
            .string("Open windows HH:MM-HH:MM, separated by commas; 00:00-24:00 is the whole day.")
          ),
          ("type", .string("string")), ("pattern", .string("^ *\(time)(?: *, *\(time))* *$")),
        ])
      ),
      (
        "condition",
        .object([
          (
            "description",
            .string(
              "A condition on the case's fields: ==, !=, <, <=, >, >=, in [..], is empty, and, or, not, parentheses."
            )
          ),
          ("type", .string("string")),
          (
            "examples",
            .array([
              .string("Customer_Segment == \"gold\""),
              .string("Amount >= 1000 and Language is empty"),
            ])
          ),
        ])
      ),
      (
        "templateText",
        .object([
          ("description", .string("Text with {{Variable}} placeholders.")),
          ("type", .array([.string("string"), .string("number"), .string("boolean")])),
        ])
      ),
      (
        "assignments",
        .object([
          ("description", .string("Values written into fields, by field id.")),
          ("type", .string("object")),
          ("propertyNames", .object([("$ref", .string("#/$defs/id"))])),
          (
            "additionalProperties",
            .object([("type", .array([.string("string"), .string("number"), .string("boolean")]))])
          ),
        ])
      ),
    ]
  }
}
