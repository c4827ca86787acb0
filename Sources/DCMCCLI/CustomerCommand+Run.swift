import DCMCApplication
import DCMCJSON
import DCMCRuntime

extension CustomerCommand {
  /// Runs a customer request on the store and prints its result: the record's JSON
  /// (`CustomerView`, `CustomerCaseView` for `cases`) with `--json`, else its readable text;
  /// `export` always prints JSON (`CustomerExport`).
  static func run(_ request: Request, _ options: RuntimeOptions, _ terminal: Terminal) throws(UsageError) -> Int32 {
    RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let runtime = try options.open()
      let customers = runtime.customers
      switch request {
      case .add(let name, let email, let phone, let fields, let requestID, let shared):
        let state = try customers.add(
          name: name, email: email, phone: phone, fields: fields, request: requestID, shared: shared, by: options.user)
        return options.json ? json(state) : "added " + CustomerOutput.line(state)
      case .show(let id):
        let state = try customers.show(id, by: options.user)
        return options.json ? json(state) : CustomerOutput.block(state)
      case .update(let id, let name, let email, let phone, let fields, let shared):
        let state = try customers.update(
          id, name: name, email: email, phone: phone, fields: fields, shared: shared, by: options.user)
        return options.json ? json(state) : CustomerOutput.block(state)
      case .find(let text, let limit):
        let found = try customers.find(text, limit: limit, by: options.user)
        return options.json
          ? RuntimeOutput.list(found.map { CustomerView($0).json }) : found.map(CustomerOutput.line).joined()
      case .cases(let id, let after, let limit):
        // A page, as `GET /api/v1/customers/{id}/cases` gives it (its `Link` is the next
        // --after); without --limit, every case from --after (or the newest) on.
        let page = try runtime.service.customerCases(
          id, by: options.user, from: after.map { .olderThan($0) } ?? .newest, limit: limit ?? Int.max)
        let views = page.views
        if let older = page.older {
          terminal.err("dcmc: older cases follow: customer cases \(id) ... --after \(older.cursor)\n")
        }
        return options.json
          ? RuntimeOutput.list(views.map(\.json)) : views.map(CustomerOutput.block).joined(separator: "\n")
      case .export(let id):
        return RuntimeOutput.text(try runtime.service.export(customer: id, by: options.user).json)
      case .statusLink(let id, let revoke, let url):
        return try statusLink(id, revoke: revoke, url: url, runtime, options, terminal)
      case .merge(let keep, let duplicate):
        let kept = try runtime.service.mergeCustomers(keep: keep, duplicate: duplicate, by: options.user)
        return options.json ? json(kept) : "merged \(duplicate) into \(kept.id)"
      }
    }
  }

  /// `status-link`: a new link, drawn from the system's generator and shown once, or the
  /// customer's links revoked (docs/server.md, "Pages").
  private static func statusLink(
    _ id: String, revoke: Bool, url: String?, _ runtime: Runtime, _ options: RuntimeOptions, _ terminal: Terminal
  ) throws(ServiceError) -> String
  {
    let service = StatusLinkService(links: runtime.repository, cases: runtime.service)
    if revoke {
      let count = try service.revoke(for: id, by: options.user)
      return options.json
        ? RuntimeOutput.text(.object([("customer", .string(id)), ("revoked", .number(String(count)))]))
        : "revoked \(count) status link\(count == 1 ? "" : "s") of \(id)"
    }
    let entropy = Entropy.system(StatusLinkService.entropyBytes)
    let link = StatusLinkService.address(of: try service.issue(for: id, entropy: entropy, by: options.user), at: url)
    if options.json { return RuntimeOutput.text(.object([("customer", .string(id)), ("link", .string(link))])) }
    // The link alone on standard output (`LINK=$(dcmc customer status-link ID)`), the note on
    // standard error.
    terminal.err(
      "dcmc: the link is shown once: anyone with it sees the customer's cases until "
        + "'customer status-link \(id) --revoke'\n")
    return link
  }

  private static func json(_ state: CustomerState) -> String { RuntimeOutput.text(CustomerView(state).json) }
}
