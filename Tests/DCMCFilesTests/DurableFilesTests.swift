import DCMCFiles
import Foundation
import Testing
import _DCMCTestSupport

/// `DurableFiles.replace` without a backup name, as `dcmc compile -o` writes: every state a
/// power cut can leave holds the old file or the new one, and once it returns, the new one.
@Suite struct DurableFilesTests {
  static let old: [UInt8] = Array(#"{"bundle":"old"}"#.utf8)
  static let new: [UInt8] = Array(#"{"bundle":"new","more":true}"#.utf8)

  static func replace(on fileSystem: any FileSystem) throws(FileError) {
    try DurableFiles(fileSystem: fileSystem).replace(
      "/out/b.json", with: new, temporary: "/out/b.json.tmp-7", backup: nil, directory: "/out")
  }

  @Test func aPowerCutLeavesTheOldFileOrTheNewAndAReturnedReplaceIsDurable() throws {
    let fileSystem = MemoryFileSystem(tree: ["/out": .directory, "/out/b.json": .file(Self.old)])
    try Self.replace(on: fileSystem)
    #expect(fileSystem.tree() == ["/out": .directory, "/out/b.json": .file(Self.new)])
    var seen: Set<[UInt8]?> = []
    for state in fileSystem.crashStates() {
      let content: [UInt8]? = if case .file(let bytes) = state["/out/b.json"] { bytes } else { nil }
      #expect(content == Self.old || content == Self.new, "a power cut left a mix")
      seen.insert(content)
    }
    #expect(seen == [Self.old, Self.new])
    for state in fileSystem.crashStates(afterOperations: fileSystem.operationCount) {
      #expect(state["/out/b.json"] == .file(Self.new), "a returned replace was lost")
    }
  }

  @Test(arguments: [OperationKind.open, .write, .synchronize, .rename])
  func aFailedStepBeforeTheRenameLeavesTheOldFileAndNoTemporary(kind: OperationKind) throws {
    let memory = MemoryFileSystem(tree: ["/out": .directory, "/out/b.json": .file(Self.old)])
    let plan = FaultPlan(kind: kind, call: 1, persistent: false, code: EIO)
    let failing = FaultInjectingFileSystem(base: memory, plan: plan)
    #expect(throws: FileError.self) { try Self.replace(on: failing) }
    #expect(memory.tree() == ["/out": .directory, "/out/b.json": .file(Self.old)])
  }
}
