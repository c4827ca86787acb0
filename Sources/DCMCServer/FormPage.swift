import DCMCApplication
import DCMCBundle
import DCMCRuntime

/// `/forms/TYPE`: the public case form of a case type, generated from its fields (SPEC
/// section 17, docs/server.md "Pages"). GET shows it; POST creates the case as `case create
/// --channel web` does (the customer identified by the case type's mapping), keeps the files
/// as `case attach` does, and answers with the reference and the customer's status link, or
/// with the form again, its values kept and the validator's own messages next to their fields.
struct FormPage {
  let pages: Pages
  let cases: CaseService
  let type: String

  /// The honeypot: a field people do not see and leave empty.
  static let trap = "website"
  /// The file input's name.
  static let attachments = "attachments"
  /// The parts the form carries besides the case type's fields, which do not count against
  /// `FormBody.maximumParts` (as the supervisor's case form's do not, `postedForm`): its CSRF
  /// field, the honeypot, and the file input's one file (a browser sends an empty part for it
  /// when no file is chosen).
  static let hiddenParts = 3

  func show(_ request: HTTPRequest) -> HTTPResponse {
    guard let caseType = self.caseType() else { return Pages.notFound }
    return form(caseType, values: [:], errors: [], nonce: CSRF.nonce(in: request.headers["cookie"]))
  }

  /// The answer to a form larger than `Pages.maximumBodyBytes` (`Pages.admission`).
  static let tooLarge = Page.message(
    413, "The form is too large", "Please send files of up to \(CaseService.maximumAttachmentBytes >> 20) MiB in all.")

  func submit(_ request: HTTPRequest) -> HTTPResponse {
    // A body over the limit was refused before (`Pages.admission`).
    guard let user = pages.user, let caseType = self.caseType() else { return Pages.notFound }
    let body: FormBody
    do {
      // A field longer than a value may be is read and refused by the validator as that
      // field's error, the form shown again with what the customer typed.
      body = try FormBody(page: request, bodyBytes: Pages.maximumBodyBytes, hidden: Self.hiddenParts)
    } catch {
      return Page.message(400, "The form could not be read", "Please go back and send it again.")
    }
    let nonce = CSRF.nonce(in: request.headers["cookie"])
    guard pages.csrf.accepts(body.fields[CSRF.field], nonce: nonce) else {
      return Page.message(403, "The form has expired", "Please open the form again and send it.")
    }
    guard (body.fields[Self.trap] ?? "").isEmpty else {
      return Page.message(422, "The form was not accepted", "Please contact us another way.")
    }
    // Only the fields on the form: one that is not public is refused below as unknown.
    let fields = FormFields.Reader.customer.fields(of: caseType)
    let values = FormFields.values(of: fields, in: body)
    if let problem = problem(with: body.files) {
      return form(caseType, values: values, errors: [(Self.attachments, problem)], nonce: nonce)
    }
    // As the API refuses a repeated or unknown member: which value counts is never guessed.
    let known = Set(fields.map(\.id) + [CSRF.field, Self.trap, Self.attachments])
    let unknown = body.fields.keys.filter { !known.contains($0) }.sorted()
    if let name = body.repeated.first ?? unknown.first {
      let detail = body.repeated.isEmpty
        ? "the form sent '\(name.prefix(40))', which is not one of its fields" : "the form sent '\(name.prefix(40))' twice"
      return form(caseType, values: values, errors: [("", detail + "; please send it again")], nonce: nonce)
    }
    let state: CaseState
    // The customer's new status link, made once the case's customer is known, so that the
    // acknowledgement carries it (`{{Status_Link}}`): only for a record this form added
    // (`Identification.mayShowStatusLink`). A case whose customer is ambiguous has none until a
    // person links it.
    var link: String?
    let issue = { (customer: String) throws(ServiceError) -> String in
      let made = try StatusLinkService(links: pages.links, cases: cases).issue(
        for: customer, entropy: pages.random(StatusLinkService.entropyBytes), by: user)
      link = made
      return StatusLinkService.address(of: made, at: pages.publicURL)
    }
    // A refreshed reply sends the same body again (browsers keep a POST's bytes, multipart
    // boundary included): it is the same request, answered with the case it made (and a new
    // link), its files not kept twice. A form sent again from the page has a new boundary.
    let requestID = Self.requestID(nonce: nonce ?? "", type: type, body: request.body)
    do {
      if let made = try ServiceError.wrap({ () throws(RepositoryError) in try cases.repository.caseRecording(request: requestID) }) {
        let existing = try cases.load(made)
        if existing.identification?.mayShowStatusLink == true, let customer = existing.customer { _ = try issue(customer) }
        return received(existing, caseType: caseType, link: link, unkept: [])
      }
      state = try cases.create(type: type, fields: values, request: requestID, channel: .web, by: user, statusLink: issue)
    } catch .refused(.rule(let refusal)) where refusal.kind == .invalidInput {
      let errors = refusal.problems.map(Problem.fieldError).map { ($0.field ?? "", Self.inCustomersWords($0, caseType)) }
      return form(caseType, values: values, errors: errors, nonce: nonce)
    } catch {
      return Pages.unavailable(error)
    }
    var unkept: [String] = []
    var reason: String?
    for file in body.files {
      do { _ = try cases.attach(name: file.name, bytes: file.bytes, toCase: state.id, by: user) } catch {
        unkept.append(file.name)
        reason = reason ?? Self.operatorReason(error)
      }
    }
    // The customer is told which files were not kept; the operator, why, in the request log
    // (never the files' names, which the visitor chose).
    let note = unkept.isEmpty ? nil : "\(unkept.count) of \(body.files.count) files not kept: \(reason ?? "refused")"
    return received(state, caseType: caseType, link: link, unkept: unkept).noted(note)
  }

  /// Why a file of the form was not kept, for the request log: a refusal of the pages user
  /// (`serve --as`, a member of none of the case's targets), or the store's failure; `nil`
  /// for a refusal whose words may hold what the visitor sent (the form's checks come first).
  static func operatorReason(_ error: ServiceError) -> String? {
    switch error {
    case .refused(.forbidden(_, let reason)): reason.text
    case .refused(let refusal): Pages.operatorReason(refusal)
    case .repository(let failure): "the store failed: \(failure)"
    }
  }

  /// The request id of a form's create: the visitor's CSRF nonce, the case type and the body
  /// as sent, hashed (`form-` and 32 hex digits), so only the same bytes from the same browser
  /// name the same request.
  static func requestID(nonce: String, type: String, body: [UInt8]) -> String {
    "form-" + SHA256.hexDigest(of: Array("\(nonce)\n\(type)\n".utf8) + body).prefix(32)
  }

  /// A field's problem in the words of the customer who filled in the form: the field's name
  /// where the validator names its id, no regular expression (the field's hint, shown
  /// beside it, says what is expected), no count of bytes and no field type. The API and the
  /// staff pages keep the validator's words.
  static func inCustomersWords(_ error: Problem.FieldError, _ caseType: BundleCaseType) -> String {
    guard let id = error.field, let field = caseType.fields.first(where: { $0.id == id }) else { return error.detail }
    let rest = error.detail.dropFirst(id.count + 2)
    guard !rest.hasPrefix(" does not match the pattern") else {
      return field.name + (field.description == nil ? " is not in the expected form" : " is not in the form described")
    }
    // "is longer than 64 KiB", without the count of bytes of UTF-8 that follows.
    if rest.hasPrefix(" is longer than "), let count = rest.firstRange(of: " (") {
      return field.name + rest[..<count.lowerBound]
    }
    // "holds U+0009 (a tab); a string field is one line of plain text": the character, and what
    // to do rather than the field's type.
    if rest.hasPrefix(" holds U+"), let clause = rest.firstRange(of: "; ") {
      return field.name + rest[..<clause.lowerBound] + "; write it as one line of plain text"
    }
    return field.name + rest
  }

  private func caseType() -> BundleCaseType? {
    guard pages.user != nil else { return nil }
    return (try? cases.definitions.deployed())?.caseType(type)
  }

  /// Why the files cannot be kept, in the words the form shows; `nil` when they can.
  private func problem(with files: [FormBody.File]) -> String? {
    for file in files {
      if file.bytes.count > CaseService.maximumAttachmentBytes {
        return "'\(file.name.prefix(60))' is larger than \(CaseService.maximumAttachmentBytes >> 20) MiB"
      }
      if let reason = UserID.attachmentNameProblem(file.name) { return "the file name '\(file.name.prefix(60))' \(reason)" }
    }
    return nil
  }

  /// The form, with `values` filled in and `errors` (field id, message) shown; a new CSRF
  /// nonce (and its cookie) unless `nonce` is one.
  private func form(
    _ caseType: BundleCaseType, values: [String: String], errors: [(String, String)], nonce given: String?
  ) -> HTTPResponse {
    let nonce = given.flatMap { CSRF.isNonce($0) ? $0 : nil } ?? SHA256.hex(pages.random(16))
    let cookie = given == nonce ? [] : [(name: "Set-Cookie", value: CSRF.setCookie(nonce, secure: pages.secure))]
    var content: [HTML] = [.tag("h1", text: caseType.name)]
    if let description = caseType.description { content.append(.tag("p", [("class", "lead")], text: description)) }
    if !errors.isEmpty { content.append(FormFields.summary(errors)) }
    let fields = FormFields.fields(of: caseType, values: values, errors: errors, for: .customer)
    content.append(
      .tag(
        "form",
        [("method", "post"), ("action", "/forms/\(type)"), ("enctype", "multipart/form-data")],
        [.void("input", [("type", "hidden"), ("name", CSRF.field), ("value", pages.csrf.token(for: nonce))])]
          + fields + [
            FormFields.files(Self.attachments, errors: errors.filter { $0.0 == Self.attachments }.map(\.1)),
            FormFields.trap(Self.trap), .tag("button", [("type", "submit")], text: "Send"),
          ]))
    // A refused form says so in its title, the first thing a screen reader reads of the page.
    let title = errors.isEmpty ? caseType.name : "Error: \(caseType.name)"
    return Page(status: errors.isEmpty ? 200 : 422, title: title, content: content, headers: cookie).response
  }

  /// The reply to a created case: its reference and the customer's status link, or, for a
  /// customer found by the form's email or phone, why the page shows none.
  private func received(_ state: CaseState, caseType: BundleCaseType, link: String?, unkept: [String]) -> HTTPResponse {
    let id = state.id
    var content: [HTML] = [
      .tag("h1", text: "Thank you, we have your request"),
      .tag("p", [], [.text("Your reference is "), .tag("strong", [("id", "reference")], text: id), .text(".")]),
    ]
    if let link {
      let path = "/status/\(link)"
      content.append(
        .tag(
          "p", [],
          [
            .text("Follow your requests on "),
            .tag("a", [("href", path), ("id", "status-link")], text: "your status page"),
            .text(". Keep this link to yourself: anyone who has it can see your requests."),
          ]))
    } else if state.identification == .matched {
      content.append(
        .tag(
          "p", [("id", "status-link-withheld")],
          text: "We already hold requests of yours, so the page that lists them is not shown here, where anyone"
            + " who types your email address or phone number would see it. Ask us for its link: we send it"
            + " to the contact details we hold for you."))
    }
    for name in unkept {
      content.append(
        .tag("p", [("class", "error")], text: "The file '\(name)' could not be kept: please send it to us another way, with your reference."))
    }
    return Page(status: 201, title: "Request received", content: content).response
  }
}
