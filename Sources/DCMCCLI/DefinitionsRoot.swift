#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The directory a command's definitions are rooted in, and the names a bundle records their
/// files under: relative to it, so the same definitions compile to the same bytes from any
/// checkout and by any spelling of their path (SPEC 10: `definitions`, `./definitions/` and
/// `/home/ana/repo/definitions` gave three bundles, three hashes, before 6 December 2026).
///
/// The root is the deepest directory holding every path named: a directory named is its own
/// root, a file's is the directory it is in (`dcmc compile definitions` and `dcmc compile
/// definitions/*.yaml` record `technical.yaml`). Paths are resolved (`realpath`: symbolic
/// links followed, `.` and `..` gone) before they are compared. Standard input (`-`) and a
/// path that does not resolve keep the name they were read under.
struct DefinitionsRoot {
  /// The resolved root, without a trailing `/` (empty for `/`); `nil` when no path resolved.
  let directory: String?

  init(paths: [String]) {
    var common: [Substring]?
    for path in paths where path != "-" {
      guard let resolved = ResolvedPath.existing(path) else { continue }
      let parts = resolved.split(separator: "/")
      let holder = Self.isDirectory(resolved) ? parts : Array(parts.dropLast())
      common = common.map { Array(zip($0, holder).prefix { $0 == $1 }.map(\.0)) } ?? holder
    }
    directory = common.map { $0.isEmpty ? "" : "/" + $0.joined(separator: "/") }
  }

  /// The name `file` (as read) is recorded under: its path below the root.
  func name(of file: String) -> String {
    guard file != "-", let directory, let resolved = ResolvedPath.existing(file), resolved.hasPrefix(directory + "/") else {
      return file
    }
    return String(resolved.dropFirst(directory.count + 1))
  }

  private static func isDirectory(_ path: String) -> Bool {
    var information = stat()
    return stat(path, &information) == 0 && (information.st_mode & S_IFMT) == S_IFDIR
  }
}
