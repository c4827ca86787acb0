import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc deploy --store DIR` makes a store only in a new or empty directory (or its own).
@Suite struct DeployCommandTests {
  @Test func deployRefusesADirectoryOfOtherFiles() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let place = directory.url.appendingPathComponent("photos")
    try FileManager.default.createDirectory(at: place, withIntermediateDirectories: false)
    try Data("jpeg".utf8).write(to: place.appendingPathComponent("holiday.jpg"))
    let refused = try BinaryRunner.run(["deploy", "definitions", "--store", place.path])
    #expect(refused.status == 2)
    #expect(
      refused.stderr
        == "dcmc: '\(place.path)' is not a dcmc store: it has no store.json and holds 'holiday.jpg'; "
        + "give an empty directory or a new path\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: place.path) == ["holiday.jpg"])
    let fresh = directory.url.appendingPathComponent("store").path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", fresh]).status == 0)
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", fresh]).status == 0)
  }
}
