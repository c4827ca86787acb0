import DCMCApplication
import DCMCRuntime
import Synchronization
import Testing
import _DCMCTestSupport

/// A holder's tasks of every workbin (`task list --mine`, `GET /api/v1/tasks?mine=true`, the
/// desk's "My tasks") are read from the held tasks, not from every workbin: a store with
/// thousands of open cases answered the desk in 1.1-1.7 s (qa5, 3,000 cases, debug build).
@Suite struct HeldTaskListTests {
  /// The queries of an in-memory store, counting the reads of every active task.
  final class CountingQueries: CaseQueries {
    let inner: InMemoryCaseRepository
    let activeReads = Mutex(0)

    init(_ inner: InMemoryCaseRepository) { self.inner = inner }

    func cases(_ filter: CaseFilter) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage]) {
      try inner.cases(filter)
    }
    func activeTasks(in targets: [String]?) throws(RepositoryError)
      -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
    {
      activeReads.withLock { $0 += 1 }
      return try inner.activeTasks(in: targets)
    }
    func queuedTasks(in target: String, after position: Urgency?, limit: Int) throws(RepositoryError)
      -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
    { try inner.queuedTasks(in: target, after: position, limit: limit) }
    func heldTasks(of user: String) throws(RepositoryError)
      -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
    { try inner.heldTasks(of: user) }
  }

  @Test func aHoldersTasksAreReadFromTheHeldTasksNotFromEveryWorkbin() throws {
    let repository = CountingRepository()
    let queries = CountingQueries(repository.inner)
    let service = try repository.referenceService(queries: queries)
    let form = [
      "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
      "Problem_Description": "no signal",
    ]
    for _ in 0..<3 { _ = try service.create(type: "technical", fields: form, request: nil, by: "alice") }
    let taken = try service.claimNext(by: "alice").task
    queries.activeReads.withLock { $0 = 0 }
    #expect(try service.tasks(inWorkbin: nil, heldBy: "alice").map(\.task.id) == [taken.id])
    #expect(try service.tasks(inWorkbin: nil, heldBy: "bob").isEmpty)
    #expect(queries.activeReads.withLock { $0 } == 0)
    // A workbin's list still reads that workbin, the held task among the others.
    #expect(try service.tasks(inWorkbin: "employees_group").count == 3)
    #expect(try service.tasks(inWorkbin: "employees_group", heldBy: "alice").map(\.task.id) == [taken.id])
  }
}
