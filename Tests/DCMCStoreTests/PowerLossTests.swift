import DCMCFiles
import DCMCStore
import Testing
import _DCMCTestSupport

/// CrashMonkey's method: record a command's file operations, build every state a power cut
/// during it could leave, and check that each one recovers to the state before the command
/// or after it.
struct PowerLossTests {
  typealias Command = FaultInjectionTests.Command
  static let root = "/store"

  /// A store like `FaultInjectionTests.prepared()`, in memory, everything on disk.
  static func prepared() throws -> MemoryFileSystem {
    let fileSystem = MemoryFileSystem()
    let store = try Store.create(at: root, fileSystem: fileSystem)
    try store.append([#"{"type":"created"}"#], to: "C-1")
    try store.append([#"{"type":"assigned"}"#, #"{"to":"ann"}"#], to: "C-1")
    try store.replace("state.json", with: #"{"status":"open"}"#)
    fileSystem.checkpoint()
    return fileSystem
  }

  /// What a reader sees, without any repair: the histories and the files the commands touch.
  struct View: Equatable {
    var histories: [[String]?]
    var files: [[UInt8]?]

    init(_ fileSystem: any FileSystem) throws {
      let store = try Store.open(at: PowerLossTests.root, fileSystem: fileSystem)
      histories = try ["C-1", "C-2"].map { try store.texts(of: $0) }
      files = try ["state.json", "index.json"].map { try store.contents(of: StorePath($0)) }
    }
  }

  @Test(arguments: Command.allCases)
  func everyStateAPowerCutCanLeaveRecoversToBeforeOrAfter(command: Command) throws {
    let fileSystem = try Self.prepared()
    let before = fileSystem.tree()
    try command.run(Self.root, fileSystem)
    let after = fileSystem.tree()
    let views = [try View(MemoryFileSystem(tree: before)), try View(MemoryFileSystem(tree: after))]
    let states = fileSystem.crashStates()
    #expect(states.count >= 2)
    var recoveredTo: Set<MemoryFileSystem.Tree> = []
    for state in states {
      #expect(views.contains(try View(MemoryFileSystem(tree: state))), "a reader saw a mix")
      let crashed = MemoryFileSystem(tree: state)
      _ = try Store.open(at: Self.root, fileSystem: crashed).recover()
      let recovered = crashed.tree()
      #expect(recovered == before || recovered == after, "recovered to a mix")
      recoveredTo.insert(recovered)
      let next = MemoryFileSystem(tree: state)
      try Store.open(at: Self.root, fileSystem: next).append(["next"], to: "C-1")
      let history = try Store.open(at: Self.root, fileSystem: next).texts(of: "C-1")
      #expect(views.contains { $0.histories[0].map { $0 + ["next"] } == history }, "the next append saw a mix")
    }
    #expect(recoveredTo == [before, after])
    for state in fileSystem.crashStates(afterOperations: fileSystem.operationCount) {
      let crashed = MemoryFileSystem(tree: state)
      _ = try Store.open(at: Self.root, fileSystem: crashed).recover()
      #expect(crashed.tree() == after, "a command that returned was not durable")
    }
  }

  /// The append that cuts a torn tail first (`ftruncate`, `fdatasync`, then its own write):
  /// a cut anywhere in it leaves the log before the append (with or without the torn
  /// bytes, which readers skip) or after it.
  @Test func aPowerCutDuringAnAppendThatCutsATornTailRecoversToBeforeOrAfter() throws {
    let fileSystem = try Self.prepared()
    let log = Self.root + "/streams/C-1.log"
    guard case .file(let good) = fileSystem.tree()[log] else {
      Issue.record("the prepared store has no log")
      return
    }
    let file = try fileSystem.open(log, .readWrite)
    try fileSystem.write(file, Array("4 1/2 9 0123".utf8), at: good.count)
    try fileSystem.synchronize(file, .data)
    fileSystem.close(file)
    fileSystem.checkpoint()
    let torn = fileSystem.tree()
    var clean = torn
    clean[log] = .file(good)
    try Store.open(at: Self.root, fileSystem: fileSystem).append(["next"], to: "C-1")
    let after = fileSystem.tree()
    let views = [try View(MemoryFileSystem(tree: clean)), try View(MemoryFileSystem(tree: after))]
    #expect(try View(MemoryFileSystem(tree: torn)) == views[0])
    var recoveredTo: Set<MemoryFileSystem.Tree> = []
    for state in fileSystem.crashStates() {
      #expect(views.contains(try View(MemoryFileSystem(tree: state))), "a reader saw a mix")
      let crashed = MemoryFileSystem(tree: state)
      _ = try Store.open(at: Self.root, fileSystem: crashed).recover()
      recoveredTo.insert(crashed.tree())
    }
    #expect(recoveredTo == [clean, after])
    for state in fileSystem.crashStates(afterOperations: fileSystem.operationCount) {
      #expect(state == after, "a command that returned was not durable")
    }
  }

  @Test func aPowerCutDuringCreationLeavesNoStoreOrOneThatCreationCompletes() throws {
    let fileSystem = MemoryFileSystem()
    fileSystem.checkpoint()
    _ = try Store.create(at: Self.root, fileSystem: fileSystem)
    let created = fileSystem.tree()
    for state in fileSystem.crashStates() {
      let crashed = MemoryFileSystem(tree: state)
      if (try? Store.open(at: Self.root, fileSystem: crashed)) == nil {
        #expect(throws: StoreError.self) { try Store.open(at: Self.root, fileSystem: crashed).append(["x"], to: "s") }
      }
      _ = try Store.create(at: Self.root, fileSystem: crashed).recover()
      #expect(crashed.tree() == created)
    }
    for state in fileSystem.crashStates(afterOperations: fileSystem.operationCount) {
      #expect((try? Store.open(at: Self.root, fileSystem: MemoryFileSystem(tree: state))) != nil)
    }
  }

  /// The model is only useful if it catches the classic mistakes: a rename not preceded by
  /// an fsync of the data, and a rename whose directory is never synced.
  @Test func theModelCatchesAMissingFsyncBeforeRenameAndAMissingDirectoryFsync() throws {
    let fileSystem = MemoryFileSystem()
    try fileSystem.makeDirectory("/d")
    let old = try fileSystem.open("/d/file", .createExclusive)
    try fileSystem.write(old, Array("old".utf8), at: 0)
    try fileSystem.synchronize(old, .full)
    try fileSystem.synchronizeDirectory("/d")
    fileSystem.checkpoint()
    let temporary = try fileSystem.open("/d/.file.tmp", .createExclusive)
    try fileSystem.write(temporary, Array("new".utf8), at: 0)
    try fileSystem.rename("/d/.file.tmp", to: "/d/file")
    try fileSystem.synchronizeDirectory("/d")
    let final = fileSystem.crashStates(afterOperations: fileSystem.operationCount)
    #expect(final.contains { $0["/d/file"] == .file([]) }, "the renamed file lost its data")
    #expect(final.contains { $0["/d/file"] == .file(Array("new".utf8)) })
    let beforeDirectorySync = fileSystem.crashStates(afterOperations: fileSystem.operationCount - 1)
    #expect(beforeDirectorySync.contains { $0["/d/file"] == .file(Array("old".utf8)) }, "the rename was not lost")
    #expect(beforeDirectorySync.contains { $0["/d/file"] == .file(Array("ne".utf8) + [0]) } == false)
    #expect(beforeDirectorySync.contains { $0["/d/file"] == .file(Array("n".utf8)) }, "no torn write")
    #expect(beforeDirectorySync.contains { $0["/d/file"] == .file([0, 0, 0]) }, "no size without data")
  }

  /// `syncfs` makes every write and name recorded before it durable, in every file and
  /// directory, and nothing recorded after it.
  @Test func theModelMakesEverythingBeforeASyncfsDurableAndNothingAfter() throws {
    let fileSystem = MemoryFileSystem()
    try fileSystem.makeDirectory("/d")
    let first = try fileSystem.open("/d/a", .createExclusive)
    try fileSystem.write(first, Array("aa".utf8), at: 0)
    let second = try fileSystem.open("/d/b", .createExclusive)
    try fileSystem.write(second, Array("bb".utf8), at: 0)
    try fileSystem.synchronizeFileSystem(first)
    try fileSystem.write(second, Array("cc".utf8), at: 2)
    let after = fileSystem.crashStates(afterOperations: fileSystem.operationCount)
    #expect(after.allSatisfy { $0["/d/a"] == .file(Array("aa".utf8)) })
    #expect(after.contains { $0["/d/b"] == .file(Array("bb".utf8)) }, "the write after the syncfs was durable")
    #expect(after.contains { $0["/d/b"] == .file(Array("bbcc".utf8)) })
    let before = fileSystem.crashStates(afterOperations: fileSystem.operationCount - 2)
    #expect(before.contains { $0["/d/a"] == nil }, "a name was durable before the syncfs")
  }
}
