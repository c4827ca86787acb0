import DCMCFiles
import Foundation

/// The real file system, recording each call of `kinds` as its operation and its path in the
/// store (`fdatasync streams/TEC-000001.log`, `list workbins/first_line`): what a test counts
/// of a command's flushes or of a check's listings.
package final class CallLog: ForwardingFileSystem, @unchecked Sendable {
  package let base: any FileSystem = PosixFileSystem()
  let root: String
  let kinds: Set<OperationKind>
  private let lock = NSLock()
  private var recorded: [String] = []

  package init(root: String, kinds: Set<OperationKind>) {
    self.root = root
    self.kinds = kinds
  }

  /// The calls recorded so far, in order.
  package func calls() -> [String] { lock.withLock { recorded } }

  package func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
    guard kinds.contains(kind) else { return }
    let relative = path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    lock.withLock { recorded.append(operation + " " + relative) }
  }
}
