import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// `/desk`: an advisor's work (docs/server.md, "Desk"): their presence and its switch, the
/// button that takes the next task (`task next`), the offers addressed to them with accept,
/// decline and the time left, the tasks they hold with their due times, and the time zone the
/// times are shown in. Every action is a CSRF-checked form (`DeskActions`); `/assets/desk.js`
/// inserts and removes offer cards as they come and go, and a plain refresh shows them too.
struct DeskPage {
  let pages: Pages
  let session: StaffSession
  let cases: CaseService
  let now: Instant

  /// The reasons an advisor may give for declining an offer.
  static let declineReasons = ["busy", "wrong_skill", "other"]

  /// The desk; `notice` (a refusal, in words) shown first with `status`.
  func show(notice: String? = nil, status: Int = 200) -> HTTPResponse {
    let definitions = try? cases.definitions.deployed()
    let zone = DeskZone(definitions: definitions, picked: session.zone)
    let held: [(task: TaskState, of: CaseState)]
    let offered: [(task: TaskState, of: CaseState)]
    do {
      held = try cases.tasks(inWorkbin: nil, heldBy: session.user)
      offered = try cases.offers(to: session.user)
    } catch .refused(let refusal) {
      // A signed-in user the application refuses (one in no workgroup) is told why, on a
      // page with their name and sign-out, not the customers' "not available at the moment".
      let problem = Problem(.refused(refusal))
      return session.page(
        "Desk", [.tag("h1", text: "Desk"), Self.notice("Not available: \(problem.detail).")], status: problem.status)
    } catch {
      return Pages.unavailable(error)
    }
    var content: [HTML] = [.tag("h1", text: "Desk")]
    if let notice { content.append(Self.notice(notice)) }
    content += [
      presence(definitions),
      .tag(
        "section", [("class", "card"), ("aria-labelledby", "next-title")],
        [
          .tag("h2", [("id", "next-title")], text: "Next task"),
          .tag("p", [("class", "hint")], text: "Takes the most urgent task you may work on."),
          session.button("Take the next task", to: "/desk/next"),
        ]),
      .tag(
        "section", [("id", "offers"), ("aria-labelledby", "offers-title"), ("aria-live", "polite")],
        [.tag("h2", [("id", "offers-title")], text: "Offers")]
          + (offered.isEmpty ? [.tag("p", [("class", "empty")], text: "No offers at the moment.")] : [])
          + offered.map { offer($0.task, of: $0.of, zone) }),
      .tag(
        "section", [("aria-labelledby", "tasks-title")],
        [.tag("h2", [("id", "tasks-title")], text: "My tasks")]
          + (held.isEmpty
            ? [.tag("p", [("class", "empty")], text: "You hold no tasks.")]
            : [.tag("ul", [("class", "tasks")], held.map { task($0.task, of: $0.of, zone) })])),
      zoneForm(definitions, zone),
    ]
    return session.page("Desk", content, status: status, scripts: [DeskScript.path])
  }

  /// A refusal or other message at the top of a page, announced to screen readers.
  static func notice(_ text: String) -> HTML { notice([.text(text)]) }

  static func notice(_ content: [HTML]) -> HTML {
    .tag("div", [("class", "summary"), ("role", "alert")], [.tag("p", [], content)])
  }

  private func presence(_ definitions: RuntimeDefinitions?) -> HTML {
    let state = (try? cases.presenceService()).flatMap { try? $0.repository.loadPresence(session.user) }
    let status = state?.status ?? PresenceStatus.loggedOff
    let current = [status.name, status.reason].compactMap { $0 }.joined(separator: " ")
    let reasons = definitions?.bundle.presence?.notReady ?? []
    let choices =
      [("ready", "Ready")] + reasons.map { ("not_ready:\($0)", "Not ready: \($0)") } + [
        ("logged_off", "Logged off")
      ]
    return .tag(
      "section", [("class", "card"), ("aria-labelledby", "presence-title")],
      [
        .tag("h2", [("id", "presence-title")], text: "Presence"),
        .tag(
          "p", [], [.text("You are "), .tag("strong", [("id", "presence")], text: current.replacing("_", with: " "))]),
        choiceForm(
          "/desk/presence", id: "presence-state", name: "state", label: "Change to", choices: choices,
          selected: current.replacing(" ", with: ":"), button: "Change"),
      ])
  }

  /// An offer's card: what is offered, the time left, accept and decline.
  func offer(_ task: TaskState, of state: CaseState, _ zone: DeskZone) -> HTML {
    let expires = task.offer?.expires ?? now
    let left = max(0, expires.secondsSinceEpoch - now.secondsSinceEpoch)
    return .tag(
      "article", [("class", "card offer"), ("id", "offer-\(task.id)")],
      [
        .tag("h3", text: task.name),
        .tag("p", [], [.text("Case "), .tag("a", [("href", "/desk/cases/\(state.id)")], text: state.id)]),
        .tag(
          "p", [],
          [
            .text("Answer within "),
            .tag("time", [("class", "countdown"), ("datetime", expires.description)], text: "\(left) s"),
            .text(" (until \(zone.text(expires, of: state, toTheSecond: true)))"),
          ]),
        .tag(
          "div", [("class", "row")],
          [
            session.button("Accept", to: "/desk/tasks/\(task.id)/accept"),
            .tag(
              "form", [("method", "post"), ("action", "/desk/tasks/\(task.id)/decline"), ("class", "inline")],
              [
                session.csrfField, .tag("label", [("for", "reason-\(task.id)"), ("class", "quiet")], text: "Reason"),
                .tag(
                  "select", [("id", "reason-\(task.id)"), ("name", "reason")],
                  Self.declineReasons.map { HTML.tag("option", [("value", $0)], text: $0.replacing("_", with: " ")) }),
                .tag("button", [("type", "submit"), ("class", "secondary")], text: "Decline"),
              ]),
          ]),
      ])
  }

  private func task(_ task: TaskState, of state: CaseState, _ zone: DeskZone) -> HTML {
    var facts = ["\(task.status.rawValue)", "priority \(task.priority)"]
    if let due = task.olaDue { facts.append("due \(zone.text(due, of: state))") }
    return .tag(
      "li", [("class", "card")],
      [
        .tag("a", [("href", "/desk/cases/\(state.id)")], text: "\(task.name) · \(state.id)"),
        .tag("p", [("class", "hint")], text: facts.joined(separator: " · ")),
      ])
  }

  private func zoneForm(_ definitions: RuntimeDefinitions?, _ zone: DeskZone) -> HTML {
    let options = [("", "Each case's calendar zone")] + DeskZone.choices(definitions).map { ($0.name, $0.name) }
    let form = choiceForm(
      "/desk/zone", id: "zone", name: "zone", label: "Show times in", choices: options, selected: session.zone ?? "",
      button: "Use", style: "secondary")
    return .tag(
      "section", [("class", "card"), ("aria-labelledby", "zone-title")],
      [.tag("h2", [("id", "zone-title")], text: "Time zone"), .tag("p", [("class", "hint")], text: zone.caption), form])
  }

  /// A form that posts one choice of a list to `action`: its label, the list with `selected`
  /// chosen, the button.
  private func choiceForm(
    _ action: String, id: String, name: String, label: String, choices: [(String, String)], selected: String,
    button: String, style: String? = nil
  ) -> HTML {
    .tag(
      "form", [("method", "post"), ("action", action), ("class", "row")],
      [
        session.csrfField, .tag("label", [("for", id)], text: label),
        .tag(
          "select", [("id", id), ("name", name)],
          choices.map { value, text in
            HTML.tag("option", [("value", value)] + (value == selected ? [("selected", "")] : []), text: text)
          }),
        .tag("button", [("type", "submit")] + (style.map { [("class", $0)] } ?? []), text: button),
      ])
  }
}
