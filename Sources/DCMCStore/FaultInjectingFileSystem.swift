/// A `FileSystem` that passes every call to `base`, except those its `FaultPlan` picks,
/// which fail with the plan's `errno`, as a disk error would. A failing `write` first writes
/// half of its bytes, as a short write followed by an error leaves a file.
///
/// A class because the tests share one counter with the store that uses it.
/// `@unchecked Sendable`: `calls` and `failures` are only read or written with `lock` held.
package final class FaultInjectingFileSystem: FileSystem, @unchecked Sendable {
  package let base: any FileSystem
  package let plan: FaultPlan
  private let lock = SystemMutex()
  private var calls = 0
  private var failures = 0

  package init(base: any FileSystem, plan: FaultPlan) {
    self.base = base
    self.plan = plan
  }

  /// How many calls the plan has made fail so far.
  package var failureCount: Int { lock.withLock { failures } }

  /// Counts a call of `kind` and throws the planned error when it is the one to fail.
  private func check(_ kind: OperationKind, _ operation: String, _ path: String) throws(StoreError) {
    let fails = lock.withLock { () -> Bool in
      guard plan.kind == nil || plan.kind == kind else { return false }
      calls += 1
      let fails = calls == plan.call || (plan.persistent && calls > plan.call)
      if fails { failures += 1 }
      return fails
    }
    if fails { throw .system(operation: operation, path: path, code: plan.code) }
  }

  package func open(_ path: String, _ mode: OpenMode) throws(StoreError) -> FileDescriptor {
    try check(.open, "open", path)
    return try base.open(path, mode)
  }

  package func close(_ file: FileDescriptor) { base.close(file) }

  package func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(StoreError) {
    do {
      try check(.write, "write", file.path)
    } catch {
      try? base.write(file, Array(bytes.prefix(bytes.count / 2)), at: offset)
      throw error
    }
    try base.write(file, bytes, at: offset)
  }

  package func read(_ file: FileDescriptor) throws(StoreError) -> [UInt8] {
    try check(.read, "read", file.path)
    return try base.read(file)
  }

  package func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(StoreError) {
    try check(.synchronize, kind == .data ? "fdatasync" : "fsync", file.path)
    try base.synchronize(file, kind)
  }

  package func truncate(_ file: FileDescriptor, to length: Int) throws(StoreError) {
    try check(.truncate, "truncate", file.path)
    try base.truncate(file, to: length)
  }

  package func lock(_ file: FileDescriptor, wait: Bool) throws(StoreError) -> Bool {
    try check(.lock, "lock", file.path)
    return try base.lock(file, wait: wait)
  }

  package func rename(_ source: String, to destination: String) throws(StoreError) {
    try check(.rename, "rename", source)
    try base.rename(source, to: destination)
  }

  package func link(_ existing: String, as newPath: String) throws(StoreError) {
    try check(.link, "link", existing)
    try base.link(existing, as: newPath)
  }

  package func unlink(_ path: String) throws(StoreError) {
    try check(.unlink, "unlink", path)
    try base.unlink(path)
  }

  package func makeDirectory(_ path: String) throws(StoreError) {
    try check(.makeDirectory, "mkdir", path)
    try base.makeDirectory(path)
  }

  package func removeDirectory(_ path: String) throws(StoreError) {
    try check(.removeDirectory, "rmdir", path)
    try base.removeDirectory(path)
  }

  package func synchronizeDirectory(_ path: String) throws(StoreError) {
    try check(.synchronizeDirectory, "fsync", path)
    try base.synchronizeDirectory(path)
  }

  package func list(_ directory: String) throws(StoreError) -> [DirectoryEntry] {
    try check(.list, "list", directory)
    return try base.list(directory)
  }
}
