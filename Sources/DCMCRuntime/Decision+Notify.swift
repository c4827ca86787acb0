import DCMCBundle
import DCMCCalendar

extension Decision {
  /// Queues the notifications the case type subscribes to for `event`: the template and the
  /// recipient rendered with the variables of SPEC section 6, as plain text. A notification
  /// whose recipient renders empty (a customer without a phone) is not queued.
  mutating func notify(_ event: BundleNotification.Event, task number: Int?) {
    for subscription in caseType.notifications where subscription.on == event {
      // Made once for the recipient and the message: nothing changes the case between the two.
      let variables = variables(task: number)
      let to = Self.render(subscription.to, variables)
      guard !to.isEmpty else { continue }
      // A creation rule's acknowledgement replaces the template, not the message.
      let template = event == .caseCreated ? acknowledgement ?? subscription.template : subscription.template
      queue(
        template: template, event: event.rawValue, channel: subscription.channel.rawValue, to: to,
        task: number, variables: variables)
    }
  }

  /// Renders a template for one recipient into the outbox, with `variables` when given (the
  /// case's as it stands now), else with those made now.
  mutating func queue(
    template id: String, event: String, channel: String, to: String, task number: Int?,
    variables given: [String: String]? = nil
  ) {
    guard let template = definitions.templates[id] else { return }
    let variables = given ?? self.variables(task: number)
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

  /// The built-in variables and every field of the case, as the case stands at `now`, the
  /// instant of rendering. Times are read in the zone of the calendar that governs them
  /// (`ZonedTime`): the creation in the case type's, the due time in the SLA's.
  func variables(task number: Int?) -> [String: String] {
    var values = state.fields
    let created = ZonedTime(state.createdAt, in: definitions.caseTypeCalendar(of: state).zone)
    values["Case_Type"] = caseType.name
    values["Case_Description"] = caseType.description ?? ""
    values["Case_Id"] = state.id
    values["Case_Status"] = state.status.rawValue
    values["Case_Creation_Date"] = created.date
    values["Case_Creation_Time"] = created.time
    let slaZone = definitions.slaCalendar(of: state).zone
    values["Case_Due"] = definitions.slaDue(of: state, at: now).map { ZonedTime($0, in: slaZone).description } ?? ""
    if let sla = caseType.sla {
      let (amount, unit) = sla.within.inWrittenUnit(dayLength: definitions.slaCalendar(of: state).dayLength)
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
    values["Status_Link"] = customer?.statusLink ?? ""
    return values
  }
}
