import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Foundation
import Testing

/// A case type as typed, or a bundle hash as a store file holds it, becomes part of a file
/// name only when it can be one: anything else is refused, never trapped on.
struct HostileNameTests {
  static let now = Instant(secondsSinceEpoch: 1_772_442_000)

  @Test(arguments: ["!!!", "", String(repeating: "a", count: 200)])
  func aCaseTypeThatCannotNameAFileIsAnUnknownCaseType(type: String) throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let error = try #require(throws: ServiceError.self) {
      try fixture.store().create(type: type, fields: [:], requestID: nil, by: "alice", at: Self.now)
    }
    #expect("\(error)".hasPrefix("unknown case type '"))
    #expect(try fixture.store().cases().isEmpty)
  }

  @Test(arguments: ["sha256:", "sha256:not-hex", "sha256:" + String(repeating: "0", count: 200)])
  func aDeploymentNamingNoBundleFileIsRefused(hash: String) throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    try Data(#"{"bundle":"\#(hash)"}"#.utf8).write(to: URL(fileURLWithPath: fixture.root + "/deployment.json"))
    let error = try #require(throws: ServiceError.self) {
      try fixture.store().create(
        type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.now)
    }
    #expect("\(error)".contains("it is not in the store"))
  }
}
