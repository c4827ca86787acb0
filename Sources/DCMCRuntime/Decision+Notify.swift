import DCMCBundle
import DCMCCalendar

extension Decision {
  /// Queues the notifications the case type subscribes to for `event`: the template and the
  /// recipient rendered with the variables of SPEC section 6, as plain text. A notification
  /// whose recipient renders empty (a customer without a phone) is not queued.
  mutating func notify(_ event: BundleNotification.Event, task number: Int?) {
    for subscription in caseType.notifications where subscription.on == event {
      let to = Self.render(subscription.to) { variable($0, task: number) }
      guard !to.isEmpty else { continue }
      // A creation rule's acknowledgement replaces the template, not the message.
      let template = event == .caseCreated ? acknowledgement ?? subscription.template : subscription.template
      queue(template: template, event: event.rawValue, channel: subscription.channel.rawValue, to: to, task: number)
    }
  }

  /// Renders a template for one recipient into the outbox, with the case's variables as it
  /// stands now.
  mutating func queue(template id: String, event: String, channel: String, to: String, task number: Int?) {
    guard let template = definitions.templates[id] else { return }
    // Both texts are rendered before the notification is emitted: nothing changes the case
    // between the recipient, the subject and the body.
    emit(
      .notificationQueued(
        Notification(
          id: "\(state.id)/n\(state.outbox.count + 1)", event: event, channel: channel, to: to,
          template: template.id, subject: Self.render(template.subject ?? []) { variable($0, task: number) },
          body: Self.render(template.body, leavingOutLinesWithout: Self.lineVariables) { variable($0, task: number) },
          task: number)))
  }

  /// The variables whose line of a body is left out when they render empty: a case without a
  /// status link (one not made by the public form) would otherwise read "Follow it at ", and a
  /// status without a next step would leave an empty line.
  static let lineVariables: Set<String> = ["Status_Link", "Customer_Next_Step"]

  /// The text of `parts`, each variable's value given by `value` (once for each time it is
  /// named). A line of the template (up to a line break of its text) that names one of
  /// `lineVariables` rendering empty is left out, its line break with it.
  static func render(
    _ parts: [BundleTextPart], leavingOutLinesWithout lineVariables: Set<String> = [], _ value: (String) -> String
  ) -> String {
    var (text, line, leftOut) = ("", "", false)
    for part in parts {
      if let literal = part.text {
        var rest = literal[...]
        while let lineBreak = rest.firstIndex(where: \.isNewline) {
          if !leftOut {
            text += line
            text += rest[...lineBreak]
          }
          (line, leftOut) = ("", false)
          rest = rest[rest.index(after: lineBreak)...]
        }
        line += rest
      } else if let name = part.variable {
        let rendered = value(name)
        leftOut = leftOut || (rendered.isEmpty && lineVariables.contains(name))
        line += rendered
      }
    }
    return leftOut ? text : text + line
  }

  /// The value of variable `name`: a built-in variable, else the case's field of that name
  /// (empty when it has none), as the case stands at `now`, the instant of rendering.
  /// `Customer_Status` and `Customer_Next_Step` are the status page's words for the case
  /// (`CustomerCaseView`, by the same functions of the case type). Only the
  /// variables a template names are made (a dictionary of all of them cost a create more than
  /// its notification's texts). Times are read in the zone of the calendar that governs them
  /// (`ZonedTime`): the creation in the case type's, the due time in the SLA's. Without an SLA,
  /// the `Case_SLA` variables are the fields of those names, as any other name.
  func variable(_ name: String, task number: Int?) -> String {
    switch name {
    case "Case_Type": return caseType.name
    case "Case_Description": return caseType.description ?? ""
    case "Case_Id": return state.id
    case "Case_Status": return state.status.rawValue
    case "Customer_Status": return caseType.customerWords(status: state.status.rawValue, resolution: state.resolution)
    case "Customer_Next_Step":
      return caseType.customerNextStep(for: state.status.rawValue, resolution: state.resolution) ?? ""
    case "Case_Creation_Date", "Case_Creation_Time":
      let created = ZonedTime(state.createdAt, in: definitions.caseTypeCalendar(governing: caseType).zone)
      return name == "Case_Creation_Date" ? created.date : created.time
    case "Case_Due":
      let slaZone = definitions.slaCalendar(governing: caseType).zone
      return definitions.slaDue(of: state, at: now).map { ZonedTime($0, in: slaZone).description } ?? ""
    case "Case_SLA", "Case_SLA_format", "Case_SLA_Type":
      guard let sla = caseType.sla else { return state.fields[name] ?? "" }
      if name == "Case_SLA_Type" {
        return sla.within.calendar == BusinessCalendar.alwaysOpenID ? "Calendar time" : "Open office time"
      }
      // A supervisor's SLA (`case set --sla`) is the case's, in the unit they gave it in.
      var within = sla.within
      if let set = state.sla {
        (within.minutes, within.seconds, within.text) = (set.seconds / 60, set.seconds % 60, set.text)
      }
      let (amount, unit) = within.inWrittenUnit(dayLength: definitions.slaCalendar(governing: caseType).dayLength)
      return name == "Case_SLA" ? String(amount) : unit
    case "Case_Target":
      return state.activeTasks.first?.target ?? namedTask(number)?.target ?? ""
    case "Task_Name": return namedTask(number)?.name ?? ""
    case "Task_Target": return namedTask(number)?.target ?? ""
    case "Task_Assignee": return namedTask(number)?.assignee ?? ""
    case "Status_Link": return customer?.statusLink ?? ""
    default: return state.fields[name] ?? ""
    }
  }

  /// The task the variables name: task `number`, else the first active one.
  private func namedTask(_ number: Int?) -> TaskState? {
    number.flatMap { number in state.tasks.first { $0.number == number } } ?? state.activeTasks.first
  }
}
