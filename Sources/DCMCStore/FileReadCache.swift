import DCMCFiles
import Synchronization

/// Values this process made of files, each kept with the file's identity when it was read
/// (`FileSystem.identity`: device, inode, size, modification and change times), so that a
/// long-lived process (`dcmc serve`) reads a file again only when it changed: one `lstat`
/// where an open, an `fstat`, two reads and a close were five calls (`docs/store.md`, "Customer
/// events", "Lookups kept by file identity").
///
/// A value is kept under the identity taken *before* its file was read: a change between the
/// `lstat` and the read leaves a value newer than its identity, which the next `lstat` finds
/// changed, never an older one. Every way dcmc changes these files gives the path another
/// identity: a replace puts another inode at it, an append makes it longer. A file cut back
/// after a failed append holds the bytes it held at that size again. What a cut of a torn tail
/// then overwritten to the same length could hide, the caller leaves out: a value read from a
/// log with a torn tail is not kept (`keep(_:for:identity:)` is not called for it).
///
/// At most `limit` entries: a new key beyond it empties the cache first (a server that looks
/// up a million customers keeps a bounded set, the recent ones).
final class FileReadCache<Value: Sendable>: Sendable {
  private struct Entry: Sendable {
    var identity: String
    var value: Value
  }

  private let entries = Mutex<[String: Entry]>([:])
  let limit: Int

  init(limit: Int = 4096) {
    self.limit = max(1, limit)
  }

  /// The value kept for `key` when its file still has `identity`.
  func value(_ key: String, identity: String) -> Value? {
    entries.withLock { entries in
      guard let entry = entries[key], entry.identity == identity else { return nil }
      return entry.value
    }
  }

  func keep(_ value: Value, for key: String, identity: String) {
    entries.withLock { entries in
      if entries[key] == nil, entries.count >= limit { entries.removeAll(keepingCapacity: true) }
      entries[key] = Entry(identity: identity, value: value)
    }
  }

  var count: Int { entries.withLock { $0.count } }
}
