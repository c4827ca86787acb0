public import DCMCCalendar

extension Distribution {
  /// A user who may be offered work, as the application's presence registry and directory
  /// see them now.
  public struct Candidate: Sendable, Hashable {
    public var user: String
    /// Only a ready user is offered work.
    public var isReady: Bool
    /// The later of when they last became ready and when they last finished a task: the
    /// longest waiting is offered first.
    public var waitingSince: Instant
    /// Their capacity less the weight of the tasks they hold, offers included.
    public var freeCapacity: Int
    /// Proficiency (0...100) per skill; a skill not listed counts 0.
    public var skills: [String: Int]
    /// The workgroups they are a member of: they are offered only these workbins' tasks.
    public var workgroups: Set<String>

    public init(
      user: String, isReady: Bool, waitingSince: Instant, freeCapacity: Int, skills: [String: Int],
      workgroups: Set<String>
    ) {
      self.user = user
      self.isReady = isReady
      self.waitingSince = waitingSince
      self.freeCapacity = freeCapacity
      self.skills = skills
      self.workgroups = workgroups
    }

    /// Whether they may be offered `task` at `now`, room aside: a member of its target whose
    /// proficiency reaches its tier, and who did not decline it less than its time-out ago.
    public func mayTake(_ task: QueuedTask, at now: Instant) -> Bool {
      isReady && workgroups.contains(task.target) && proficiency(for: task) >= task.minimumProficiency
        && !task.declines.contains { $0.user == user && $0.until > now }
    }

    /// Their proficiency in `task`'s skill; 0 for a task without one.
    public func proficiency(for task: QueuedTask) -> Int { task.skill.flatMap { skills[$0] } ?? 0 }

    /// Whether they come before `other` for `task`: waited longer, else more proficient in
    /// its skill, else the smaller id.
    public func waitedLonger(than other: Candidate, for task: QueuedTask) -> Bool {
      if waitingSince != other.waitingSince { return waitingSince < other.waitingSince }
      let (mine, theirs) = (proficiency(for: task), other.proficiency(for: task))
      return mine != theirs ? mine > theirs : user < other.user
    }
  }

  /// A queued push task, unoffered, as its case holds it now (`Engine.queuedTask(_:of:)`).
  public struct QueuedTask: Sendable, Hashable {
    public var urgency: Urgency
    /// The workgroup whose workbin holds it.
    public var target: String
    /// How much of a user's capacity it takes.
    public var weight: Int
    /// The skill its tiers rank users on; `nil` for a task distributed by no skill.
    public var skill: String?
    /// The proficiency its current tier asks; 0 without tiers.
    public var minimumProficiency: Int
    /// Who declined it, and until when they are not offered it again.
    public var declines: [TaskDecline]

    public init(
      urgency: Urgency, target: String, weight: Int, skill: String?, minimumProficiency: Int,
      declines: [TaskDecline]
    ) {
      self.urgency = urgency
      self.target = target
      self.weight = weight
      self.skill = skill
      self.minimumProficiency = minimumProficiency
      self.declines = declines
    }

    /// The task's id, `TEC-000042.3`.
    public var id: String { urgency.task }
  }

  /// One offer to make: the `Command.offer` of `task` to `user`.
  public struct Offer: Sendable, Hashable {
    public var task: String
    public var user: String

    public init(task: String, user: String) {
      self.task = task
      self.user = user
    }
  }
}
