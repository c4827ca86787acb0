#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The scratch directories of the benchmarks that drive `dcmc` on stores: made fresh under the
/// directory the user names (on the disk to measure), removed with everything in them.
package enum Scratch {
  /// A new directory `DIRECTORY/dcmc-NAME-XXXXXX`; exit status 2 when it cannot be made.
  package static func make(in directory: String, _ name: String) -> String {
    var template = Array("\(directory)/dcmc-\(name)-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
      print("benchmark failed: cannot make a directory in \(directory)")
      exit(2)
    }
    return String(cString: made)
  }

  /// Removes `path` and everything under it.
  package static func remove(_ path: String) throws {
    _ = try ChildProcess(executable: "/bin/rm", arguments: ["-rf", path], outputPath: "/dev/null").run()
  }
}
