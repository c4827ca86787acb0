import DCMCApplication
import DCMCReports
import DCMCRuntime

/// `GET /supervisor`: the board of the workgroups the acting user supervises
/// (`SupervisorBoard`): the workbins with their counts, oldest item and items, the tasks at
/// risk and breached, the escalations and the presence board, each a table with a caption and
/// header cells, times in the viewer's zone. Each task links to its re-planning page.
struct SupervisorPage {
  let context: SupervisorPages

  /// Tasks a list shows at once unless `?limit=` says (1 to `maximumLimit`).
  static let defaultLimit = 50
  static let maximumLimit = 500

  /// The board's paging, from the query: `limit` tasks a list, and the list (`list`, a table's
  /// id) whose page starts after the task `after` names (`TaskPosition.cursor`).
  struct Paging {
    var limit = SupervisorPage.defaultLimit
    var list: String?
    var after: TaskPosition?

    /// The paging `query` asks for; a message saying what is wrong when it is not one.
    static func from(_ query: [String: String]) -> Result<Paging, Refused> {
      var paging = Paging()
      if let text = query["limit"] {
        guard let limit = Int(text), (1...SupervisorPage.maximumLimit).contains(limit) else {
          return .failure(Refused("'limit' takes a whole number of tasks from 1 to \(SupervisorPage.maximumLimit)"))
        }
        paging.limit = limit
      }
      paging.list = query["list"]
      if let text = query["after"] {
        guard paging.list != nil, let after = TaskPosition(cursor: text) else {
          return .failure(Refused("'after' is not a place in a list of this board (take it from a Next link)"))
        }
        paging.after = after
      }
      return .success(paging)
    }

    /// The page of the list `id` shows.
    func page(_ id: String, of tasks: [(task: TaskState, of: CaseState)]) -> SupervisorBoard.Page {
      SupervisorBoard.Page(of: tasks, after: list == id ? after : nil, limit: limit)
    }
  }

  struct Refused: Error {
    var message: String
    init(_ message: String) { self.message = message }
  }

  func show() -> HTTPResponse {
    let board: SupervisorBoard
    do {
      guard let found = try SupervisorBoard(of: context.user, cases: context.cases) else {
        return context.notSupervisor
      }
      board = found
    } catch {
      return Pages.unavailable(error)
    }
    let filled = board.workbins.filter { !$0.tasks.isEmpty }
    let lists = ["late-tasks", "escalated-tasks"] + filled.map { "workbin-\($0.workgroup.id)" }
    let paging: Paging
    switch Paging.from(context.request.query) {
    case .success(let given) where given.list.map(lists.contains) ?? true: paging = given
    case .success(let given):
      return refused("There is no list '\(given.list?.prefix(60) ?? "")' on your board")
    case .failure(let refusal): return refused(refusal.message)
    }
    return context.page(
      title: "Supervisor board",
      [
        .tag("h1", text: "Supervisor board"),
        zoneChooser(),
        .tag("h2", [("id", "workbins")], text: "Workbins"),
        summary(board),
        .tag("h2", [("id", "late")], text: "At risk and breached"),
        .tag("p", [("class", "lead")], text: "Tasks past their OLA or their case's SLA, or within its warning time."),
      ] + taskTable("At risk or breached", id: "late-tasks", paging.page("late-tasks", of: board.late), board, paging)
        + [.tag("h2", [("id", "escalations")], text: "Escalations")]
        + taskTable(
          "Escalated, still open", id: "escalated-tasks", paging.page("escalated-tasks", of: board.escalations), board,
          paging)
        + [.tag("h2", [("id", "items")], text: "In each workbin")]
        + (filled.isEmpty ? [.tag("p", text: "Your workbins are empty.")] : [])
        + filled.flatMap { workbin in
          let id = "workbin-\(workbin.workgroup.id)"
          return taskTable(workbin.workgroup.name, id: id, paging.page(id, of: workbin.tasks), board, paging)
        } + [
          .tag("h2", [("id", "presence")], text: "Presence"),
          presence(board),
        ])
  }

  /// The board refused for its query: 400, the reason, a link to the board.
  private func refused(_ reason: String) -> HTTPResponse {
    context.page(
      400, title: "Supervisor board",
      [
        .tag("h1", text: "Supervisor board"), SupervisorPages.notice(reason, refused: true),
        .tag("p", [], [.tag("a", [("href", context.link(SupervisorPages.root))], text: "Open the board")]),
      ])
  }

  /// A GET form that chooses the zone times are shown in, naming the one in use.
  private func zoneChooser() -> HTML {
    .tag(
      "form", [("method", "get"), ("action", SupervisorPages.root), ("class", "zone-form")],
      [
        .tag("label", [("for", "zone")], text: "Times are shown in"),
        .void("input", [("id", "zone"), ("name", "zone"), ("type", "text"), ("value", context.zone.name)]),
        .tag("button", [("type", "submit")], text: "Change zone"),
      ])
  }

  private func summary(_ board: SupervisorBoard) -> HTML {
    let headings = ["Workbin", "Tasks", "Oldest", "At risk", "Breached"]
    let rows = board.workbins.map { workbin in
      let figures = board.figures(workbin)
      return HTML.tag(
        "tr", [],
        [
          .tag(
            "th", [("scope", "row")],
            workbin.tasks.isEmpty
              ? [.text(workbin.workgroup.name)]
              : [.tag("a", [("href", "#workbin-\(workbin.workgroup.id)")], text: workbin.workgroup.name)]),
          .tag("td", [("class", "num")], text: String(figures.count)),
          .tag("td", [("class", "num")], text: figures.oldestAge.map(SupervisorPages.age) ?? "–"),
          .tag("td", [("class", "num")], text: String(figures.atRisk)),
          .tag("td", [("class", "num")], text: String(figures.breached)),
        ])
    }
    return Self.table(
      caption: "Your workbins now", id: "workbins-summary", headings: headings, rows: rows,
      numeric: ["Tasks", "Oldest", "At risk", "Breached"])
  }

  /// A page of a list of tasks as rows: the task (a link to re-plan it, saying its name and
  /// id), its case (a link to its data), its status and holder, priority, OLA due, where it stands against
  /// its OLA and its case against its SLA (the row marked by the worse); the caption
  /// counts the whole list, and links lead to its next page and back to its first.
  private func taskTable(
    _ title: String, id: String, _ page: SupervisorBoard.Page, _ board: SupervisorBoard, _ paging: Paging
  ) -> [HTML] {
    let whole = page.tasks.count == page.total
    let shown = whole ? "" : ", \(page.skipped + 1) to \(page.skipped + page.tasks.count) shown"
    let limit = paging.limit == Self.defaultLimit ? "" : String(paging.limit)
    var links: [HTML] = []
    if page.skipped > 0 {
      links.append(.tag("a", [("href", context.link(SupervisorPages.root, [("limit", limit)]) + "#\(id)")], text: "First"))
    }
    if let next = page.next {
      let href = context.link(SupervisorPages.root, [("list", id), ("after", next.cursor), ("limit", limit)]) + "#\(id)"
      let count = min(paging.limit, page.total - page.skipped - page.tasks.count)
      if !links.isEmpty { links.append(.text(" · ")) }
      links.append(.tag("a", [("href", href), ("rel", "next")], text: "Next \(self.count(count, "task"))"))
    }
    let table = taskTable("\(title): \(count(page.total, "task"))\(shown)", id: id, page.tasks, board)
    return [table] + (links.isEmpty ? [] : [.tag("p", [("class", "pages")], links)])
  }

  private func taskTable(_ caption: String, id: String, _ tasks: [(task: TaskState, of: CaseState)], _ board: SupervisorBoard)
    -> HTML
  {
    let headings = ["Task", "Case", "Status", "Assignee", "Priority", "OLA due", "OLA", "Case SLA"]
    let rows = tasks.map { task, state in
      let standing = board.standing(task, of: state)
      let worse = max(standing.ola, standing.sla)
      let status =
        task.status == .scheduled
        ? [.text("scheduled until "), context.time(task.scheduledUntil)]
        : [
          HTML.text(task.status.rawValue)
        ]
      return HTML.tag(
        "tr", worse == .onTime ? [] : [("class", worse == .breached ? "breached" : "at-risk")],
        [
          .tag("th", [("scope", "row"), ("class", "wrap")], [context.taskLink(task)]),
          .tag(
            "td", [], [.tag("a", [("href", context.link("\(SupervisorPages.root)/cases/\(state.id)"))], text: state.id)]
          ),
          .tag("td", [], status),
          .tag("td", [], text: task.offer.map { "offered to \($0.to)" } ?? task.assignee ?? "–"),
          .tag("td", [("class", "num")], text: String(task.priority)),
          .tag("td", [], [context.time(task.olaDue)]),
          .tag("td", [], text: Self.words(standing.ola)),
          .tag("td", [], text: state.slaDue == nil ? "–" : Self.words(standing.sla)),
        ])
    }
    return Self.table(
      caption: caption, id: id, headings: headings, rows: rows, empty: "No tasks", numeric: ["Priority"])
  }

  private func presence(_ board: SupervisorBoard) -> HTML {
    let headings = ["User", "State", "Reason", "Since", "Load", "Capacity"]
    let rows = board.presence.map { view in
      HTML.tag(
        "tr", [],
        [
          .tag("th", [("scope", "row")], text: view.user),
          .tag("td", [("class", "state-\(view.status.name)")], text: Self.words(view.status)),
          .tag("td", [], text: view.status.reason ?? "–"),
          .tag("td", [], [context.time(view.since)]),
          .tag("td", [("class", "num")], text: String(view.load)),
          .tag("td", [("class", "num")], text: view.capacity.map(String.init) ?? "–"),
        ])
    }
    return Self.table(
      caption: "Who is available, away or offline", id: "presence-board", headings: headings, rows: rows,
      empty: "No presence is kept by this server", numeric: ["Load", "Capacity"])
  }

  static func words(_ standing: Standing) -> String {
    switch standing {
    case .onTime: "on time"
    case .atRisk: "at risk"
    case .breached: "breached"
    }
  }

  static func words(_ status: PresenceStatus) -> String {
    switch status {
    case .loggedOff: "offline"
    case .ready: "available"
    case .notReady: "away"
    case .wrapUp: "wrapping up"
    }
  }

  /// A table with its caption and column headers (those in `numeric` aligned as their
  /// numbers); `empty` as its one row when it has none.
  static func table(
    caption: String, id: String, headings: [String], rows: [HTML], empty: String = "None", numeric: Set<String> = []
  ) -> HTML {
    let body =
      rows.isEmpty
      ? [HTML.tag("tr", [], [.tag("td", [("colspan", String(headings.count)), ("class", "none")], text: empty)])]
      : rows
    return .tag(
      "div", [("class", "scroll"), ("role", "region"), ("aria-label", caption), ("tabindex", "0")],
      [
        .tag(
          "table", [("id", id)],
          [
            .tag("caption", text: caption),
            .tag(
              "thead", [],
              [
                .tag(
                  "tr", [],
                  headings.map {
                    .tag("th", [("scope", "col")] + (numeric.contains($0) ? [("class", "num")] : []), text: $0)
                  })
              ]),
            .tag("tbody", [], body),
          ])
      ])
  }

  private func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
