import DCMCFiles

/// A `FileSystem` that passes every call to `base`, after `willCall`: a test's wrapper
/// implements only the calls it changes, or `willCall` to watch, fail or stop them all.
package protocol ForwardingFileSystem: FileSystem {
  var base: any FileSystem { get }
  /// Runs before every call but `close`, with the call's kind and the operation and path
  /// its error would name; throwing makes the call fail without reaching `base`. Does
  /// nothing unless implemented.
  func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError)
}

/// A kind of `FileSystem` call. `close` is not one: nothing relies on it (durability comes
/// from the syncs), so it is never failed or counted.
package enum OperationKind: String, CaseIterable, Sendable {
  case open, write, read, synchronize, truncate, lock, rename, link, unlink, makeDirectory, removeDirectory
  case synchronizeDirectory, synchronizeFileSystem, list
}

extension ForwardingFileSystem {
  package func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {}

  package func open(_ path: String, _ mode: OpenMode) throws(FileError) -> FileDescriptor {
    try willCall(.open, "open", path)
    return try base.open(path, mode)
  }

  package func close(_ file: FileDescriptor) { base.close(file) }

  package func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(FileError) {
    try willCall(.write, "write", file.path)
    try base.write(file, bytes, at: offset)
  }

  package func read(_ file: FileDescriptor) throws(FileError) -> [UInt8] {
    try willCall(.read, "read", file.path)
    return try base.read(file)
  }

  package func read(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8] {
    try willCall(.read, "read", file.path)
    return try base.read(file, at: offset, count: count)
  }

  package func readOnce(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8] {
    try willCall(.read, "pread", file.path)
    return try base.readOnce(file, at: offset, count: count)
  }

  package func size(_ file: FileDescriptor) throws(FileError) -> Int {
    try willCall(.read, "stat", file.path)
    return try base.size(file)
  }

  package func status(_ path: String) throws(FileError) -> FileStatus? {
    try willCall(.read, "stat", path)
    return try base.status(path)
  }

  package func status(_ file: FileDescriptor) throws(FileError) -> FileStatus? {
    try willCall(.read, "stat", file.path)
    return try base.status(file)
  }

  package func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(FileError) {
    try willCall(.synchronize, kind == .data ? "fdatasync" : "fsync", file.path)
    try base.synchronize(file, kind)
  }

  package func synchronizeFileSystem(_ file: FileDescriptor) throws(FileError) {
    try willCall(.synchronizeFileSystem, "syncfs", file.path)
    try base.synchronizeFileSystem(file)
  }

  package func truncate(_ file: FileDescriptor, to length: Int) throws(FileError) {
    try willCall(.truncate, "truncate", file.path)
    try base.truncate(file, to: length)
  }

  package func lock(_ file: FileDescriptor, wait: Bool) throws(FileError) -> Bool {
    try willCall(.lock, "lock", file.path)
    return try base.lock(file, wait: wait)
  }

  package func rename(_ source: String, to destination: String) throws(FileError) {
    try willCall(.rename, "rename", source)
    try base.rename(source, to: destination)
  }

  package func link(_ existing: String, as newPath: String) throws(FileError) {
    try willCall(.link, "link", existing)
    try base.link(existing, as: newPath)
  }

  package func unlink(_ path: String) throws(FileError) {
    try willCall(.unlink, "unlink", path)
    try base.unlink(path)
  }

  package func makeDirectory(_ path: String) throws(FileError) {
    try willCall(.makeDirectory, "mkdir", path)
    try base.makeDirectory(path)
  }

  package func removeDirectory(_ path: String) throws(FileError) {
    try willCall(.removeDirectory, "rmdir", path)
    try base.removeDirectory(path)
  }

  package func synchronizeDirectory(_ path: String) throws(FileError) {
    try willCall(.synchronizeDirectory, "fsync", path)
    try base.synchronizeDirectory(path)
  }

  package func list(_ directory: String) throws(FileError) -> [DirectoryEntry] {
    try willCall(.list, "list", directory)
    return try base.list(directory)
  }
}
