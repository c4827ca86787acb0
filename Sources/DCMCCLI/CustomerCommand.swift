import DCMCApplication

/// `dcmc customer add|show|update|find|cases|status-link|merge|export`: the table of the customer actions (SPEC
/// section 14) and the typed request each one's arguments become.
enum CustomerCommand {
  static let id = PositionalSpec.required("ID", "a customer id, like CUS-000001")
  static let text = PositionalSpec.required("TEXT", "an email, a phone number in any formatting, or a name's start")
  static let keep = PositionalSpec.required("KEEP", "the customer record that stays, like CUS-000001")
  static let duplicate = PositionalSpec.required("DUPLICATE", "the customer record merged into KEEP")
  static let name = OptionSpec.value("--name", "NAME", "the customer's name", required: true)
  static let newName = OptionSpec.value("--name", "NAME", "the customer's new name")
  static let email = OptionSpec.value("--email", "EMAIL", "the email address ('' clears it)")
  static let phone = OptionSpec.value(
    "--phone", "PHONE",
    "the phone number in any formatting, in the profile's region without a calling code ('' clears it)")
  static let field = OptionSpec.value(
    "--field", "K=V", "a field of the customer profile ('K=' clears it)", repeatable: true)
  static let requestID = OptionSpec.value(
    "--request-id", "ID", "makes add idempotent: your retry with the same id and details returns the same record")
  static let shared = OptionSpec.flag(
    "--shared", "add the record although another in use has its email or phone (one a household shares)")
  static let sharedUpdate = OptionSpec.flag(
    "--shared", "give the record an email or phone although another in use has it (one a household shares)")
  static let limit = OptionSpec.value("--limit", "N", "at most N records, 1 to 1000 (else 20)")
  static let revoke = OptionSpec.flag("--revoke", "revoke every status page link of the customer instead")
  static let url = OptionSpec.value(
    "--url", "BASE", "the server's address the link starts with, like https://example.org")

  /// How many records `find` lists without `--limit`, and at most.
  static let defaultLimit = CustomerService.defaultFindLimit
  static let maximumLimit = CustomerService.maximumFindLimit

  static let spec = CommandSpec(
    "customer", summary: "add, show, correct, find, merge and export customer records, and show their cases",
    details: """
      A customer record has a name, an email, a phone number (kept in E.164) and the extra
      fields of the deployed CustomerProfile. Every user of the directory adds, shows, finds
      and corrects records, lists a customer's cases as the customer reads them and exports
      everything held about a customer (always JSON); merging two is a supervisor's.
      """,
    exitStatus: "Exit status: 0 done, 1 refused (nothing changed), 2 usage error or I/O error.",
    actions: [
      action("add", "add a customer record", [], options: [name, email, phone, field, requestID, shared]) {
        arguments throws(UsageError) in
        .add(
          name: try arguments[name], email: arguments.value(email), phone: arguments.value(phone),
          fields: try arguments.pairs(field), requestID: arguments.value(requestID), shared: arguments.has(shared))
      },
      action("show", "print a customer record (a merged id shows the record it was merged into)", [id]) {
        arguments throws(UsageError) in
        .show(id: try arguments[id])
      },
      action(
        "update", "correct a customer record: only what is given changes", [id],
        options: [newName, email, phone, field, sharedUpdate]
      ) {
        arguments throws(UsageError) in
        let given = (
          name: arguments.value(newName), email: arguments.value(email), phone: arguments.value(phone),
          fields: try arguments.pairs(field))
        // Nothing to correct is a mistake on the command line, as 'case update' without --field.
        guard given.name != nil || given.email != nil || given.phone != nil || !given.fields.isEmpty else {
          throw UsageError("'customer update' needs --name N, --email E, --phone P or --field K=V")
        }
        return .update(
          id: try arguments[id], name: given.name, email: given.email, phone: given.phone, fields: given.fields,
          shared: arguments.has(sharedUpdate))
      },
      action(
        "find", "find records by exact email, by phone number or by the start of the name", [text], options: [limit]
      ) {
        arguments throws(UsageError) in
        .find(text: try arguments[text], limit: try arguments.count(limit, maximum: maximumLimit) ?? defaultLimit)
      },
      action(
        "cases", "list a customer's cases, newest first, in the words the customer reads", [id],
        options: [CaseCommand.limit, CaseCommand.after]
      ) {
        arguments throws(UsageError) in
        .cases(
          id: try arguments[id], after: try CaseCommand.position(arguments),
          limit: try arguments.count(CaseCommand.limit, maximum: CaseFilter.maximumLimit))
      },
      action(
        "status-link", "make a link to the customer's status page and print it once, or revoke them all", [id],
        options: [revoke, url]
      ) {
        arguments throws(UsageError) in
        let address = arguments.value(url)
        if let address, let problem = StatusLinkService.publicURLProblem(address) { throw UsageError("--url: \(problem)") }
        return .statusLink(id: try arguments[id], revoke: arguments.has(revoke), url: address)
      },
      action("merge", "merge DUPLICATE into KEEP, for good (a supervisor's action)", [keep, duplicate]) {
        arguments throws(UsageError) in
        .merge(keep: try arguments[keep], duplicate: try arguments[duplicate])
      },
      action("export", "print everything held about a customer, their cases and notifications, as JSON", [id]) {
        arguments throws(UsageError) in
        .export(id: try arguments[id])
      },
    ])

  /// What a customer action asks, from its parsed arguments.
  enum Request {
    case add(
      name: String, email: String?, phone: String?, fields: [String: String], requestID: String?, shared: Bool)
    case show(id: String)
    case update(id: String, name: String?, email: String?, phone: String?, fields: [String: String], shared: Bool)
    case find(text: String, limit: Int)
    /// A page (`limit`: all when `nil`) of the cases older than `after` (newest first).
    case cases(id: String, after: CasePosition?, limit: Int?)
    case statusLink(id: String, revoke: Bool, url: String?)
    case merge(keep: String, duplicate: String)
    case export(id: String)
  }

  /// A customer action, by the acting user: its arguments become a `Request`, which runs with
  /// the runtime options.
  private static func action(
    _ name: String, _ summary: String, _ positionals: [PositionalSpec], options: [OptionSpec] = [],
    request: @escaping @Sendable (ParsedArguments) throws(UsageError) -> Request
  ) -> ActionSpec {
    .acting(name, summary, positionals, options: options, request: request, run: run)
  }

}
