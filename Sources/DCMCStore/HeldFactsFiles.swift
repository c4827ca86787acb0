import DCMCFiles
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `facts/pending` and the day files one process's last write lock used, kept open for its
/// next lock (`docs/store.md`, "Report facts", "Held open across locks"): a long-lived
/// process (`serve`, a benchmark) then makes one `lstat` of each path per lock where it made
/// an open, an `fstat` and a close.
///
/// A descriptor is used again only when the path still names its file: the `lstat` of the
/// path gives the same device and inode as the descriptor had when it was opened (an inode
/// cannot be reused while a descriptor holds it). Every way dcmc replaces or removes these
/// files (another process's `store rebuild`, a day file a redo rewrites, the journal replaced
/// empty) puts another inode at the path, or none, and the descriptor is then closed and the
/// path opened again, so a held descriptor never writes a file the store no longer names.
/// The size the `lstat` gives is the file's end (nothing else writes it under the lock).
///
/// A day file also keeps the byte ranges this process appended to it (`written`): the
/// settling's check that a range the journal names holds whole facts is for what a power
/// cut leaves, which no process outlives, so a range this process wrote to the file still
/// at the path is whole without reading it back. Ranges other processes wrote are read.
///
/// Only under the write lock: `FactsJournal` takes the files when it opens and gives them
/// back when it closes, both under the lock that serializes every process and thread.
final class HeldFactsFiles: Sendable {
  /// An open file and which file it is (device and inode when opened).
  struct Held: Sendable {
    var file: FileDescriptor
    var status: FileStatus
    /// The ranges this process appended to it (day files only): the few the journal names,
    /// scanned, where a `Set` hashed each range (`docs/performance.md`, stop 22).
    var written: [PendingFacts.Range] = []
  }

  struct Files: Sendable {
    var fileSystem: (any FileSystem)?
    var journal: Held?
    /// The journal's bytes as the last lock left them, and how far it parsed them: the next
    /// lock parses only what follows, when the journal still begins with those bytes.
    var parsed: (bytes: [UInt8], pending: PendingFacts)?
    var days: [Int: Held] = [:]
  }

  private let files = Mutex(Files())

  init() {}

  deinit {
    files.withLock { Self.close($0) }
  }

  /// The files the last lock kept, for this lock (none are left here meanwhile).
  func take() -> Files {
    files.withLock { held in
      let taken = held
      held = Files()
      return taken
    }
  }

  /// Keeps `kept` for the next lock.
  func keep(_ kept: Files) {
    files.withLock { held in
      Self.close(held)
      held = kept
    }
  }

  static func close(_ files: Files) {
    guard let fileSystem = files.fileSystem else { return }
    if let journal = files.journal { fileSystem.close(journal.file) }
    for day in files.days.values { fileSystem.close(day.file) }
  }

  /// `held` when the path it was opened at (the descriptor's, so no lock builds the path
  /// again) still names its file, with the file's size now; else `nil`, `held` closed. A
  /// failed `lstat` closes it too.
  static func reuse(_ held: Held?, _ fileSystem: any FileSystem) throws(StoreError) -> (held: Held, size: Int)? {
    guard let held else { return nil }
    let now: FileStatus?
    do throws(StoreError) { now = try io(fileSystem.status(held.file.path)) } catch {
      fileSystem.close(held.file)
      throw error
    }
    guard let now, now.isSameFile(as: held.status) else {
      fileSystem.close(held.file)
      return nil
    }
    return (held, now.size)
  }
}
