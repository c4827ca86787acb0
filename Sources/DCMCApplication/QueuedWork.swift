import DCMCRuntime

/// The queued tasks of several workbins, merged most urgent first (`Urgency`) and read a page
/// at a time (`CaseQueries.queuedTasks`): a user becoming ready takes from the head of their
/// workbins' queues, and only as much of them is read as they take or pass over.
struct QueuedWork {
  /// One page of a workbin's queue, most urgent first, after `after`.
  typealias Read = (_ target: String, _ after: Urgency?, _ limit: Int) throws(ServiceError) -> [(
    task: TaskState, of: CaseState
  )]

  private struct Workbin {
    var waiting: [(task: TaskState, of: CaseState)] = []
    var last: Urgency?
    var exhausted = false
  }

  private let read: Read
  private let pageSize: Int
  private var workbins: [String: Workbin]

  /// The queues of `targets`, read by `read`, `pageSize` tasks at a time.
  init(_ targets: [String], pageSize: Int, read: @escaping Read) {
    self.read = read
    self.pageSize = max(1, pageSize)
    workbins = Dictionary(targets.map { ($0, Workbin()) }) { first, _ in first }
  }

  /// The most urgent task not given yet, across the workbins; `nil` once every queue ends.
  mutating func next() throws(ServiceError) -> (task: TaskState, of: CaseState)? {
    var best: (target: String, urgency: Urgency)?
    for target in workbins.keys.sorted() {
      guard var workbin = workbins[target] else { continue }
      if workbin.waiting.isEmpty, !workbin.exhausted {
        let page = try read(target, workbin.last, pageSize)
        workbin.waiting = page.reversed()
        workbin.last = page.last?.task.urgency
        workbin.exhausted = page.count < pageSize
        workbins[target] = workbin
      }
      guard let head = workbin.waiting.last?.task.urgency else { continue }
      if best.map({ head < $0.urgency }) ?? true { best = (target, head) }
    }
    guard let best else { return nil }
    return workbins[best.target]?.waiting.popLast()
  }
}
