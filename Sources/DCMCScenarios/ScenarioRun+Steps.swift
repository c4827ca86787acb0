import DCMCApplication
import DCMCBundle
import DCMCModel
import DCMCRuntime

extension ScenarioRun {
  /// Carries out an acting step as its `as:` user, by default the first member of the
  /// task's target. `complete` claims and opens the task first when it is not yet the user's.
  mutating func act(_ step: ScenarioStep) -> Result<Void, ServiceError> {
    let task = step.task.flatMap { id in state?.tasks.last { $0.definition == id.value } }
    if let wanted = step.task, task == nil, step.action.value != .create {
      return .failure(.refused(.rule(Refusal(.notFound, "the case has no task '\(wanted.value)' yet"))))
    }
    // A presence step acts, by default, as the user whose presence it sets.
    let user =
      step.actor?.value ?? (step.action.value == .presence ? step.user?.value : nil)
      ?? defaultUser(for: task, action: step.action.value)
    let fields = Dictionary(step.fields.map { ($0.field.value, $0.value.value) }) { _, last in last }
    let command: Command
    switch step.action.value {
    case .create:
      do throws(ServiceError) {
        caseID = try service.create(
          type: scenario.caseType.value, fields: fields, request: step.requestID?.value,
          customer: step.customer?.value, channel: step.channel.flatMap { ContactChannel(rawValue: $0.value) }, by: user
        ).id
        return .success(())
      } catch {
        return .failure(error)
      }
    case .customer:
      // The checker knows each value; an empty one is left out, as `customer add` leaves it.
      let value = { (key: String) in fields[key].flatMap { $0.isEmpty ? nil : $0 } }
      do throws(ServiceError) {
        _ = try CustomerService(
          repository: repository, definitions: service.definitions, directory: service.directory, clock: service.clock
        ).add(
          name: fields["name"] ?? "", email: value("email"), phone: value("phone"),
          fields: fields.filter { !["name", "email", "phone"].contains($0.key) }, request: nil,
          // A step gives the records the scenario starts from, which may share an email or a
          // phone (a household, records from before the check): as `customer add --shared`.
          shared: true, by: user)
        return .success(())
      } catch {
        return .failure(error)
      }
    case .next:
      do throws(ServiceError) {
        _ = try service.claimNext(by: user)
        return .success(())
      } catch {
        return .failure(error)
      }
    case .presence:
      // The checker knows the state; the runtime checks the reason and who may set whom.
      let choice = step.state.flatMap { PresenceStatus.Choice(rawValue: $0.value) } ?? .loggedOff
      do throws(ServiceError) {
        _ = try service.setPresence(choice, reason: step.reason?.value, user: step.user?.value, by: user)
        return .success(())
      } catch {
        return .failure(error)
      }
    case .update:
      return onCase { id throws(ServiceError) in _ = try service.update(id, fields: fields, by: user) }
    case .reschedule:
      guard let task, let until = step.instant?.value.instant else {
        return .failure(.refused(.noSuchCase(caseID ?? "")))
      }
      command = .reschedule(task: task.id, until: until)
    case .setOLA:
      guard let task, let ola = step.duration?.value else { return .failure(.refused(.noSuchCase(caseID ?? ""))) }
      command = .setOLA(task: task.id, days: ola.days, seconds: ola.seconds)
    case .accept, .decline:
      guard let task else { return .failure(.refused(.noSuchCase(caseID ?? ""))) }
      command =
        step.action.value == .accept
        ? .acceptOffer(task: task.id) : .declineOffer(task: task.id, reason: step.reason?.value ?? "")
    case .pend: command = .pend
    case .resume: command = .resume
    case .complete:
      // Claiming, opening and completing are one step: a refusal of any leaves nothing done.
      completion = nil
      guard let task else { return .failure(.refused(.noSuchCase(caseID ?? ""))) }
      // A store that cannot go back does not try a step that memory refused.
      if case .failure(let refusal)? = rehearsal?.run.completion { return .failure(refusal) }
      let memory = repository as? InMemoryCaseRepository
      let saved = memory?.snapshot()
      var result = Result<Void, ServiceError>.success(())
      if task.status == .queued { result = apply(.claim(task: task.id), as: user) }
      if case .success = result, state?.task(task.id)?.status == .assigned, state?.task(task.id)?.assignee == user {
        result = apply(.open(task: task.id), as: user)
      }
      if case .success = result {
        result = apply(.complete(task: task.id, outcome: step.outcome?.value ?? "", data: fields), as: user)
      }
      if case .failure = result, let memory, let saved { memory.restore(saved) }
      completion = result
      return result
    case .claim, .open, .release, .escalate, .assign, .reassign:
      guard let task else { return .failure(.refused(.noSuchCase(caseID ?? ""))) }
      switch step.action.value {
      case .claim: command = .claim(task: task.id)
      case .open: command = .open(task: task.id)
      case .release: command = .release(task: task.id)
      case .escalate: command = .escalate(task: task.id)
      case .assign: command = .assign(task: task.id, to: step.user?.value ?? "")
      default: command = .reassign(task: task.id, target: step.target?.value ?? "")
      }
    case .advance, .at, .expect, .expectNotification, .expectOffer, .expectPresence, .expectError:
      return .failure(.refused(.rule(Refusal(.invalidInput, "'\(step.action.value)' is not an acting step"))))
    }
    return apply(command, as: user)
  }

  /// Runs `command` on the scenario's case through the service.
  func apply(_ command: Command, as user: String) -> Result<Void, ServiceError> {
    onCase { id throws(ServiceError) in _ = try service.execute(command, onCase: id, by: user) }
  }

  /// Runs `body` on the scenario's case id; a refusal when no case was created yet.
  func onCase(_ body: (String) throws(ServiceError) -> Void) -> Result<Void, ServiceError> {
    guard let caseID else { return .failure(.refused(.noSuchCase("(none created yet)"))) }
    do throws(ServiceError) {
      try body(caseID)
      return .success(())
    } catch {
      return .failure(error)
    }
  }

  /// The first member of the task's target; for a case-level step, of the target of the
  /// case's first active task; for `create`, of the first start task's first target. For
  /// `reschedule` and `update`, which take a task's holder or a supervisor: the task's (or an
  /// active task's) assignee, else the first supervisor of that target. For `set_ola`, a
  /// supervisor's: the first supervisor of the task's target. For `accept` and `decline`: the
  /// user the task is offered to.
  func defaultUser(for task: TaskState?, action: ScenarioStep.Action) -> String {
    if action == .accept || action == .decline, let offered = task?.offer?.to { return offered }
    if action == .setOLA { return task.flatMap { engine.definitions.workgroup($0.target)?.supervisors.first } ?? "" }
    if action == .reschedule || action == .update {
      let held = task ?? state?.activeTasks.first { $0.assignee != nil } ?? state?.activeTasks.first
      if let assignee = held?.assignee { return assignee }
      return held.flatMap { engine.definitions.workgroup($0.target)?.supervisors.first } ?? ""
    }
    let target =
      task?.target ?? state?.activeTasks.first?.target ?? state?.tasks.first?.target
      ?? caseType?.stages.first.flatMap { stage in
        stage.tasks.first { stage.startTasks.isEmpty || stage.startTasks.contains($0.id) }?.target.first?.to
      }
    return target.flatMap { engine.definitions.workgroup($0)?.members.first?.user } ?? ""
  }

  mutating func expectError(_ step: ScenarioStep) {
    guard let refused = step.refused.first else { return }
    let before = state
    switch act(refused) {
    case .success:
      fail(step, expected: "the step to be refused", found: "it succeeded")
      stopped = true
    case .failure(let error):
      if let reason = step.reason?.value, !error.description.contains(reason) {
        fail(step, expected: "a refusal mentioning '\(reason)'", found: "the refusal: \(error)")
      }
      if state != before {
        fail(step, expected: "the case unchanged", found: "a changed case")
      }
    }
  }
}
