import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Foundation
import Testing

/// A history record that checks out (length, CRC) but is no event: the case cannot be read,
/// and the error names the file, the record and why.
struct CaseStoreMalformedRecordTests {
  @Test(arguments: [
    (
      #"{"at":{"secondsSinceEpoch":1},"change":{"taskExploded":{}},"seq":2}"#, "unknown change at 'change.taskExploded'"
    ),
    (
      #"{"at":{"secondsSinceEpoch":1},"change":{"taskOpened":{"task":"1"}},"seq":2}"#,
      "expected an integer, found a string at 'change.taskOpened.task'"
    ),
    (#"{"at":{"secondsSinceEpoch":1},"change":{"cancelled":{}}}"#, "missing key 'seq'"),
    (#"{"at":{"secondsSinceEpoch":1},"change":{"cancel"#, "unterminated string (byte 47)"),
  ])
  func aMalformedRecordIsReportedWithItsNumber(_ payload: String, _ reason: String) throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let created = try store.create(
      type: "technical", fields: technicalForm("m1"), requestID: nil, by: "alice",
      at: CaseStoreDerivedFileTests.now)
    let id = try StoreID(created.id)
    try store.store.write { transaction throws(StoreError) in
      _ = try transaction.append([Array(payload.utf8)], to: id)
    }
    let count = try #require(try store.store.history(of: id)).records.count
    let path = fixture.root + "/streams/\(created.id).log"
    let expected = StoreError.malformedRecord(path: path, reason: "record \(count): \(reason)")
    #expect(expected.description == "malformed record in '\(path)': record \(count): \(reason)")
    let error = try #require(throws: RepositoryError.self) { _ = try store.history(of: id) }
    guard case .unavailable(let found) = error else {
      Issue.record("\(error)")
      return
    }
    #expect(found as? StoreError == expected)
    // Reading the case, the malformed history is that case's damage, which lists go past.
    let damage = try #require(throws: RepositoryError.self) { _ = try store.readCase(id) }
    guard case .damaged(let damaged) = damage else {
      Issue.record("\(damage)")
      return
    }
    #expect(damaged == CaseDamage(caseID: created.id, problem: expected.description))
  }
}
