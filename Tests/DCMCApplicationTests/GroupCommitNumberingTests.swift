import DCMCApplication
import Testing
import _DCMCTestSupport

/// `GroupCommit.nextSequence` (`dcmc serve`'s numbering): the store's last number is read
/// for a type's first number and after a conflict, not for every create (on PostgreSQL a
/// statement each), and a number another process took is not lost or given twice.
@Suite struct GroupCommitNumberingTests {
  typealias Counting = DeploymentReadTests.Counting

  /// The case `service` creates, and the reads of the last number it made.
  static func create(_ service: CaseService, on repository: Counting) throws -> (id: String, reads: Int) {
    repository.sequenceReads.withLock { $0 = 0 }
    let created = try service.create(type: "technical", fields: DeploymentReadTests.form, request: nil, by: "alice")
    return (created.id, repository.sequenceReads.withLock { $0 })
  }

  @Test func aServerReadsTheLastNumberOnlyForTheFirstAndAfterAnotherProcessTookOne() throws {
    let repository = Counting()
    var serving = try DeploymentReadTests.service(repository)
    serving.committer = GroupCommit(repository: repository)
    // Another process on the same store: no committer, every create reads the last number.
    let other = try DeploymentReadTests.service(repository)

    var made = try (0..<3).map { _ in try Self.create(serving, on: repository) }
    #expect(made.map(\.id) == ["TEC-000001", "TEC-000002", "TEC-000003"])
    #expect(made.map(\.reads) == [1, 0, 0])

    // Another process takes 4: the server tries 4 without reading, its append conflicts, and
    // the retry reads the last number and takes 5. No gap, no number twice.
    #expect(try Self.create(other, on: repository).id == "TEC-000004")
    made = try (0..<2).map { _ in try Self.create(serving, on: repository) }
    #expect(made.map(\.id) == ["TEC-000005", "TEC-000006"])
    // After that conflict the next numbers are read again (another process numbers the type
    // too), so the two do not conflict at each create.
    #expect(made.map(\.reads) == [1, 1])
    #expect(try Self.create(other, on: repository).id == "TEC-000007")
    let last = try Self.create(serving, on: repository)
    #expect(last.id == "TEC-000008" && last.reads == 1)
  }

  /// A create refused after it took a number (here: a form the rules refuse) gives it back, so
  /// a server's refused requests leave no gap in the references; a number handed to another
  /// request since stays unused.
  @Test func aRefusedCreateGivesItsNumberBack() throws {
    let repository = Counting()
    var serving = try DeploymentReadTests.service(repository)
    let committer = GroupCommit(repository: repository)
    serving.committer = committer
    #expect(try Self.create(serving, on: repository).id == "TEC-000001")
    for _ in 0..<3 {
      #expect(throws: ServiceError.self) {
        try serving.create(type: "technical", fields: [:], request: nil, by: "alice")
      }
    }
    #expect(try Self.create(serving, on: repository).id == "TEC-000002")
    // Given back only while it is the last handed out: 3 is handed to a request, 4 to another,
    // and 3 given back then is not handed out again.
    let third = try committer.nextSequence(of: "technical", after: nil)
    let fourth = try committer.nextSequence(of: "technical", after: nil)
    committer.giveBack(third, of: "technical")
    #expect(try committer.nextSequence(of: "technical", after: nil) == fourth + 1)
  }
}
