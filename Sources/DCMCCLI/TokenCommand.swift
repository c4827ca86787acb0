import DCMCApplication
import DCMCCalendar
import DCMCJSON

/// `dcmc token create|list|revoke`: the bearer tokens of `dcmc serve` (SPEC section 17). The
/// store keeps a salted hash of each; the token itself is printed once, by `create`.
enum TokenCommand {
  static let user = PositionalSpec.required("USER", "the user the token acts as, exactly as --as USER")
  static let id = PositionalSpec.required("ID", "a token id, as token list shows it")
  static let expires = OptionSpec.value(
    "--expires", "DURATION", "the token stops working after this long: 30s, 12h, 90d or ISO 8601 (else never)")

  static let spec = CommandSpec(
    "token", summary: "create, list and revoke the bearer tokens of dcmc serve",
    details: """
      A request with 'Authorization: Bearer TOKEN' acts exactly as --as USER: the same
      permission checks. The store keeps only a salted SHA-256 of each token.
      """,
    exitStatus: "Exit status: 0 done, 1 refused (nothing changed), 2 usage error or I/O error.",
    actions: [
      .runtime(
        "create", "make a token acting as USER and print it once", positionals: [user], options: [expires]
      ) { arguments, options, terminal throws(UsageError) in
        let seconds = try arguments.value(expires).map { text throws(UsageError) in try RunCommand.interval(text) }
        let name = try arguments[user]
        return RuntimeOptions.run(terminal) { () throws(ServiceError) in
          let entropy = Entropy.system(TokenService.entropyBytes)
          let runtime = try options.open()
          let service = TokenService(repository: runtime.repository, clock: FixedClock(options.now))
          let (token, record) = try service.create(
            for: name, expires: seconds.map { options.now.adding(seconds: $0) }, entropy: entropy)
          // Staffing is live: the token is made, and works once a deployment puts the user in
          // a workgroup; until then every request with it is refused, so say so.
          if !((try? runtime.service.directory.isKnown(name)) ?? false) {
            terminal.err(
              "dcmc: warning: '\(name.prefix(40))' is in no workgroup of the deployed definitions; "
                + "the token can do nothing until a deployment puts them in one\n")
          }
          // The secret alone on standard output, so `TOKEN=$(dcmc token create alice)` holds it;
          // the note for the person reading goes to standard error.
          guard options.json else {
            terminal.err("dcmc: token \(record.id) acts as '\(record.user)'; it is shown once\n")
            return token
          }
          return RuntimeOutput.text(.object([("token", .string(token))] + members(record.json)))
        }
      },
      .runtime("list", "list the tokens: id, user, created, expires, revoked") { _, options, terminal in
        RuntimeOptions.run(terminal) { () throws(ServiceError) in
          let records = try tokens(options).list()
          if options.json { return RuntimeOutput.list(records.map(\.json)) }
          return records.map(text).joined(separator: "\n")
        }
      },
      .runtime("revoke", "stop a token from working, now", positionals: [id]) {
        arguments, options, terminal throws(UsageError) in
        let given = try arguments[id]
        return RuntimeOptions.run(terminal) { () throws(ServiceError) in
          let record = try tokens(options).revoke(given)
          return options.json ? RuntimeOutput.text(record.json) : "revoked " + text(record)
        }
      },
    ])

  /// The token use cases on the store, at the command's instant.
  private static func tokens(_ options: RuntimeOptions) throws(ServiceError) -> TokenService {
    TokenService(repository: try options.open().repository, clock: FixedClock(options.now))
  }

  /// `0123456789abcdef  alice  created 2026-03-02T08:00:00Z  expires never`.
  private static func text(_ record: TokenRecord) -> String {
    "\(record.id)  \(record.user)  created \(record.created)  expires \(record.expires?.description ?? "never")"
      + (record.revoked.map { "  revoked \($0)" } ?? "")
  }

  private static func members(_ value: JSONValue) -> [(String, JSONValue)] {
    guard case .object(let members) = value else { return [] }
    return members
  }
}
