import DCMCApplication
import DCMCPostgres
import Testing
import _DCMCTestSupport

/// audit36 M3 on PostgreSQL: `store verify` checks each attachment a history records against
/// its row in `dcmc_attachments`, by the file store's rule (`Attachment.damage(ofKept:)`).
/// Against a real server.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresAttachmentVerifyTests {
  @Test func verifyNamesAnAttachmentChangedOrGone() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let first = try store.technical()
    let attached = try store.at(90).attach(
      name: "scan.txt", bytes: Array("hello attach\n".utf8), toCase: first.id, by: "alice")
    let place = try #require(attached.attachments.first?.stored)
    let repository = try PostgresCaseRepository.open(url: url)
    #expect(try repository.verify().problems == [])
    let line = "case '\(first.id)': attachment '\(place)' in 'dcmc_attachments' "
    let connection = try PostgresConnection(url: url)
    try connection.query("UPDATE dcmc_attachments SET bytes = $2 WHERE place = $1", [.string(place), .bytes(Array("hello ATTACH\n".utf8))])
    #expect(try repository.verify().problems == [line + "does not hold the content its name stands for; restore it from a backup"])
    try connection.query("UPDATE dcmc_attachments SET bytes = $2 WHERE place = $1", [.string(place), .bytes(Array("tampered".utf8))])
    #expect(try repository.verify().problems == [line + "holds 8 bytes where its event recorded 13; restore it from a backup"])
    try connection.query("DELETE FROM dcmc_attachments WHERE place = $1", [.string(place)])
    #expect(try repository.verify().problems == [line + "is missing; restore it from a backup"])
  }
}
