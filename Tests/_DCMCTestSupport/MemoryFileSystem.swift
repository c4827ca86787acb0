import DCMCFiles
import Foundation

/// A file system in memory that records every change it makes, so tests can build the
/// states a power cut could leave (`crashStates()`, in `MemoryFileSystem+Crash.swift`).
///
/// Files and directories are inodes, as on disk: a name is an entry in a directory that
/// points to an inode, so renames, links and unlinks act on entries, and writes on inodes.
/// Symbolic links do not exist here; `lock` always succeeds (one process).
///
/// A class because the tests and the store share one file system.
/// `@unchecked Sendable`: every stored property but `mutex` is only read or written with
/// `mutex` held (`locked`).
package final class MemoryFileSystem: FileSystem, @unchecked Sendable {
  /// A file's bytes, or a directory's entries (name to inode number).
  enum Inode: Hashable {
    case file([UInt8])
    case directory([String: Int])
  }

  /// A change, as recorded since the last `checkpoint()`.
  enum Operation {
    case link(directory: Int, name: String, inode: Int, isDirectory: Bool)
    case unlink(directory: Int, name: String)
    case rename(fromDirectory: Int, fromName: String, toDirectory: Int, toName: String, inode: Int)
    case write(inode: Int, offset: Int, bytes: [UInt8])
    case truncate(inode: Int, length: Int)
    case synchronizeFile(inode: Int)
    case synchronizeDirectory(inode: Int)
    /// `syncfs`: everything recorded before it is durable.
    case synchronizeAll
  }

  /// A file system's contents by absolute path: what a test compares.
  package typealias Tree = [String: TreeEntry]

  package enum TreeEntry: Hashable, Sendable {
    case file([UInt8])
    case directory
  }

  static let rootInode = 0
  private let mutex = NSLock()
  /// The inodes as they are now.
  var inodes: [Int: Inode] = [rootInode: .directory([:])]
  /// The inodes at the last checkpoint, all of them on disk.
  var durableInodes: [Int: Inode] = [rootInode: .directory([:])]
  /// The changes since the last checkpoint, in order.
  var operations: [Operation] = []
  var nextInode = 1
  private var descriptors: [Int32: Int] = [:]
  func descriptorInode(_ number: Int32) -> Int? { descriptors[number] }
  private var nextDescriptor: Int32 = 3

  /// An empty file system: only the root directory `/`.
  package init() {}

  /// A file system holding `tree`, all of it durable.
  package init(tree: Tree) {
    for path in tree.keys.sorted(by: { $0.count < $1.count }) {
      guard let (parent, name) = try? locateParent(path) else { continue }
      let inode = nextInode
      nextInode += 1
      if case .file(let bytes) = tree[path]! { inodes[inode] = .file(bytes) } else { inodes[inode] = .directory([:]) }
      setEntry(parent, name, inode)
    }
    durableInodes = inodes
  }

  /// Declares everything written so far durable and starts a new recording.
  package func checkpoint() {
    locked {
      durableInodes = inodes
      operations.removeAll()
    }
  }

  /// The current contents by absolute path.
  package func tree() -> Tree { locked { MemoryFileSystem.tree(of: inodes) } }

  package func open(_ path: String, _ mode: OpenMode) throws(FileError) -> FileDescriptor {
    try locked { () throws(FileError) -> FileDescriptor in
      let (parent, name) = try locateParent(path)
      var inode = entries(parent)[name]
      switch (mode, inode) {
      case (.createExclusive, .some): throw .system(operation: "open", path: path, code: EEXIST)
      case (.read, nil), (.readWrite, nil): throw .system(operation: "open", path: path, code: ENOENT)
      case (.createExclusive, nil), (.lockFile, nil):
        inode = nextInode
        nextInode += 1
        inodes[inode!] = .file([])
        setEntry(parent, name, inode!)
        operations.append(.link(directory: parent, name: name, inode: inode!, isDirectory: false))
      default: break
      }
      guard case .file = inodes[inode!]! else { throw .system(operation: "open", path: path, code: EISDIR) }
      let number = nextDescriptor
      nextDescriptor += 1
      descriptors[number] = inode!
      return FileDescriptor(number: number, path: path)
    }
  }

  package func close(_ file: FileDescriptor) {
    locked { _ = descriptors.removeValue(forKey: file.number) }
  }

  package func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(FileError) {
    try locked { () throws(FileError) in
      let inode = try descriptor(file)
      inodes[inode] = .file(MemoryFileSystem.written(bytes, at: offset, into: contents(inode)))
      operations.append(.write(inode: inode, offset: offset, bytes: bytes))
    }
  }

  package func read(_ file: FileDescriptor) throws(FileError) -> [UInt8] {
    try locked { () throws(FileError) in try contents(descriptor(file)) }
  }

  package func read(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8] {
    try locked { () throws(FileError) in
      let bytes = try contents(descriptor(file))
      return Array(bytes[min(offset, bytes.count)..<min(offset + count, bytes.count)])
    }
  }

  package func size(_ file: FileDescriptor) throws(FileError) -> Int {
    try locked { () throws(FileError) in try contents(descriptor(file)).count }
  }

  /// The inode a name points to and its size (device 0): names and descriptors are told
  /// apart as on disk, so a descriptor held open sees a rename over its name.
  package func status(_ path: String) throws(FileError) -> FileStatus? {
    try locked { () throws(FileError) -> FileStatus? in
      let (parent, name) = try locateParent(path)
      guard let inode = entries(parent)[name] else { return nil }
      return FileStatus(device: 0, inode: UInt64(inode), size: contents(inode).count)
    }
  }

  package func status(_ file: FileDescriptor) throws(FileError) -> FileStatus? {
    try locked { () throws(FileError) -> FileStatus? in
      let inode = try descriptor(file)
      return FileStatus(device: 0, inode: UInt64(inode), size: contents(inode).count)
    }
  }

  package func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(FileError) {
    try locked { () throws(FileError) in operations.append(.synchronizeFile(inode: try descriptor(file))) }
  }

  package func synchronizeFileSystem(_ file: FileDescriptor) throws(FileError) {
    try locked { () throws(FileError) in
      _ = try descriptor(file)
      operations.append(.synchronizeAll)
    }
  }

  package func truncate(_ file: FileDescriptor, to length: Int) throws(FileError) {
    try locked { () throws(FileError) in
      let inode = try descriptor(file)
      inodes[inode] = .file(MemoryFileSystem.truncated(contents(inode), to: length))
      operations.append(.truncate(inode: inode, length: length))
    }
  }

  package func lock(_ file: FileDescriptor, wait: Bool) throws(FileError) -> Bool {
    try locked { () throws(FileError) in _ = try descriptor(file) }
    return true
  }

  package func rename(_ source: String, to destination: String) throws(FileError) {
    try locked { () throws(FileError) in
      let (from, fromName) = try locateParent(source)
      let (to, toName) = try locateParent(destination)
      guard let inode = entries(from)[fromName] else { throw .system(operation: "rename", path: source, code: ENOENT) }
      if let existing = entries(to)[toName], case .directory = inodes[existing]! {
        throw .system(operation: "rename", path: source, code: EISDIR)
      }
      removeEntry(from, fromName)
      setEntry(to, toName, inode)
      operations.append(.rename(fromDirectory: from, fromName: fromName, toDirectory: to, toName: toName, inode: inode))
    }
  }

  package func link(_ existing: String, as newPath: String) throws(FileError) {
    try locked { () throws(FileError) in
      let (from, fromName) = try locateParent(existing)
      let (to, toName) = try locateParent(newPath)
      guard let inode = entries(from)[fromName] else { throw .system(operation: "link", path: existing, code: ENOENT) }
      guard case .file = inodes[inode]! else { throw .system(operation: "link", path: existing, code: EPERM) }
      guard entries(to)[toName] == nil else { throw .system(operation: "link", path: existing, code: EEXIST) }
      setEntry(to, toName, inode)
      operations.append(.link(directory: to, name: toName, inode: inode, isDirectory: false))
    }
  }

  package func unlink(_ path: String) throws(FileError) {
    try locked { () throws(FileError) in
      let (parent, name) = try locateParent(path)
      guard let inode = entries(parent)[name] else { throw .system(operation: "unlink", path: path, code: ENOENT) }
      guard case .file = inodes[inode]! else { throw .system(operation: "unlink", path: path, code: EISDIR) }
      removeEntry(parent, name)
      operations.append(.unlink(directory: parent, name: name))
    }
  }

  package func makeDirectory(_ path: String) throws(FileError) {
    try locked { () throws(FileError) in
      let (parent, name) = try locateParent(path)
      guard entries(parent)[name] == nil else { throw .system(operation: "mkdir", path: path, code: EEXIST) }
      let inode = nextInode
      nextInode += 1
      inodes[inode] = .directory([:])
      setEntry(parent, name, inode)
      operations.append(.link(directory: parent, name: name, inode: inode, isDirectory: true))
    }
  }

  package func removeDirectory(_ path: String) throws(FileError) {
    try locked { () throws(FileError) in
      let (parent, name) = try locateParent(path)
      guard let inode = entries(parent)[name] else { throw .system(operation: "rmdir", path: path, code: ENOENT) }
      guard case .directory(let children) = inodes[inode]! else {
        throw .system(operation: "rmdir", path: path, code: ENOTDIR)
      }
      guard children.isEmpty else { throw .system(operation: "rmdir", path: path, code: ENOTEMPTY) }
      removeEntry(parent, name)
      operations.append(.unlink(directory: parent, name: name))
    }
  }

  package func synchronizeDirectory(_ path: String) throws(FileError) {
    try locked { () throws(FileError) in
      operations.append(.synchronizeDirectory(inode: try directoryInode(path, operation: "fsync")))
    }
  }

  /// Runs `body` with `mutex` held.
  func locked<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
    mutex.lock()
    defer { mutex.unlock() }
    return try body()
  }

  package func list(_ directory: String) throws(FileError) -> [DirectoryEntry] {
    try locked { () throws(FileError) in
      entries(try directoryInode(directory, operation: "list")).map { name, inode in
        if case .directory = inodes[inode]! {
          DirectoryEntry(name: name, isDirectory: true)
        } else {
          DirectoryEntry(name: name, isDirectory: false)
        }
      }
    }
  }
}
