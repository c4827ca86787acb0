public import DCMCBundle

/// The flow of a compiled case type as a graph: stages as clusters, tasks as nodes labelled
/// with their target and OLA, outcomes as labelled edges, escalations dashed, stage changes
/// bold, and one terminal node per resolution. `mermaid` and `dot` render it.
public struct FlowGraph: Sendable {
  public enum Style: Sendable { case normal, escalation, stageChange }

  public struct Node: Sendable {
    /// Unique and safe in both formats: `t_` + task id, `c_` + resolution, `start`.
    public var id: String
    public var lines: [String]
  }

  public struct Cluster: Sendable {
    /// `s_` + stage id.
    public var id: String
    public var label: String
    public var nodes: [Node]
  }

  public struct Edge: Sendable {
    public var from: String
    public var to: String
    public var label: String
    public var style: Style
    /// For a stage change: the cluster the edge leaves (drawn from its border).
    public var fromCluster: String?
  }

  public var title: String
  public var start: Node
  public var clusters: [Cluster]
  public var terminals: [Node]
  public var edges: [Edge]

  public init(_ caseType: BundleCaseType) {
    title = caseType.id
    start = Node(id: "start", lines: ["\(caseType.name): case created"])
    clusters = caseType.stages.map { stage in
      Cluster(id: "s_" + stage.id, label: stage.name, nodes: stage.tasks.map(Self.node))
    }
    var resolutions: Set<String> = []
    var edges: [Edge] = []
    func startTasks(of stageID: String) -> [String] {
      caseType.stages.first { $0.id == stageID }?.startTasks ?? []
    }
    if let first = caseType.stages.first {
      edges += first.startTasks.map {
        Edge(from: "start", to: "t_" + $0, label: "", style: .normal)
      }
    }
    for task in caseType.tasks {
      let from = "t_" + task.id
      let escalationTask = Self.nextEscalationTask(after: task.id, in: caseType.escalation)
      for outcome in task.outcomes {
        var label = outcome.code
        if outcome.pend { label += " (pend)" }
        if let assign = outcome.assign { label += " (assign \(assign))" }
        if let resolution = outcome.close {
          resolutions.insert(resolution)
          edges.append(Edge(from: from, to: "c_" + resolution, label: label, style: .normal))
        }
        for started in outcome.start {
          edges.append(Edge(from: from, to: "t_" + started, label: label, style: .normal))
        }
        if let stage = outcome.stage {
          edges += startTasks(of: stage).map {
            Edge(from: from, to: "t_" + $0, label: label, style: .normal)
          }
        }
        if outcome.escalate, let escalationTask {
          edges.append(
            Edge(from: from, to: "t_" + escalationTask, label: label, style: .escalation))
        }
      }
      if let escalationTask, task.ola?.onBreach.contains(where: { $0.action == .escalate }) == true {
        edges.append(
          Edge(from: from, to: "t_" + escalationTask, label: "OLA breached", style: .escalation))
      }
    }
    for (index, stage) in caseType.stages.enumerated() {
      guard let last = stage.tasks.last else { continue }
      let next =
        index + 1 < caseType.stages.count
        ? caseType.stages[index + 1].startTasks.map { "t_" + $0 } : []
      if next.isEmpty { resolutions.insert("completed") }
      for target in next.isEmpty ? ["c_completed"] : next {
        edges.append(
          Edge(
            from: "t_" + last.id, to: target, label: "stage done", style: .stageChange,
            fromCluster: "s_" + stage.id))
      }
    }
    terminals = resolutions.sorted().map { Node(id: "c_" + $0, lines: ["closed: \($0)"]) }
    self.edges = Self.merged(edges)
  }

  private static func node(_ task: BundleTask) -> Node {
    var lines = [task.name]
    if task.kind != .work { lines[0] += " (\(task.kind.rawValue))" }
    let choices = task.target.map { choice in
      choice.when.map { "\(choice.to) when \($0.text)" } ?? choice.to
    }
    lines.append("target: " + choices.joined(separator: ", else "))
    if let ola = task.ola {
      lines.append("OLA \(ola.within.text) (\(ola.within.calendar))")
    } else {
      lines.append("no OLA")
    }
    return Node(id: "t_" + task.id, lines: lines)
  }

  /// The task escalated work goes to: the first level's task for an ordinary task, the next
  /// level's for an escalation task; `nil` at the last level or without escalation.
  private static func nextEscalationTask(after task: String, in levels: [BundleEscalationLevel])
    -> String?
  {
    guard let level = levels.firstIndex(where: { $0.task == task }) else {
      return levels.first?.task
    }
    return level + 1 < levels.count ? levels[level + 1].task : nil
  }

  /// Edges with the same ends and style become one, their labels joined.
  private static func merged(_ edges: [Edge]) -> [Edge] {
    var result: [Edge] = []
    for edge in edges {
      if let index = result.firstIndex(where: {
        $0.from == edge.from && $0.to == edge.to && $0.style == edge.style
          && $0.fromCluster == edge.fromCluster
      }) {
        if !edge.label.isEmpty {
          result[index].label += (result[index].label.isEmpty ? "" : ", ") + edge.label
        }
      } else {
        result.append(edge)
      }
    }
    return result
  }
}
