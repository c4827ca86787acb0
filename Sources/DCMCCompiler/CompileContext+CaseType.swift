import DCMCBundle
import DCMCModel

extension CompileContext {
  func caseType(_ caseType: CaseType) -> BundleCaseType {
    let header = caseType.header
    let calendar = caseType.calendar.value
    let levels = (caseType.escalation?.levels ?? []).map {
      BundleEscalationLevel(target: $0.target.value, task: $0.task.value)
    }
    let stages = caseType.stages.map { stage in
      BundleStage(
        id: stage.id.value, name: stage.name, startTasks: stage.startTasks.map(\.id.value),
        tasks: stage.tasks.map { task($0, in: caseType, levels: levels) })
    }
    var compiled = BundleCaseType(
      id: header.id.value, name: header.name, description: header.description,
      source: source(header),
      reference: caseType.referenceFormat, calendar: calendar, priority: caseType.priority.value,
      sla: caseType.sla.map {
        serviceLevel($0, defaultCalendar: calendar, defaultBreach: [], pauses: true)
      },
      fields: caseType.fields.map(field),
      rules: caseType.rules.map { rule in
        BundleRule(
          when: condition(rule.when), priority: rule.priority?.value, set: rule.set.map(assignment),
          target: rule.target?.value, skill: rule.skill?.value, acknowledge: rule.acknowledge?.value)
      },
      escalation: levels, stages: stages,
      notifications: caseType.notifications.map { notification in
        BundleNotification(
          on: BundleNotification.Event(notification.event.value),
          channel: BundleNotification.Channel(notification.channel.value), to: text(notification.to),
          template: notification.template.value)
      })
    compiled.customer = caseType.customer.map { mapping in
      BundleCustomerMapping(
        name: mapping.field(for: "name"), email: mapping.field(for: "email"), phone: mapping.field(for: "phone"))
    }
    compiled.customerStatus = Self.customerWords(caseType.customerStatus)
    compiled.customerNextStep = Self.customerWords(caseType.customerNextStep)
    return compiled
  }

  /// `customer_status:` or `customer_next_step:` by status or resolution, the first of a key
  /// written twice; `nil` when not written, so a bundle without it keeps its bytes.
  private static func customerWords(_ overrides: [CustomerStatusOverride]) -> [String: String]? {
    overrides.isEmpty ? nil : Dictionary(overrides.map { ($0.status.value, $0.words.value) }) { first, _ in first }
  }

  private func task(_ task: TaskDefinition, in caseType: CaseType, levels: [BundleEscalationLevel])
    -> BundleTask
  {
    let kind: BundleTask.Kind =
      switch task.kind {
      case .work: .work
      case .approval: .approval
      case .form: .form
      }
    // An OLA escalates by default, unless there is nowhere to escalate to: no escalation, or
    // the task is the last level's escalation task.
    let canEscalate = !levels.isEmpty && levels.last?.task != task.id.value
    let calendar = task.ola?.calendar?.value ?? caseType.calendar.value
    let target: [BundleTargetChoice] =
      switch task.target {
      case .fixed(let workgroup): [BundleTargetChoice(when: nil, to: workgroup.value)]
      case .conditional(let entries):
        entries.map { BundleTargetChoice(when: $0.when.map(condition), to: $0.to.value) }
      }
    let outcomes = task.outcomes.map { outcome in
      BundleOutcome(
        code: outcome.code.value, close: outcome.close?.value, start: outcome.start.map(\.value),
        assign: outcome.assign?.value, escalate: outcome.escalate != nil,
        stage: outcome.stage?.value,
        pend: outcome.pend != nil, set: outcome.set.map(assignment))
    }
    return BundleTask(
      id: task.id.value, name: task.name, description: task.description, kind: kind,
      start: task.isStart,
      target: target,
      ola: task.ola.map {
        serviceLevel(
          $0, defaultCalendar: caseType.calendar.value,
          defaultBreach: canEscalate ? [BundleAction(.escalate)] : [],
          pauses: false)
      },
      priority: task.priority?.value, outcomes: outcomes.sorted(by: \.code),
      fields: task.fields.map(field),
      distribution: task.distribution.map { distribution in
        BundleDistribution(
          skill: distribution.skill.value, tiers: distribution.tiers.map(\.value),
          expandAfter: duration(distribution.expandAfter.value, on: calendar))
      }, mode: mode(task.dispatch), offerTimeoutSeconds: task.dispatch.offerTimeout.map(clockSeconds),
      weight: task.weight?.value ?? TaskDefinition.defaultWeight, allowClaim: task.allowsClaim)
  }

  /// An SLA (`pauses`: it may stop while pending) or an OLA (never stops).
  private func serviceLevel(
    _ level: ServiceLevel, defaultCalendar: String, defaultBreach: [BundleAction], pauses: Bool
  ) -> BundleServiceLevel {
    BundleServiceLevel(
      within: duration(level.within.value, on: level.calendar?.value ?? defaultCalendar),
      warnPercent: level.warn?.value.value, pauseWhenPending: pauses && level.pauseWhenPending,
      onWarn: level.onWarn.map(action),
      onBreach: level.onBreach.map { $0.map(action) } ?? defaultBreach)
  }

  private func action(_ action: BreachAction) -> BundleAction {
    switch action {
    case .escalate: BundleAction(.escalate)
    case .raisePriority(let amount): BundleAction(.raisePriority, amount: amount.value)
    case .reassign(let target): BundleAction(.reassign, target: target.value)
    case .notify(let template, let to):
      BundleAction(.notify, template: template.value, to: to.map(text))
    }
  }

  private func assignment(_ assignment: FieldAssignment) -> BundleAssignment {
    BundleAssignment(field: assignment.field.value, value: assignment.value.value)
  }
}
