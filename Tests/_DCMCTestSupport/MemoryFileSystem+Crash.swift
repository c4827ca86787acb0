/// The states a power cut could leave a `MemoryFileSystem` in, CrashMonkey's way.
///
/// A cut after the first `k` recorded operations keeps every operation that a later
/// operation before the cut made durable, and any subset of the others:
/// - a write or truncation of a file is durable once that file is `fsync`ed or
///   `fdatasync`ed after it;
/// - a new name, a removed name or a rename is durable once its directory (for a rename,
///   both) is `fsync`ed after it; syncing a file never makes its name durable;
/// - a `syncfs` makes every operation before it durable;
/// - a write that is not durable may be lost, kept whole, kept as its first half (a torn
///   write), kept as its second half only (pages written back out of order), or leave only
///   zeros where the file grew (its size reached the disk, its data did not); any other
///   operation that is not durable is kept or lost.
/// This is more than a real file system allows (ext4 keeps more order), so a store that
/// recovers from all of these states recovers from any real one.
extension MemoryFileSystem {
  /// How a write that was not durable reached the disk.
  enum WriteOutcome: CaseIterable {
    case lost, whole, firstHalf, secondHalf, zeros
  }

  /// The number of operations recorded since the last `checkpoint()`.
  package var operationCount: Int { locked { operations.count } }

  /// Every state a cut after any number of recorded operations can leave.
  package func crashStates() -> Set<Tree> {
    var states: Set<Tree> = []
    for cut in 0...operationCount { states.formUnion(crashStates(afterOperations: cut)) }
    return states
  }

  /// Every state a cut after the first `cut` recorded operations can leave.
  package func crashStates(afterOperations cut: Int) -> Set<Tree> {
    let (base, recorded) = locked { (durableInodes, Array(operations.prefix(cut))) }
    let durable = MemoryFileSystem.durability(recorded)
    let open = recorded.indices.filter { !durable[$0] && !MemoryFileSystem.isSync(recorded[$0]) }
    let choices = open.map { MemoryFileSystem.outcomes(recorded[$0]) }
    let total = choices.reduce(1, *)
    precondition(total <= 1 << 16, "too many crash states (\(total)): record a shorter command")
    var states: Set<Tree> = []
    for combination in 0..<total {
      var chosen = [Int: Int]()
      var rest = combination
      for (slot, index) in open.enumerated() {
        chosen[index] = rest % choices[slot]
        rest /= choices[slot]
      }
      var inodes = base
      for (index, operation) in recorded.enumerated() {
        MemoryFileSystem.replay(operation, outcome: durable[index] ? nil : chosen[index], into: &inodes)
      }
      states.insert(MemoryFileSystem.tree(of: inodes))
    }
    return states
  }

  /// The one state a cut after the first `cut` recorded operations (all of them: `nil`) leaves
  /// when every operation not yet durable is lost: the harshest power loss for what a writer
  /// acknowledged, and one state however many operations were recorded.
  package func stateLosingEverythingNotDurable(afterOperations cut: Int? = nil) -> Tree {
    let (base, recorded) = locked { (durableInodes, Array(operations.prefix(cut ?? operations.count))) }
    let durable = MemoryFileSystem.durability(recorded)
    var inodes = base
    for (index, operation) in recorded.enumerated() {
      MemoryFileSystem.replay(operation, outcome: durable[index] ? nil : 0, into: &inodes)
    }
    return MemoryFileSystem.tree(of: inodes)
  }

  /// The cuts (numbers of recorded operations) just before each `fsync` or `fdatasync` of the
  /// file at `path`: where a power loss finds what was written to it since not yet durable.
  package func cutsBeforeFlushing(_ path: String) -> [Int] {
    locked {
      guard let (parent, name) = try? locateParent(path), let inode = entries(parent)[name] else { return [] }
      return operations.indices.filter { index in
        if case .synchronizeFile(inode) = operations[index] { return true }
        return false
      }
    }
  }

  /// The cuts just before each `syncfs` recorded.
  package func cutsBeforeFlushingEverything() -> [Int] {
    locked {
      operations.indices.filter { index in
        if case .synchronizeAll = operations[index] { return true }
        return false
      }
    }
  }

  /// The cuts just before each flush of any kind recorded (`fsync`, `fdatasync`, a
  /// directory's `fsync`, `syncfs`).
  package func cutsBeforeEveryFlush() -> [Int] {
    locked { operations.indices.filter { MemoryFileSystem.isSync(operations[$0]) } }
  }

  static func isSync(_ operation: Operation) -> Bool {
    switch operation {
    case .synchronizeFile, .synchronizeDirectory, .synchronizeAll: true
    default: false
    }
  }

  /// For each operation, whether a later one in `operations` made it durable.
  static func durability(_ operations: [Operation]) -> [Bool] {
    var syncedFiles: Set<Int> = []
    var syncedDirectories: Set<Int> = []
    var durable = [Bool](repeating: false, count: operations.count)
    var syncedAll = false
    for index in operations.indices.reversed() {
      if syncedAll {
        durable[index] = true
        continue
      }
      switch operations[index] {
      case .synchronizeAll: syncedAll = true
      case .synchronizeFile(let inode): syncedFiles.insert(inode)
      case .synchronizeDirectory(let inode): syncedDirectories.insert(inode)
      case .write(let inode, _, _), .truncate(let inode, _): durable[index] = syncedFiles.contains(inode)
      case .link(let directory, _, _, _), .unlink(let directory, _):
        durable[index] = syncedDirectories.contains(directory)
      case .rename(let from, _, let to, _, _):
        durable[index] = syncedDirectories.contains(from) && syncedDirectories.contains(to)
      }
    }
    return durable
  }

  /// How many ways an operation that is not durable can reach the disk.
  static func outcomes(_ operation: Operation) -> Int {
    if case .write(_, _, let bytes) = operation { return bytes.count >= 2 ? WriteOutcome.allCases.count : 3 }
    return 2
  }

  /// Applies `operation` to `inodes`: whole when `outcome` is `nil` (durable), else as the
  /// `outcome`-th of its ways (0 is always "lost").
  static func replay(_ operation: Operation, outcome: Int?, into inodes: inout [Int: Inode]) {
    if outcome == 0 { return }
    switch operation {
    case .synchronizeFile, .synchronizeDirectory, .synchronizeAll:
      return
    case .link(let directory, let name, let inode, let isDirectory):
      if inodes[inode] == nil { inodes[inode] = isDirectory ? .directory([:]) : .file([]) }
      setEntry(directory, name, inode, in: &inodes)
    case .unlink(let directory, let name):
      guard case .directory(var entries) = inodes[directory] else { return }
      entries[name] = nil
      inodes[directory] = .directory(entries)
    case .rename(let from, let fromName, let to, let toName, let inode):
      if case .directory(var entries) = inodes[from], entries[fromName] == inode {
        entries[fromName] = nil
        inodes[from] = .directory(entries)
      }
      if inodes[inode] == nil { inodes[inode] = .file([]) }
      setEntry(to, toName, inode, in: &inodes)
    case .truncate(let inode, let length):
      inodes[inode] = .file(truncated(fileBytes(inode, inodes), to: length))
    case .write(let inode, let offset, let bytes):
      let old = fileBytes(inode, inodes)
      let half = bytes.count / 2
      let kind = outcome.map { WriteOutcome.allCases[bytes.count >= 2 ? $0 : [0, 1, 4][$0]] } ?? .whole
      let new: [UInt8]
      switch kind {
      case .lost: new = old
      case .whole: new = written(bytes, at: offset, into: old)
      case .firstHalf: new = written(Array(bytes.prefix(half)), at: offset, into: old)
      case .secondHalf:
        new = written(Array(bytes.suffix(bytes.count - half)), at: offset + half, into: old)
      case .zeros: new = truncated(old, to: max(old.count, offset + bytes.count))
      }
      inodes[inode] = .file(new)
    }
  }

  private static func fileBytes(_ inode: Int, _ inodes: [Int: Inode]) -> [UInt8] {
    guard case .file(let bytes) = inodes[inode] else { return [] }
    return bytes
  }

  private static func setEntry(_ directory: Int, _ name: String, _ inode: Int, in inodes: inout [Int: Inode]) {
    guard case .directory(var entries) = inodes[directory] ?? .directory([:]) else { return }
    entries[name] = inode
    inodes[directory] = .directory(entries)
  }
}
