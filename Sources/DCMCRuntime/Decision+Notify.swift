import DCMCBundle
import DCMCCalendar

extension Decision {
  /// Queues the notifications the case type subscribes to for `event`: the template and the
  /// recipient rendered with the variables of SPEC section 6, as plain text. A notification
  /// whose recipient renders empty (a customer without a phone) is not queued.
  mutating func notify(_ event: BundleNotification.Event, task number: Int?) {
    for subscription in caseType.notifications where subscription.on == event {
      let to = Self.render(subscription.to, variables(task: number))
      guard !to.isEmpty else { continue }
      queue(
        template: subscription.template, event: event.rawValue, channel: subscription.channel.rawValue, to: to,
        task: number)
    }
  }

  /// Renders a template for one recipient into the outbox.
  mutating func queue(template id: String, event: String, channel: String, to: String, task number: Int?) {
    guard let template = definitions.templates[id] else { return }
    let variables = self.variables(task: number)
    emit(
      .notificationQueued(
        Notification(
          id: "\(state.id)/n\(state.outbox.count + 1)", event: event, channel: channel, to: to,
          template: template.id, subject: Self.render(template.subject ?? [], variables),
          body: Self.render(template.body, variables), task: number)))
  }

  static func render(_ parts: [BundleTextPart], _ variables: [String: String]) -> String {
    parts.map { $0.text ?? $0.variable.map { variables[$0] ?? "" } ?? "" }.joined()
  }

  /// The built-in variables and every field of the case.
  func variables(task number: Int?) -> [String: String] {
    var values = state.fields
    let calendar = definitions.calendar(caseType.calendar) ?? .alwaysOpen
    func local(_ instant: Instant) -> Timestamp {
      Timestamp(instant, utcOffset: calendar.zone.offset(at: instant))
    }
    let created = local(state.createdAt)
    values["Case_Type"] = caseType.name
    values["Case_Description"] = caseType.description ?? ""
    values["Case_Id"] = state.id
    values["Case_Status"] = state.status.rawValue
    values["Case_Creation_Date"] = created.date.description
    values["Case_Creation_Time"] = Self.clock(created.secondOfDay)
    values["Case_Due"] = state.slaDue.map { local($0).description } ?? ""
    if let sla = caseType.sla {
      let slaCalendar = definitions.calendar(sla.within.calendar) ?? .alwaysOpen
      let (amount, unit) = Self.largestUnit(sla.within.totalSeconds, dayLength: slaCalendar.dayLength)
      values["Case_SLA"] = String(amount)
      values["Case_SLA_format"] = unit
      values["Case_SLA_Type"] =
        sla.within.calendar == BusinessCalendar.alwaysOpenID ? "Calendar time" : "Open office time"
    }
    let task = number.flatMap { number in state.tasks.first { $0.number == number } } ?? state.activeTasks.first
    values["Case_Target"] = state.activeTasks.first?.target ?? task?.target ?? ""
    values["Task_Name"] = task?.name ?? ""
    values["Task_Target"] = task?.target ?? ""
    values["Task_Assignee"] = task?.assignee ?? ""
    return values
  }

  /// A duration in the largest unit that divides it: `(3, "Days")`, `(16, "Hours")`.
  static func largestUnit(_ seconds: Int, dayLength: Int) -> (Int, String) {
    if seconds % dayLength == 0 { return (seconds / dayLength, "Days") }
    if seconds % 3600 == 0 { return (seconds / 3600, "Hours") }
    return (seconds / 60, "Minutes")
  }

  static func clock(_ seconds: Int) -> String {
    padded(seconds / 3600, 2) + ":" + padded(seconds % 3600 / 60, 2)
  }
}
