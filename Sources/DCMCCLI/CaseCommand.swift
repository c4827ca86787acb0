import DCMCApplication
import DCMCRuntime

/// `dcmc case create|show|history|list|update|set|cancel|pend|resume|attach|link`: the table of the
/// case actions and the typed request each one's arguments become.
enum CaseCommand {
  static let caseType = PositionalSpec.required("TYPE", "a case type")
  static let id = PositionalSpec.required("ID", "a case id, like TEC-000042")
  static let file = PositionalSpec.required("FILE", "the file to attach, at most 10 MiB")
  static let field = OptionSpec.value(
    "--field", "K=V", "a form field's value; overrides --fields", repeatable: true)
  static let fields = OptionSpec.value(
    "--fields", "FILE", "the form data: a YAML or JSON mapping of field to value ('-' for standard input)")
  static let updateField = OptionSpec.value(
    "--field", "K=V", "a new value of a form field ('K=' clears an optional one)", required: true, repeatable: true)
  static let requestID = OptionSpec.value(
    "--request-id", "ID", "makes create idempotent: your retry with the same id and form returns the same case")
  /// `--request-id` on a command that a second run would do again (`case attach`, `case link
  /// --interaction`, `task next`).
  static let commandRequestID = OptionSpec.value(
    "--request-id", "ID",
    "makes the command idempotent: your retry with the same id and arguments records nothing again")
  static let type = OptionSpec.value("--type", "TYPE", "only the cases of this case type")
  static let status = OptionSpec.value(
    "--status", "STATUS", "only the cases in this status",
    choices: .init(noun: "status", plural: "statuses", values: CaseStatus.allCases.map(\.rawValue)))
  static let interaction = OptionSpec.value(
    "--interaction", "CHANNEL:ID", "the interaction, like phone:call-20260302-0042")
  static let customer = OptionSpec.value(
    "--customer", "ID", "the customer record, like CUS-000001 (a merged record's id stands for the kept one)")
  static let linkCustomer = OptionSpec.value(
    "--customer", "ID", "link a case that has no customer to this record (a supervisor of its targets)")
  static let channel = OptionSpec.value(
    "--channel", "CHANNEL", "the channel the case came in by: sms and voice identify the customer by phone first",
    choices: .init(noun: "channel", plural: "channels", values: ContactChannel.allCases.map(\.rawValue)))
  static let listCustomer = OptionSpec.value(
    "--customer", "ID", "only the cases of this customer record (or of records merged into it)")
  static let limit = OptionSpec.value(
    "--limit", "N",
    "at most N cases, 1 to \(CaseFilter.maximumLimit) (else all); the next page's --after goes to standard error")
  static let after = OptionSpec.value("--after", "CURSOR", "the cases after this cursor (a page's next --after)")

  /// `--after`'s cursor (`case list`, `customer cases`); one no page printed is a usage error.
  static func position(_ arguments: ParsedArguments) throws(UsageError) -> CasePosition? {
    try arguments.value(after).map { text throws(UsageError) -> CasePosition in
      guard let position = CasePosition(cursor: text) else {
        throw UsageError("--after takes the cursor a page printed, not '\(text.prefix(40))'")
      }
      return position
    }
  }
  static let sla = OptionSpec.value(
    "--sla", "DURATION", "the case's new SLA from its creation: 16h, 3d, 2d 4h or ISO 8601; \(longestDeadline)",
    required: true)
  /// How long an `--sla` or an `--ola` may be (`CaseService.longestDeadlineDays`), for their help.
  static let longestDeadline =
    "at most \(CaseService.longestDeadlineDays)d (\(CaseService.longestDeadlineDays * 24)h)"
  static let unidentified = OptionSpec.flag(
    "--unidentified", "only the cases whose customer was ambiguous and that no one has linked yet")

  static let spec = CommandSpec(
    "case", summary: "create, show, list, update, re-plan, cancel, pend, resume, attach and link cases; their history",
    exitStatus: "Exit status: 0 done, 1 refused (nothing changed), 2 usage error or I/O error.",
    actions: [
      action(
        "create", "start a case of TYPE from its form data", [caseType],
        options: [field, fields, requestID, customer, channel], actingUser: .needed
      ) {
        arguments throws(UsageError) in
        .create(
          type: try arguments[caseType], fields: try formData(arguments), requestID: arguments.value(requestID),
          customer: arguments.value(customer), channel: arguments.value(channel).flatMap(ContactChannel.init(rawValue:))
        )
      },
      action("show", "print a case with its tasks", [id]) { arguments throws(UsageError) in .show(id: try arguments[id])
      },
      action("history", "print the events of a case, oldest first", [id]) { arguments throws(UsageError) in
        .history(id: try arguments[id])
      },
      action(
        "list", "list the cases, oldest first", [], options: [type, status, listCustomer, unidentified, limit, after]
      ) {
        arguments throws(UsageError) in
        let position = try position(arguments)
        return .list(
          CaseFilter(
            type: arguments.value(type), status: arguments.value(status).flatMap(CaseStatus.init(rawValue:)),
            customer: arguments.value(listCustomer), unidentified: arguments.has(unidentified), after: position,
            limit: try arguments.count(limit, maximum: CaseFilter.maximumLimit)))
      },
      action(
        "update", "change a case's data and reclassify its queued tasks by the creation rules", [id],
        options: [updateField], actingUser: .needed,
        details: """
          Values the case has already, given again, record nothing and say so. --json prints
          the case with "recorded": whether anything was.
          """
      ) { arguments throws(UsageError) in .update(id: try arguments[id], fields: try arguments.pairs(updateField)) },
      action(
        "set", "change a case's SLA (a supervisor's action)", [id], options: [sla], actingUser: .needed,
        details: """
          The new SLA counts from the case's creation, as the customer's promise does, on the
          SLA's calendar; the business time the case was pending with its SLA clock stopped
          still does not count. Its warning and breach replace the old ones: a due time later
          than now makes a breached case no longer breached; one already past breaches it at
          the next tick (unless the breach fired already). By a supervisor of one of the
          targets of the case's tasks. The SLA a supervisor gave the case already, given again
          (as recorded: 2d and 16h are two), records nothing and says so. --json prints the
          case with "recorded": whether anything was.
          """
      ) { arguments throws(UsageError) in
        let duration = try CalendarRequest.duration(try arguments[sla])
        return .set(id: try arguments[id], .setSLA(days: duration.days, seconds: duration.seconds))
      },
      action("cancel", "cancel a case and its open tasks", [id], actingUser: .needed) { arguments throws(UsageError) in
        .change(id: try arguments[id], .cancel)
      },
      action("pend", "put a case on hold: its SLA clock stops", [id], actingUser: .needed) {
        arguments throws(UsageError) in
        .change(id: try arguments[id], .pend)
      },
      action("resume", "take a pending case up again: its SLA clock runs on", [id], actingUser: .needed) {
        arguments throws(UsageError) in
        .change(id: try arguments[id], .resume)
      },
      action(
        "attach", "copy a file into the store and attach it to a case", [id, file], options: [commandRequestID],
        actingUser: .needed
      ) {
        arguments throws(UsageError) in
        .attach(id: try arguments[id], path: try arguments[file], requestID: arguments.value(commandRequestID))
      },
      action(
        "link", "record an interaction (a call, a chat, an email) on a case, or link it to its customer", [id],
        options: [interaction, linkCustomer, commandRequestID], actingUser: .needed
      ) {
        arguments throws(UsageError) in
        let requestID = arguments.value(commandRequestID)
        switch (arguments.value(interaction), arguments.value(linkCustomer)) {
        case (let given?, nil):
          return .link(id: try arguments[id], interaction: try interactionValue(given), requestID: requestID)
        case (nil, let customer?):
          // A second link to a customer is refused by the case's state: no request to record.
          guard requestID == nil else { throw UsageError("--request-id goes with --interaction, not --customer") }
          return .linkCustomer(id: try arguments[id], customer: customer)
        default: throw UsageError("case link takes one of --interaction and --customer")
        }
      },
    ])

  /// What a case action asks, from its parsed arguments.
  enum Request {
    case create(
      type: String, fields: [String: String], requestID: String?, customer: String?, channel: ContactChannel?)
    case show(id: String)
    case history(id: String)
    case list(CaseFilter)
    case update(id: String, fields: [String: String])
    case change(id: String, Command)
    /// `case set`: a change that says whether it recorded anything.
    case set(id: String, Command)
    case attach(id: String, path: String, requestID: String?)
    case link(id: String, interaction: String, requestID: String?)
    case linkCustomer(id: String, customer: String)
  }

  /// A case action: its arguments become a `Request`, which runs with the runtime options.
  private static func action(
    _ name: String, _ summary: String, _ positionals: [PositionalSpec], options: [OptionSpec] = [],
    actingUser: ActionSpec.ActingUser = .notNeeded, details: String = "",
    request: @escaping @Sendable (ParsedArguments) throws(UsageError) -> Request
  ) -> ActionSpec {
    .runtime(name, summary, details: details, positionals: positionals, options: options, actingUser: actingUser) {
      arguments, options, terminal throws(UsageError) in try run(try request(arguments), options, terminal)
    }
  }

  /// `text` when it is an interaction (`Interaction.problem`).
  static func interactionValue(_ text: String) throws(UsageError) -> String {
    guard let problem = Interaction.problem(text) else { return text }
    throw UsageError("--interaction '\(UserID.printable(text))' \(problem)")
  }
}
