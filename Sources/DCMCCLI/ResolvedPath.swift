import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Paths resolved before they are compared: symbolic links followed, `.` and `..` gone, so
/// two spellings of one directory compare equal (`definitions` and `./definitions/`; `s6` and
/// `./s6/`).
enum ResolvedPath {
  /// `path` resolved (`realpath`), without a trailing `/`; `nil` when it does not exist.
  static func existing(_ path: String) -> String? {
    guard let pointer = realpath(path, nil) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  /// `path` as it would resolve once made: its deepest existing ancestor resolved, the rest
  /// of its components (which name nothing yet, so no link) applied to it in order; `nil`
  /// when not even the working directory resolves, or for an empty path (which names nothing).
  static func planned(_ path: String) -> String? {
    guard !path.isEmpty else { return nil }
    var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    var missing: [String] = []
    while !parts.isEmpty {
      let prefix = parts.joined(separator: "/")
      if let base = existing(prefix.isEmpty ? "/" : prefix) { return applied(missing.reversed(), to: base) }
      missing.append(parts.removeLast())
    }
    return existing(".").map { applied(missing.reversed(), to: $0) }
  }

  /// The file `path` names, symbolic links followed, as its device and inode: two paths name
  /// one file when these are equal (`FileStatus.isSameFile`), whatever the spelling, link or
  /// hard link between them; `nil` when nothing is there.
  static func file(_ path: String) -> FileStatus? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileStatus(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size))
  }

  /// Whether resolved path `inner` is `outer` or lies below it.
  static func isWithin(_ inner: String, _ outer: String) -> Bool {
    inner == outer || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
  }

  private static func applied(_ components: [String], to base: String) -> String {
    var parts = base.split(separator: "/").map(String.init)
    for component in components where !component.isEmpty && component != "." {
      if component == ".." { _ = parts.popLast() } else { parts.append(component) }
    }
    return "/" + parts.joined(separator: "/")
  }
}
