import DCMCFiles
import Foundation

/// A `FileSystem` that passes every call to `base`, except those its `FaultPlan` picks,
/// which fail with the plan's `errno`, as a disk error would. A failing `write` first writes
/// half of its bytes, as a short write followed by an error leaves a file.
///
/// A class because the tests share one counter with the store that uses it.
/// `@unchecked Sendable`: `calls` and `failures` are only read or written with `lock` held.
package final class FaultInjectingFileSystem: ForwardingFileSystem, @unchecked Sendable {
  package let base: any FileSystem
  package let plan: FaultPlan
  private let lock = NSLock()
  private var calls = 0
  private var failures = 0

  package init(base: any FileSystem, plan: FaultPlan) {
    self.base = base
    self.plan = plan
  }

  /// How many calls the plan has made fail so far.
  package var failureCount: Int { lock.withLock { failures } }

  /// Counts a call of `kind` and throws the planned error when it is the one to fail.
  package func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
    let fails = lock.withLock { () -> Bool in
      guard plan.kind == nil || plan.kind == kind else { return false }
      calls += 1
      let fails = calls == plan.call || (plan.persistent && calls > plan.call)
      if fails { failures += 1 }
      return fails
    }
    if fails { throw .system(operation: operation, path: path, code: plan.code) }
  }

  package func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(FileError) {
    do {
      try willCall(.write, "write", file.path)
    } catch {
      try? base.write(file, Array(bytes.prefix(bytes.count / 2)), at: offset)
      throw error
    }
    try base.write(file, bytes, at: offset)
  }
}
