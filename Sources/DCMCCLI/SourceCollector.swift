import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns the paths on the command line into the list of YAML files to read: files as
/// given, directories walked (sorted, hidden entries skipped) for `*.yaml` and `*.yml`,
/// `-` for standard input.
enum SourceCollector {
  struct Unreadable: Error {
    var message: String
  }

  static func files(for paths: [String]) throws(Unreadable) -> [String] {
    var files: [String] = []
    for path in paths {
      if path == "-" {
        files.append(path)
        continue
      }
      var info = stat()
      guard stat(path, &info) == 0 else {
        throw Unreadable(message: FileError.system(operation: "read", path: path, code: errno).description)
      }
      if info.st_mode & S_IFMT == S_IFDIR {
        try walk(path, into: &files)
      } else {
        files.append(path)
      }
    }
    return files
  }

  private static func walk(_ directory: String, into files: inout [String]) throws(Unreadable) {
    guard let handle = opendir(directory) else {
      throw Unreadable(message: FileError.system(operation: "read", path: directory, code: errno).description)
    }
    var names: [(name: String, isDirectory: Bool)] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name.hasPrefix(".") { continue }
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      var info = stat()
      guard stat(path, &info) == 0 else { continue }
      names.append((name, info.st_mode & S_IFMT == S_IFDIR))
    }
    closedir(handle)
    for (name, isDirectory) in names.sorted(by: { $0.name < $1.name }) {
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      if isDirectory {
        try walk(path, into: &files)
      } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
        files.append(path)
      }
    }
  }
}
