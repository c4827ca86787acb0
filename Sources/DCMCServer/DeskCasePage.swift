import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCRuntime

/// `/desk/cases/ID`: a case as the desk shows it (docs/server.md, "Desk"): its status, data,
/// tasks (the ones the user holds with the forms to complete them with an outcome and its
/// fields, and to escalate them), pend or resume, attachments to download, linked
/// interactions and the history in readable words.
struct DeskCasePage {
  let pages: Pages
  let session: StaffSession
  let cases: CaseService
  let now: Instant
  let id: String

  /// A completion refused for its values: the task, the outcome chosen, the values sent and
  /// the validator's messages by field.
  typealias Completing = (task: String, outcome: String, values: [String: String], errors: [(String, String)])

  /// The case; `notice` (a refusal, in words) shown first with `status`.
  func show(notice: String? = nil, completing: Completing? = nil, status: Int = 200) -> HTTPResponse {
    show(notice.map { [.text($0)] }, completing: completing, status: status)
  }

  /// The case; `notice` (a refusal, its words and values as staff pages show them) shown
  /// first with `status`.
  func show(_ notice: [HTML]?, completing: Completing? = nil, status: Int = 200) -> HTTPResponse {
    let state: CaseState
    let history: [CaseEvent]
    do {
      state = try cases.load(id)
      history = try cases.history(of: id)
    } catch .refused(.noSuchCase), .refused(.invalidID) {
      return Pages.notFound
    } catch {
      return Pages.unavailable(error)
    }
    let definitions = try? cases.definitions.definitions(state.bundle)
    let caseType = definitions?.caseType(state.type)
    let zone = DeskZone(definitions: try? cases.definitions.deployed(), picked: session.zone)
    var content: [HTML] = [
      .tag("p", [], [.tag("a", [("href", "/desk")], text: "← Desk")]),
      .tag("h1", text: "\(caseType?.name ?? state.type) \(state.id)"),
      .tag(
        "p", [],
        [
          .tag(
            "span", [("class", "status"), ("id", "case-status")], text: state.status.rawValue.replacing("_", with: " "))
        ]
      ),
    ]
    if let notice { content.append(DeskPage.notice(notice)) }
    if let completing, !completing.errors.isEmpty { content.append(FormFields.summary(completing.errors)) }
    var facts: [(String, String)] = [("Opened", zone.text(state.createdAt, of: state))]
    if let due = definitions?.slaDue(of: state, at: now) {
      // As `case show`: a pending case whose SLA pauses is not due then.
      facts.append(state.slaStandsStill ? ("SLA", "paused (due \(zone.text(due, of: state)) if taken up now)") : ("Due", zone.text(due, of: state)))
    }
    facts += (caseType?.fields ?? []).compactMap { field in state.fields[field.id].map { (field.name, $0) } }
    content.append(section("Details", [Self.list(facts)] + holdButtons(state)))
    let tasks = state.tasks.filter { $0.status.isActive }
    content.append(
      section(
        "Tasks",
        tasks.isEmpty
          ? [.tag("p", [("class", "empty")], text: "No open tasks.")]
          : tasks.map { task($0, of: state, caseType?.task($0.definition), zone, completing) }))
    content.append(section("Attachments", attachments(state)))
    if !state.interactions.isEmpty {
      content.append(section("Interactions", [.tag("ul", [], state.interactions.map { HTML.tag("li", text: $0) })]))
    }
    let names = Dictionary(state.tasks.map { ($0.number, $0.name) }) { first, _ in first }
    content.append(
      section(
        "History",
        [
          .tag(
            "ol", [("class", "history")],
            history.map { event in
              HTML.tag(
                "li", [],
                [
                  .tag(
                    "span", [("class", "hint")],
                    text: zone.text(event.at, of: state) + (event.by.map { " · \($0)" } ?? "")),
                  .text(DeskHistory.words(event.change, names: names)),
                ])
            })
        ]))
    return session.page("\(state.id)", content, status: status)
  }

  /// Attachment `number` (1-based) as a download: never shown inline, never sniffed.
  func download(_ number: String) -> HTTPResponse {
    guard let number = Int(number),
      let (attachment, bytes) = try? cases.attachment(number, ofCase: id, by: session.user)
    else { return Pages.notFound }
    // The name is quoted for `filename` with anything outside printable ASCII (and `"`, `\`)
    // replaced, and given whole, percent-encoded, as `filename*` (RFC 6266).
    let plain = String(
      attachment.name.unicodeScalars.map {
        (0x20...0x7e).contains($0.value) && $0 != "\"" && $0 != "\\" ? Character($0) : "_"
      })
    let encoded = attachment.name.utf8.map { byte in
      (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
        || Array("-._~".utf8).contains(byte) ? String(UnicodeScalar(byte)) : "%" + SHA256.hex([byte]).uppercased()
    }.joined()
    return HTTPResponse(
      status: 200,
      headers: [
        ("Content-Type", "application/octet-stream"),
        ("Content-Disposition", "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(encoded)"),
      ] + Page.securityHeaders, body: bytes)
  }

  /// The fields a completion of task `taskID` sends (its definition's form fields) and the
  /// case's values now, which its form shows filled in.
  func formFields(ofTask taskID: String) -> (fields: [BundleField], values: [String: String]) {
    guard let state = try? cases.load(id), let task = state.task(taskID),
      let definitions = try? cases.definitions.definitions(state.bundle)
    else { return ([], [:]) }
    return (definitions.caseType(state.type)?.task(task.definition)?.fields ?? [], state.fields)
  }

  private func section(_ title: String, _ children: [HTML]) -> HTML {
    let anchor = "section-" + title.lowercased()
    return .tag(
      "section", [("class", "card"), ("aria-labelledby", anchor)],
      [.tag("h2", [("id", anchor)], text: title)] + children)
  }

  /// The case's details as a description list, each value as written (`ShownValue`: a
  /// right-to-left override at a name's start is shown as a mark, not applied) in a
  /// bidirectional isolate (`dir="auto"`).
  static func list(_ rows: [(String, String)]) -> HTML {
    .tag(
      "dl", [],
      rows.flatMap { name, value in
        [HTML.tag("dt", text: name), .tag("dd", [("dir", "auto")], ShownValue.marked(value))]
      })
  }

  private func holdButtons(_ state: CaseState) -> [HTML] {
    if state.isFinished { return [] }
    if state.status == .pending {
      return [session.button("Take up again", to: "/desk/cases/\(state.id)/resume")]
    }
    return [session.button("Put on hold", to: "/desk/cases/\(state.id)/pend", style: "secondary")]
  }

  private func task(
    _ task: TaskState, of state: CaseState, _ definition: BundleTask?, _ zone: DeskZone, _ completing: Completing?
  ) -> HTML {
    var facts = [task.status.rawValue, task.assignee.map { "held by \($0)" } ?? "in \(task.target)"]
    if let due = task.olaDue { facts.append("due \(zone.text(due, of: state))") }
    var parts: [HTML] = [
      .tag("h3", text: task.name), .tag("p", [("class", "hint")], text: facts.joined(separator: " · ")),
    ]
    if task.assignee == session.user, let definition {
      let given = completing?.task == task.id ? completing : nil
      // The case's values filled in (the form sent again after a refusal: what it sent), so
      // a value emptied is cleared and one left as it is stays (`FormEdits`).
      let fields = definition.fields.map { field in
        FormFields.field(
          field, value: given.map { $0.values[field.id] } ?? state.fields[field.id],
          errors: (given?.errors ?? []).filter { $0.0 == field.id }.map(\.1), for: .staff)
      }
      let outcome = "outcome-\(task.number)"
      parts.append(
        .tag(
          "form", [("method", "post"), ("action", "/desk/tasks/\(task.id)/complete"), ("class", "complete")],
          [
            session.csrfField,
            // The case's values as the form shows them: one left so stays the case's, whatever
            // it is when the form comes back; one edited over a change made meanwhile is refused
            // (`FormEdits`). Shown again after a refusal: the case's values now.
            FormFields.shownInput(definition.fields.map { state.fields[$0.id] ?? "" }),
            .tag(
              "div", [("class", "field")],
              [
                .tag("label", [("for", outcome)], text: "Outcome"),
                .tag(
                  "select", [("id", outcome), ("name", "outcome"), ("required", "")],
                  [.tag("option", [("value", "")], text: "Choose an outcome")]
                    + definition.outcomes.map { choice in
                      HTML.tag(
                        "option", [("value", choice.code)] + (given?.outcome == choice.code ? [("selected", "")] : []),
                        text: choice.code.replacing("_", with: " "))
                    }),
              ]),
          ] + fields + [.tag("button", [("type", "submit")], text: "Complete")]))
      parts.append(session.button("Escalate", to: "/desk/tasks/\(task.id)/escalate", style: "secondary"))
    }
    return .tag("article", [("class", "task"), ("id", "task-\(task.id)")], parts)
  }

  private func attachments(_ state: CaseState) -> [HTML] {
    guard !state.attachments.isEmpty else { return [.tag("p", [("class", "empty")], text: "No attachments.")] }
    return [
      .tag(
        "ul", [],
        state.attachments.enumerated().map { index, attachment in
          HTML.tag(
            "li", [],
            [
              .tag(
                "a", [("href", "/desk/cases/\(state.id)/attachments/\(index + 1)"), ("download", "")],
                text: attachment.name),
              .text(" (\(attachment.size) bytes)"),
            ])
        })
    ]
  }
}
