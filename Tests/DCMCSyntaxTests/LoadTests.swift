import DCMCDiagnostics
import DCMCSyntax
import Foundation
import Testing

@Suite struct LoadTests {
  @Test func loadingAFileNamesItsRangesAfterThePathAsGiven() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dcmc-load-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("calendar.yaml").path
    try Data("kind: Calendar\nid: office\n".utf8).write(to: URL(fileURLWithPath: path))
    let file = try YAMLReader.load(path: path)
    #expect(file.diagnostics.isEmpty)
    #expect(file.source.name == path)
    #expect(file.root?.text("id") == "office")
    #expect(file.root?["id"]?.range.file == path)
  }

  @Test func aMissingFileThrowsAReadErrorThatNamesIt() {
    let path = "/nonexistent-\(UUID().uuidString)/case.yaml"
    #expect(throws: ReadError.unreadable(path: path, reason: "no such file or directory")) {
      try YAMLReader.load(path: path)
    }
    let error = ReadError.unreadable(path: "x", reason: "no such file or directory")
    #expect(error.description == "cannot read 'x': no such file or directory")
  }

  @Test func aDirectoryThrowsAReadError() {
    let path = FileManager.default.temporaryDirectory.path
    #expect(throws: ReadError.unreadable(path: path, reason: "is a directory")) {
      try YAMLReader.load(path: path)
    }
  }
}
