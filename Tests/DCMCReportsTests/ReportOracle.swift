import DCMCCalendar
import DCMCReports
import DCMCRuntime

/// The reports' figures computed another way: from the case and presence histories (and the
/// cases as they stand), event by event, with the definitions of docs/reports.md, and none of
/// the report or fact code. Keys are `section|row labels|column`, as `ReportOracleTests` reads
/// the reports.
struct ReportOracle {
  var period: Range<Instant>
  var now: Instant
  var histories: [[CaseEvent]]
  var states: [CaseState]
  var presence: [[PresenceEvent]]
  var calendar: BusinessCalendar

  /// Counts under keys; a figure is a count unless set otherwise.
  struct Figures {
    var cells: [String: ReportCell] = [:]

    mutating func add(_ key: String, _ amount: Int64 = 1) {
      if case .count(let value) = cells[key] {
        cells[key] = .count(value + amount)
      } else {
        cells[key] = .count(amount)
      }
    }
  }

  /// Nearest rank: the value of rank ceil(p × n / 100), by counting.
  static func rank(_ values: [Int64], _ percent: Int) -> Int64 {
    let sorted = values.sorted()
    var rank = 0
    while rank * 100 < percent * sorted.count { rank += 1 }
    return sorted[rank - 1]
  }

  static func mean(_ values: [Int64]) -> Int64 {
    let total = values.reduce(0, +)
    let count = Int64(values.count)
    return (2 * total + count) / (2 * count)
  }

  static func durations(_ prefix: String, _ values: [Int64], _ suffix: String) -> [String: ReportCell] {
    guard !values.isEmpty else { return [:] }
    return [
      "\(prefix)|mean\(suffix)": .duration(seconds: mean(values)),
      "\(prefix)|median\(suffix)": .duration(seconds: rank(values, 50)),
      "\(prefix)|p90\(suffix)": .duration(seconds: rank(values, 90)),
      "\(prefix)|max\(suffix)": .duration(seconds: values.max()!),
    ]
  }

  func figures() -> [String: [String: ReportCell]] {
    var cases = Figures()
    var closure = Figures()
    var sla = Figures()
    var advisors = Figures()
    var escalations = Figures()
    var statusTime = Figures()
    var outcomes = Figures()
    var presenceFigures = Figures()
    var wall: [String: [Int64]] = [:]
    var business: [String: [Int64]] = [:]
    var handle: [String: [Int64]] = [:]
    var slaCounts: [String: (met: Int64, late: Int64)] = [:]
    var olaCounts: [String: (met: Int64, late: Int64)] = [:]
    for history in histories {
      guard case .created(let created) = history.first?.change else { continue }
      let type = created.type
      let openedAt = history[0].at
      var slaDue = created.slaDue
      var escalated = false
      var state: CaseState?
      var caseEntered = openedAt
      var taskEntered: [Int: Instant] = [:]
      var handling: [Int: Int64] = [:]
      var olaDue: [Int: Instant?] = [:]
      var lastAssignee: [Int: String] = [:]
      for event in history {
        let inPeriod = period.contains(event.at)
        let before = state
        if state == nil { state = CaseState.replay([event]) } else { state?.evolve(event) }
        guard let after = state else { continue }
        // Stays in a status that end with this event.
        if let before, before.status != after.status {
          if inPeriod {
            statusTime.add("case-status|\(type)|\(before.status.rawValue)|intervals")
            statusTime.add(
              "case-status|\(type)|\(before.status.rawValue)|total",
              Int64(event.at.secondsSinceEpoch - caseEntered.secondsSinceEpoch))
          }
          caseEntered = event.at
        }
        for task in after.tasks {
          guard let old = before?.tasks.first(where: { $0.number == task.number }) else {
            taskEntered[task.number] = event.at
            continue
          }
          guard old.status != task.status else { continue }
          let seconds = Int64(event.at.secondsSinceEpoch - (taskEntered[task.number] ?? event.at).secondsSinceEpoch)
          if inPeriod {
            let key = "task-status|\(type)|\(task.definition)|\(old.status.rawValue)"
            statusTime.add(key + "|intervals")
            statusTime.add(key + "|total", seconds)
            if old.status == .assigned || old.status == .working { handling[task.number, default: 0] += seconds }
          }
          taskEntered[task.number] = event.at
        }
        func definition(_ number: Int) -> String { after.tasks.first { $0.number == number }?.definition ?? "" }
        func ended(_ number: Int, _ status: String, _ outcome: String?) {
          guard inPeriod else { return }
          let name = definition(number)
          if let due = olaDue[number] ?? nil {
            let key = "per-task|\(type)|\(name)"
            // Met: ended before the due second (a tick at it fires the breach) and not breached.
            let breached = after.tasks.first { $0.number == number }?.olaBreached ?? false
            if event.at < due && !breached {
              olaCounts[key, default: (0, 0)].met += 1
            } else {
              olaCounts[key, default: (0, 0)].late += 1
            }
          }
          if let outcome { outcomes.add("per-task|\(type)|\(name)|\(outcome)|tasks") }
          if status == "completed", let user = lastAssignee[number] {
            advisors.add("per-advisor|\(user)|tasks_completed")
            advisors.add("outcomes|\(user)|\(outcome ?? "")|tasks")
            handle[user, default: []].append(handling[number] ?? 0)
          }
        }
        func took(_ number: Int, _ user: String) {
          if lastAssignee[number] == nil, inPeriod { presenceFigures.add("offers|\(user)|taken") }
          lastAssignee[number] = user
        }
        switch event.change {
        case .created:
          if inPeriod { cases.add("per-type|\(type)|opened") }
        case .resumed(let due, _), .slaSet(_, let due, _): slaDue = due
        case .taskCreated(let task): olaDue[task.number] = task.olaDue
        case .taskOLAChanged(let number, let due, _): olaDue[number] = due
        case .taskReturned(let number, let due, _, _): olaDue[number] = due
        case .taskAssigned(let number, let user): took(number, user)
        case .offerAccepted(let number):
          if let user = before?.tasks.first(where: { $0.number == number })?.offer?.to { took(number, user) }
        case .offerDeclined(let number, _, _):
          if inPeriod, let user = before?.tasks.first(where: { $0.number == number })?.offer?.to {
            presenceFigures.add("offers|\(user)|declined")
          }
        case .offerExpired(_, let user):
          if inPeriod { presenceFigures.add("offers|\(user)|rona") }
        case .taskCompleted(let number, let outcome): ended(number, "completed", outcome)
        case .taskCancelled(let number): ended(number, "cancelled", nil)
        case .taskEscalated(let number, let outcome, let byTimer):
          ended(number, "escalated", outcome)
          guard inPeriod else { break }
          if !escalated { cases.add("per-type|\(type)|escalated") }
          escalated = true
          if let user = event.by, !byTimer {
            advisors.add("per-advisor|\(user)|manual_escalations")
            escalations.add("manual|\(type)|\(user)|escalations")
          } else {
            escalations.add("breach|\(type)|\(definition(number))|escalations")
          }
        case .closed(let resolution):
          guard inPeriod else { break }
          cases.add("per-type|\(type)|closed")
          cases.add("resolutions|\(type)|\(resolution)|closed")
          if let user = event.by { advisors.add("per-advisor|\(user)|cases_closed") }
          wall[type, default: []].append(Int64(event.at.secondsSinceEpoch - openedAt.secondsSinceEpoch))
          business[type, default: []].append(Int64(try! calendar.businessSeconds(from: openedAt, to: event.at)))
          if let due = slaDue {
            // The SLA clock stood still from the pause when the case was pending with its SLA paused.
            let paused = before?.slaPaused == true ? before?.pendingSince : nil
            if (paused ?? event.at) < due && before?.slaBreached != true {
              slaCounts[type, default: (0, 0)].met += 1
            } else {
              slaCounts[type, default: (0, 0)].late += 1
            }
          }
        case .cancelled:
          if inPeriod { cases.add("per-type|\(type)|cancelled") }
        default: break
        }
      }
    }
    /// `open_breached` past the due time (or marked breached), `open_at_risk` past the warning.
    /// At `clock` (the SLA's stands still while its case is pending with the SLA paused); the
    /// due second is breached already, as a tick at it fires the breach.
    func standing(_ due: Instant?, _ warnAt: Instant?, _ breached: Bool, _ warned: Bool, at clock: Instant = now)
      -> String?
    {
      guard let due else { return nil }
      if breached || clock >= due { return "open_breached" }
      return warned || warnAt.map({ clock >= $0 }) == true ? "open_at_risk" : nil
    }
    var workbins = Figures()
    for state in states {
      for task in state.tasks where task.status.isActive {
        let bin = "per-workbin|\(task.target)"
        workbins.add(bin + "|\(task.status.rawValue)")
        // How long it has waited in the workbin: since its creation or its last return.
        let age = Int64(now.secondsSinceEpoch - (task.queuedSince ?? task.createdAt).secondsSinceEpoch)
        if case .duration(let oldest)? = workbins.cells[bin + "|oldest_age"], oldest >= age {} else {
          workbins.cells[bin + "|oldest_age"] = .duration(seconds: age)
        }
        // A scheduled task's OLA clock stands still: it is neither at risk nor breached.
        guard task.status != .scheduled,
          let standing = standing(task.olaDue, task.olaWarnAt, task.olaBreached, task.olaWarned)
        else { continue }
        workbins.add(bin + (standing == "open_breached" ? "|breached" : "|at_risk"))
        sla.add("per-task|\(state.type)|\(task.definition)|" + standing)
      }
    }
    for state in states where state.status != .closed && state.status != .cancelled {
      cases.add("per-type|\(state.type)|now_\(state.status.rawValue)")
      let clock = state.slaPaused ? state.pendingSince ?? now : now
      if let standing = standing(state.slaDue, state.slaWarnAt, state.slaBreached, state.slaWarned, at: clock) {
        sla.add("per-type|\(state.type)|" + standing)
      }
    }
    for (type, counts) in slaCounts {
      sla.cells["per-type|\(type)|met"] = .count(counts.met)
      sla.cells["per-type|\(type)|late"] = .count(counts.late)
      sla.cells["per-type|\(type)|met_percent"] = .percentage(
        numerator: counts.met, denominator: counts.met + counts.late)
    }
    for (key, counts) in olaCounts {
      sla.cells["\(key)|met"] = .count(counts.met)
      sla.cells["\(key)|late"] = .count(counts.late)
      sla.cells["\(key)|met_percent"] = .percentage(numerator: counts.met, denominator: counts.met + counts.late)
    }
    for (type, values) in wall {
      closure.cells["per-type|\(type)|closed"] = .count(Int64(values.count))
      closure.cells.merge(Self.durations("per-type|\(type)", values, "_wall")) { $1 }
      closure.cells.merge(Self.durations("per-type|\(type)", business[type] ?? [], "_business")) { $1 }
    }
    for (user, values) in handle {
      advisors.cells["per-advisor|\(user)|handle_mean"] = .duration(seconds: Self.mean(values))
      advisors.cells["per-advisor|\(user)|handle_median"] = .duration(seconds: Self.rank(values, 50))
    }
    var stays: [String: Int64] = [:]
    for events in presence {
      for (previous, event) in zip(events, events.dropFirst()) where period.contains(event.at) {
        stays["states|\(event.user)|\(previous.status.name)|\(previous.status.reason ?? "")|time", default: 0] +=
          Int64(event.at.secondsSinceEpoch - previous.at.secondsSinceEpoch)
      }
    }
    for (key, seconds) in stays { presenceFigures.cells[key] = .duration(seconds: seconds) }
    for (key, cell) in statusTime.cells where key.hasSuffix("|total") {
      let stem = String(key.dropLast("|total".count))
      guard case .count(let total) = cell, case .count(let count)? = statusTime.cells[stem + "|intervals"] else {
        continue
      }
      statusTime.cells[key] = .duration(seconds: total)
      statusTime.cells[stem + "|mean"] = .duration(seconds: (2 * total + count) / (2 * count))
    }
    return [
      "cases": cases.cells, "closure": closure.cells, "sla": sla.cells, "advisors": advisors.cells,
      "escalations": escalations.cells, "status-time": statusTime.cells, "outcomes": outcomes.cells,
      "presence": presenceFigures.cells, "workbins": workbins.cells,
    ]
  }
}
