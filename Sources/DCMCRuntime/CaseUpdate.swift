/// What `case update` changed: form values, and what the creation rules, run again on them,
/// changed in the case's classification and in each task nobody holds (`case.updated`).
public struct CaseUpdate: Sendable, Hashable {
  /// Each changed field's value before and after; `nil` for no value (a field cleared or
  /// first given).
  public var fields: [String: Change<String?>]
  /// The case's priority, when the rules now give another.
  public var priority: Change<Int>?
  /// The distribution skill the rules set for the case's tasks, when they now set another
  /// (`nil`: each task's own).
  public var skill: Change<String?>?
  /// The tasks reclassified, by task number.
  public var tasks: [TaskReclassification]

  public init(
    fields: [String: Change<String?>], priority: Change<Int>? = nil, skill: Change<String?>? = nil,
    tasks: [TaskReclassification] = []
  ) {
    self.fields = fields
    self.priority = priority
    self.skill = skill
    self.tasks = tasks
  }

  /// A value before and after a change.
  public struct Change<Value: Sendable & Hashable>: Sendable, Hashable {
    public var before: Value
    public var after: Value

    public init(_ before: Value, _ after: Value) {
      self.before = before
      self.after = after
    }
  }
}

/// How one task's classification changed: only what changed is given.
public struct TaskReclassification: Sendable, Hashable {
  public var task: Int
  public var priority: CaseUpdate.Change<Int>?
  /// The workgroup whose workbin holds it.
  public var target: CaseUpdate.Change<String>?
  /// The skill its distribution offers it by (`nil`: none).
  public var skill: CaseUpdate.Change<String?>?

  public init(
    task: Int, priority: CaseUpdate.Change<Int>? = nil, target: CaseUpdate.Change<String>? = nil,
    skill: CaseUpdate.Change<String?>? = nil
  ) {
    self.task = task
    self.priority = priority
    self.target = target
    self.skill = skill
  }

  /// Whether anything changed.
  var isEmpty: Bool { priority == nil && target == nil && skill == nil }
}
