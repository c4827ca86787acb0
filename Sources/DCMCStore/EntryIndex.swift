#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A derived index kept as empty files, `<store>/<index>/<key...>/<entry>`, so adding or
/// removing an entry costs one file operation and a lookup lists one directory.
///
/// Entries are added durably (the directory is flushed) before the command whose result
/// they index is appended, and removed lazily after it: a crash can leave an entry that
/// points at nothing due, which its reader drops, never a missing one.
struct EntryIndex: Sendable {
  let fileSystem: any FileSystem
  /// The index's directory.
  let directory: String

  func add(_ entry: String, under key: [String]) throws(StoreError) {
    var path = directory
    for component in [""] + key {
      if !component.isEmpty { path += "/" + component }
      do {
        try fileSystem.makeDirectory(path)
        try fileSystem.synchronizeDirectory(parent(of: path))
      } catch where error.code == EEXIST {}
    }
    do {
      fileSystem.close(try fileSystem.open(path + "/" + entry, .createExclusive))
      try fileSystem.synchronizeDirectory(path)
    } catch where error.code == EEXIST {}
  }

  /// Removes an entry, and its key's directories when they become empty.
  func remove(_ entry: String, under key: [String]) throws(StoreError) {
    var path = ([directory] + key).joined(separator: "/")
    do { try fileSystem.unlink(path + "/" + entry) } catch where error.code == ENOENT {}
    for _ in key {
      do { try fileSystem.removeDirectory(path) } catch where error.code == ENOTEMPTY || error.code == EEXIST || error.code == ENOENT {
        return
      }
      path = parent(of: path)
    }
  }

  /// The names under `key` (sub-keys or entries), sorted; none when the key is absent.
  func names(under key: [String]) throws(StoreError) -> [String] {
    do {
      return try fileSystem.list(([directory] + key).joined(separator: "/")).map(\.name).filter { !$0.hasPrefix(".") }
        .sorted()
    } catch where error.code == ENOENT {
      return []
    }
  }

  private func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
  }
}
