/// A task definition, resolved.
public struct BundleTask: Sendable, Hashable, Encodable {
  public enum Kind: String, Sendable, Hashable, Encodable, CaseIterable {
    case work, approval, form
  }

  public var id: String
  public var name: String
  public var description: String?
  public var kind: Kind
  /// Marked `start: true` in its stage.
  public var start: Bool
  /// Tried in order; the first entry whose condition holds (or that has none) gives the
  /// workgroup. The last entry has no condition.
  public var target: [BundleTargetChoice]
  public var ola: BundleServiceLevel?
  /// The task's own priority; `nil`: the case's.
  public var priority: Int?
  /// Sorted by code (outcomes are a YAML mapping, whose order carries no meaning).
  public var outcomes: [BundleOutcome]
  /// The form of a `form` task; empty otherwise.
  public var fields: [BundleField]
  public var distribution: BundleDistribution?
  /// The task's own `mode`; `nil`: its workgroup's, else pull.
  public var mode: BundleDistributionMode?
  /// The task's own offer time-out in seconds (`offerTimeoutSeconds`); `nil`: its
  /// workgroup's, else the default.
  public var offerTimeoutSeconds: Int?
  /// How much of a member's capacity it takes, 1...100 (1 in bundles compiled before push).
  public var weight: Int
  /// Members may claim it, not only take what `task next` gives.
  public var allowClaim: Bool

  private enum CodingKeys: String, CodingKey {
    case id, name, description, kind, start, target, ola, priority, outcomes, fields, distribution, mode, weight
    case offerTimeoutSeconds = "offer_timeout_seconds"
    case allowClaim = "allow_claim"
  }

  /// The offer time-outs the checker accepts, in seconds (DC2021).
  public static let offerTimeoutSeconds = 5...3600
  /// The offer time-out when neither the task nor its workgroup gives one, in seconds.
  public static let defaultOfferTimeoutSeconds = 30
  /// The weights the checker accepts (DC4020).
  public static let weights = 1...100

  public init(
    id: String, name: String, description: String?, kind: Kind, start: Bool,
    target: [BundleTargetChoice],
    ola: BundleServiceLevel?, priority: Int?, outcomes: [BundleOutcome], fields: [BundleField],
    distribution: BundleDistribution?, mode: BundleDistributionMode? = nil, offerTimeoutSeconds: Int? = nil,
    weight: Int = 1, allowClaim: Bool = false
  ) {
    self.id = id
    self.name = name
    self.description = description
    self.kind = kind
    self.start = start
    self.target = target
    self.ola = ola
    self.priority = priority
    self.outcomes = outcomes
    self.fields = fields
    self.distribution = distribution
    self.mode = mode
    self.offerTimeoutSeconds = offerTimeoutSeconds
    self.weight = weight
    self.allowClaim = allowClaim
  }
}

/// How a task reaches advisors: pulled with `task next`, or pushed as offers.
public enum BundleDistributionMode: String, Sendable, Hashable, Encodable, CaseIterable {
  case pull, push
}

/// One entry of a task's target: a workgroup, under a condition unless it is the default.
public struct BundleTargetChoice: Sendable, Hashable, Encodable {
  public var when: BundleCondition?
  public var to: String

  public init(when: BundleCondition?, to: String) {
    self.when = when
    self.to = to
  }
}

/// A wrap-up code and its actions; an outcome with none only ends the task.
public struct BundleOutcome: Sendable, Hashable, Encodable {
  public var code: String
  /// Closes the case with this resolution.
  public var close: String?
  /// Task ids to create, in the order written.
  public var start: [String]
  /// Who gets the started tasks: `original` or a user id.
  public var assign: String?
  public var escalate: Bool
  /// Moves the case to this stage.
  public var stage: String?
  public var pend: Bool
  public var set: [BundleAssignment]

  public init(
    code: String, close: String?, start: [String], assign: String?, escalate: Bool, stage: String?,
    pend: Bool,
    set: [BundleAssignment]
  ) {
    self.code = code
    self.close = close
    self.start = start
    self.assign = assign
    self.escalate = escalate
    self.stage = stage
    self.pend = pend
    self.set = set
  }
}

/// Skills-based distribution: members at or above each tier in turn.
public struct BundleDistribution: Sendable, Hashable, Encodable {
  public var skill: String
  /// Strictly descending proficiencies, 0...100.
  public var tiers: [Int]
  /// How long each tier lasts while the task is unassigned, on the task's OLA calendar.
  public var expandAfter: BundleDuration

  private enum CodingKeys: String, CodingKey {
    case skill, tiers
    case expandAfter = "expand_after"
  }

  public init(skill: String, tiers: [Int], expandAfter: BundleDuration) {
    self.skill = skill
    self.tiers = tiers
    self.expandAfter = expandAfter
  }
}
