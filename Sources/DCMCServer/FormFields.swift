import DCMCBundle
import DCMCReports

/// The forms' parts: a field of the case type as a labelled input of its HTML type (a
/// boolean as a yes/no choice), its hint and its errors linked with `aria-describedby`, and
/// the one reading of what they send (`values`); the error summary (`role=alert`)
/// whose links lead to the fields; the file input; the honeypot.
enum FormFields {
  /// Who fills a form in, whom its notes are worded for.
  enum Reader {
    /// A customer on the public form: their own input, in everyday words.
    case customer
    /// Staff on the desk's and the supervisor's pages.
    case staff

    /// The note under an input whose value holds a bidirectional control, before the value
    /// as written (`ShownValue.marked`).
    var turnedRoundNote: String {
      switch self {
      case .customer: "This may show back to front: it holds a character that reverses text. As you typed it: "
      case .staff: "Shown turned round by a bidirectional control; as written: "
      }
    }

    /// The fields of `caseType` this reader fills in, in the order written: a customer only
    /// those that are `public` (the public form neither shows nor accepts the others), staff
    /// every one.
    func fields(of caseType: BundleCaseType) -> [BundleField] {
      switch self {
      case .customer: caseType.fields.filter(\.isPublic)
      case .staff: caseType.fields
      }
    }
  }

  /// The fields of `caseType` that `reader` fills in, in the order written, with `values`
  /// filled in and `errors` (field id, message) shown at their fields, its notes worded for
  /// `reader`.
  static func fields(of caseType: BundleCaseType, values: [String: String], errors: [(String, String)], for reader: Reader)
    -> [HTML]
  {
    // The customer's own name, email and phone, as the case type maps them, are offered from
    // the browser's autofill (WCAG 1.3.5); staff type another person's.
    var tokens: [String: String] = [:]
    if reader == .customer, let mapping = caseType.customer {
      for (id, token) in [(mapping.name, "name"), (mapping.email, "email"), (mapping.phone, "tel")] {
        if let id { tokens[id] = token }
      }
    }
    return reader.fields(of: caseType).map { field in
      self.field(
        field, value: values[field.id], errors: errors.filter { $0.0 == field.id }.map(\.1), for: reader,
        autocomplete: tokens[field.id])
    }
  }

  /// What a form sent for `fields`, by field id: a value left empty, or a choice not made, is
  /// absent. The one reading of the inputs `field` makes, on every form (the public form, the
  /// desk's complete, the supervisor's case form): a boolean's choice sends `true` or `false`,
  /// an optional one's "Not answered" an empty value, and nothing is sent when no choice is
  /// made, so "not answered" is never read as "no": it is no value (on the supervisor's case
  /// form and the desk, the field emptied, `FormEdits`; on the public form, nothing given).
  static func values(of fields: [BundleField], in form: FormBody) -> [String: String] {
    var values: [String: String] = [:]
    for field in fields {
      if let value = form.fields[field.id], !value.isEmpty { values[field.id] = value }
    }
    return values
  }

  /// The name of the hidden field that holds the values as a staff form showed them, one
  /// `digest` each, joined by dots.
  static let shownField = "shown"

  /// 16 hex digits of the SHA-256 of `value` as shown (`shownLines`), in `shownField`.
  static func digest(_ value: String) -> String {
    String(SHA256.hexDigest(of: Array(shownLines(value).utf8)).prefix(16))
  }

  /// The hidden `shownField` of a form showing `values`, in order.
  static func shownInput(_ values: [String]) -> HTML {
    .void("input", [("type", "hidden"), ("name", shownField), ("value", values.map(digest).joined(separator: "."))])
  }

  /// The digests of `shownField`, `count` of them; `nil` when the form did not send them, or
  /// not `count`.
  static func shown(_ text: String?, count: Int) -> [String]? {
    guard let text else { return nil }
    let digests = text.isEmpty ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    return digests.count == count ? digests : nil
  }

  /// `value` as a form shows it (`HTMLText.shown`: a control character as U+FFFD) with each
  /// line break as `\n`: a browser sends a text area's line breaks as CRLF whatever it was
  /// shown (HTML's form submission), and the shown U+FFFD back, so values are compared as
  /// shown. Before 7 December 2026 a save that changed nothing wrote U+FFFD over a NUL.
  static func shownLines(_ value: String) -> String {
    HTMLText.shown(value).replacing("\r\n", with: "\n").replacing("\r", with: "\n")
  }

  /// The field `field` with `value` filled in and `errors` shown above the input, its notes
  /// worded for `reader`: a label and its input, or for a boolean a yes/no choice (`choice`).
  static func field(
    _ field: BundleField, value: String?, errors: [String], for reader: Reader, autocomplete: String? = nil
  ) -> HTML {
    let id = "field-\(field.id)"
    var described: [String] = []
    var notes: [HTML] = []
    if let description = field.description {
      notes.append(.tag("span", [("class", "hint"), ("id", "\(id)-hint")], text: description))
      described.append("\(id)-hint")
    }
    // An input shows its value with the controls applied (it must send it back as it is):
    // the value as written is spelt out under it.
    if let value, ShownValue.hasControls(value) {
      notes.append(
        .tag(
          "span", [("class", "hint"), ("id", "\(id)-as-written")],
          [.text(reader.turnedRoundNote)] + ShownValue.marked(value)))
      described.append("\(id)-as-written")
    }
    for (index, error) in errors.enumerated() {
      notes.append(.tag("span", [("class", "error"), ("id", "\(id)-error-\(index)")], text: error))
      described.append("\(id)-error-\(index)")
    }
    let kind = errors.isEmpty ? "field" : "field invalid"
    if field.type == .boolean {
      let group = choice(field, id: id, value: value, notes: notes, described: described, invalid: !errors.isEmpty)
      return .tag("div", [("class", kind)], [group])
    }
    // `dir="auto"`: the value is an isolate, its direction its own (right-to-left text reads
    // right to left), so it cannot turn the label or the page round.
    var attributes: [(String, String)] = [("id", id), ("name", field.id), ("dir", "auto")]
    if field.required { attributes.append(("required", "")) }
    if let autocomplete { attributes.append(("autocomplete", autocomplete)) }
    if !described.isEmpty { attributes.append(("aria-describedby", described.joined(separator: " "))) }
    if !errors.isEmpty { attributes.append(("aria-invalid", "true")) }
    let parts = [label(field.name, for: id, required: field.required)] + notes
    return .tag("div", [("class", kind)], parts + [input(field, attributes, value: value ?? "")])
  }

  /// A boolean as a choice of "Yes" (`true`) or "No" (`false`): labelled radio buttons in a
  /// fieldset whose legend names the field, described by its hint and errors. Only `value`
  /// chooses one, so a required field not answered shows neither and sends nothing
  /// (`values`), where a check box left unticked could not tell "no" from "not answered". An
  /// optional field has a third, "Not answered", sending an empty value, which `values` reads
  /// as none: chosen while the field has no value, and the way to take an answer back (once
  /// a radio button is chosen, a browser offers no way to choose none). The first button has
  /// the field's id, which the error summary links to.
  private static func choice(
    _ field: BundleField, id: String, value: String?, notes: [HTML], described: [String], invalid: Bool
  ) -> HTML {
    var group: [(String, String)] = [("class", "choice"), ("role", "radiogroup")]
    if !described.isEmpty { group.append(("aria-describedby", described.joined(separator: " "))) }
    if invalid { group.append(("aria-invalid", "true")) }
    let answers = [("true", "Yes", id), ("false", "No", "\(id)-no")]
    let unanswered = field.required ? [] : [("", "Not answered", "\(id)-unanswered")]
    let options = (answers + unanswered).map { choice, text, optionID in
      var attributes: [(String, String)] = [("type", "radio"), ("id", optionID), ("name", field.id), ("value", choice)]
      if (value ?? "") == choice { attributes.append(("checked", "")) }
      if field.required { attributes.append(("required", "")) }
      return HTML.tag(
        "span", [("class", "option")], [.void("input", attributes), .tag("label", [("for", optionID)], text: text)])
    }
    return .tag("fieldset", group, [.tag("legend", [], requiredMark(field.name, field.required))] + notes + options)
  }

  private static func input(_ field: BundleField, _ attributes: [(String, String)], value: String) -> HTML {
    // The browser stops typing at the bound a value has on every way in (`FormBody`); the
    // server still checks, in bytes, and answers a longer value as the field's error.
    let bound = [("maxlength", String(FormBody.maximumFieldBytes))]
    switch field.type {
    case .text: return .tag("textarea", attributes + [("rows", "6")] + bound, text: value)
    case .enumeration:
      let options = [HTML.tag("option", [("value", "")], text: "Choose…")]
        + field.values.map { choice in
          .tag("option", [("value", choice)] + (choice == value ? [("selected", "")] : []), text: choice)
        }
      return .tag("select", attributes, options)
    default:
      // A number is typed as text, with the phone's number pad: the server reads the value.
      let keypad: [(String, String)] =
        switch field.type {
        case .integer: [("inputmode", "numeric")]
        case .number: [("inputmode", "decimal")]
        default: []
        }
      let type = inputType(field.type)
      return .void(
        "input", attributes + [("type", type)] + keypad + (type == "date" ? [] : bound) + [("value", value)])
    }
  }

  /// The HTML input type of a field type; the server checks every value whatever the browser does.
  static func inputType(_ type: BundleField.Kind) -> String {
    switch type {
    case .email: "email"
    case .phone: "tel"
    case .date: "date"
    default: "text"
    }
  }

  private static func label(_ text: String, for id: String, required: Bool) -> HTML {
    .tag("label", [("for", id)], requiredMark(text, required))
  }

  /// A field's name, marked "(required)" when it is.
  private static func requiredMark(_ text: String, _ required: Bool) -> [HTML] {
    [.text(text)] + (required ? [.text(" "), .tag("span", [("class", "required")], text: "(required)")] : [])
  }

  /// The summary at the top: each error, linked to its field.
  static func summary(_ errors: [(String, String)]) -> HTML {
    .tag(
      "div", [("class", "summary"), ("role", "alert"), ("aria-labelledby", "summary-title")],
      [
        .tag("h2", [("id", "summary-title")], text: "Please correct \(errors.count == 1 ? "this" : "these")"),
        .tag(
          "ul", [],
          errors.map { field, message in
            .tag("li", [], [field.isEmpty ? .text(message) : .tag("a", [("href", "#field-\(field)")], text: message)])
          }),
      ])
  }

  /// The file input, for attachments of up to 10 MiB each.
  static func files(_ name: String, errors: [String]) -> HTML {
    let id = "field-\(name)"
    var parts: [HTML] = [
      label("Attachments", for: id, required: false),
      .tag("span", [("class", "hint"), ("id", "\(id)-hint")], text: "Optional, up to 10 MiB each"),
    ]
    var described = ["\(id)-hint"]
    for (index, error) in errors.enumerated() {
      parts.append(.tag("span", [("class", "error"), ("id", "\(id)-error-\(index)")], text: error))
      described.append("\(id)-error-\(index)")
    }
    parts.append(
      .void(
        "input",
        [
          ("id", id), ("name", name), ("type", "file"), ("multiple", ""),
          ("aria-describedby", described.joined(separator: " ")),
        ]))
    return .tag("div", [("class", errors.isEmpty ? "field" : "field invalid")], parts)
  }

  /// The honeypot: off-screen, out of the tab order, labelled for the rare person who finds it.
  static func trap(_ name: String) -> HTML {
    .tag(
      "div", [("class", "trap"), ("aria-hidden", "true")],
      [
        .tag("label", [("for", "field-\(name)")], text: "Leave this empty"),
        .void(
          "input",
          [("id", "field-\(name)"), ("name", name), ("type", "text"), ("tabindex", "-1"), ("autocomplete", "off")]),
      ])
  }
}
