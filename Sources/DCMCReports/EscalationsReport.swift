import DCMCApplication

/// `escalations`: escalations by hand per case type and advisor, escalations on an OLA breach
/// per case type and task in the period, and the escalated tasks still open now.
struct EscalationsReport: ReportBuilder {
  static let name = "escalations"
  static let title = "Escalations"
  static let readsNow = true

  let scope: ReportScope
  /// Keyed `type/user`.
  var manual: Tally = [:]
  /// Keyed `type/task`.
  var breach: Tally = [:]

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {
    guard group.kind == .escalated, let type = group.type else { return }
    if let user = group.user {
      manual[type + "/" + user, default: 0] += figures.count
    } else {
      breach[type + "/" + (group.definition ?? ""), default: 0] += figures.count
    }
  }

  /// Rows of two text cells from `type/name` keys, and the count.
  static func rows(_ tally: Tally) -> [[ReportCell]] {
    tally.sorted { $0.key < $1.key }.map { key, count in
      let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
      return [.text(parts[0]), .text(parts.count > 1 ? parts[1] : ""), .count(count)]
    }
  }

  func sections(now: ReportNow) -> [ReportSection] {
    let open = now.activeTasks.filter { $0.task.level > 0 }.sorted { $0.task.id < $1.task.id }
    return [
      ReportSection(
        key: "manual", title: "Escalated by hand",
        definition: "Tasks escalated by an advisor in the period, per case type and advisor.",
        columns: [.text("type", "Type"), .text("advisor", "Advisor"), .count("escalations", "Escalations")],
        rows: Self.rows(manual)),
      ReportSection(
        key: "breach", title: "Escalated on an OLA breach",
        definition: "Tasks escalated by the system when their OLA was breached in the period, per case type and task.",
        columns: [.text("type", "Type"), .text("task", "Task"), .count("escalations", "Escalations")],
        rows: Self.rows(breach)),
      ReportSection(
        key: "open-now", title: "Escalated tasks open now",
        definition: "Active tasks created by an escalation, at the report's instant.",
        columns: [
          .text("task", "Task"), .text("type", "Type"), .text("name", "Name"), .text("target", "Workbin"),
          .count("level", "Level"), ReportColumn(key: "created", label: "Created", kind: .instant),
        ],
        rows: open.map { task, state in
          [
            .text(task.id), .text(state.type), .text(task.definition), .text(task.target), .count(Int64(task.level)),
            .instant(task.createdAt),
          ]
        }),
    ]
  }
}
