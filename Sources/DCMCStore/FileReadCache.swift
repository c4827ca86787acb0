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

  private let entries: KeptValues<Entry>
  var limit: Int { entries.limit }

  init(limit: Int = 4096) {
    entries = KeptValues(limit: limit)
  }

  /// The value kept for `key` when its file still has `identity`.
  func value(_ key: String, identity: String) -> Value? {
    guard let entry = entries.value(key), entry.identity == identity else { return nil }
    return entry.value
  }

  func keep(_ value: Value, for key: String, identity: String) {
    entries.keep(Entry(identity: identity, value: value), for: key)
  }

  var count: Int { entries.count }
}

/// Values kept by key, at most `limit` of them: a new key beyond it empties the store first
/// (a server that looks up a million customers keeps a bounded set, the recent ones). What a
/// `FileReadCache` keeps, and what a key alone decides (`emailIndexFiles`: an address's index
/// file, named by its SHA-256).
final class KeptValues<Value: Sendable>: Sendable {
  private let entries = Mutex<[String: Value]>([:])
  let limit: Int

  init(limit: Int = 4096) {
    self.limit = max(1, limit)
  }

  func value(_ key: String) -> Value? { entries.withLock { $0[key] } }

  func keep(_ value: Value, for key: String) {
    entries.withLock { entries in
      if entries[key] == nil, entries.count >= limit { entries.removeAll(keepingCapacity: true) }
      entries[key] = value
    }
  }

  /// The value kept for `key`, else `make()`'s, kept.
  func value(_ key: String, making make: () -> Value) -> Value {
    if let kept = value(key) { return kept }
    let made = make()
    keep(made, for: key)
    return made
  }

  var count: Int { entries.withLock { $0.count } }
}
