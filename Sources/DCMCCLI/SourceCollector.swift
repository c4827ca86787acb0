import DCMCFiles
import DCMCSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns the paths on the command line into the list of YAML files to read: files as
/// given, directories walked (sorted, hidden entries skipped) for `*.yaml` and `*.yml`,
/// `-` for standard input. A directory named that holds no YAML file is refused (exit 2).
///
/// Directories are listed through DCMCFiles' `FileSystem.list`, which never follows a
/// symbolic link: a path named on the command line is followed (it is listed as `path/`,
/// and a trailing slash resolves a link), but inside the walk a link to a directory is not
/// entered, so a link back up the tree can neither loop nor read a file twice; a link to a
/// file is read like the file. The walk goes at most `DefinitionFiles.maximumDepth`
/// directories down.
enum SourceCollector {
  struct Unreadable: Error {
    var message: String
  }

  static func files(for paths: [String]) throws(Unreadable) -> [String] {
    let fileSystem = PosixFileSystem()
    var files: [String] = []
    for path in paths {
      if path == "-" {
        files.append(path)
        continue
      }
      // An empty path (an unset variable, a NUL in an argument) would be read as '/' below:
      // the walk of the whole file system.
      guard !path.isEmpty else { throw Unreadable(message: "cannot read '': the path is empty") }
      let directory = path.hasSuffix("/") ? path : path + "/"
      let entries: [DirectoryEntry]
      do throws(FileError) {
        entries = try fileSystem.list(directory)
      } catch where error.code == ENOTDIR {
        // A file, or a path the reader will refuse with its own words.
        files.append(path)
        continue
      } catch {
        throw unreadable(path, error)
      }
      let found = files.count
      try walk(directory, entries, depth: 0, fileSystem: fileSystem, into: &files) { error throws(Unreadable) in
        throw error
      }
      // A directory named on the command line that holds no definition is a wrong path, not
      // an empty set of definitions: deploying that would replace every case type with none.
      guard files.count > found else {
        throw Unreadable(message: "no definitions in '\(path)': it holds no .yaml or .yml file")
      }
    }
    return files
  }

  /// The YAML files under the directory `path`, walked as `files(for:)` walks a directory
  /// but past what cannot be read: each directory that cannot be read (or lies too deep) is
  /// left out with its reason in `unreadable`, and the walk goes on. A directory that does
  /// not exist holds no file.
  static func readableFiles(under path: String) -> (files: [String], unreadable: [String]) {
    let fileSystem = PosixFileSystem()
    let directory = path.hasSuffix("/") ? path : path + "/"
    var files: [String] = []
    var problems: [String] = []
    do throws(FileError) {
      let entries = try fileSystem.list(directory)
      walk(directory, entries, depth: 0, fileSystem: fileSystem, into: &files) { problems.append($0.message) }
    } catch where error.code == ENOENT || error.code == ENOTDIR {
      return ([], [])
    } catch {
      problems.append(unreadable(path, error).message)
    }
    return (files, problems)
  }

  /// Adds the YAML files among `entries` of `directory` (which ends with `/`), and those of
  /// its subdirectories, in name order; a subdirectory that cannot be read goes to `failed`,
  /// which throws to end the walk or returns to go on without it.
  private static func walk<Failure: Error>(
    _ directory: String, _ entries: [DirectoryEntry], depth: Int, fileSystem: any FileSystem,
    into files: inout [String], failed: (Unreadable) throws(Failure) -> Void
  ) throws(Failure) {
    for entry in entries.sorted(by: { $0.name < $1.name }) where !DefinitionFiles.isHidden(entry.name) {
      let path = directory + entry.name
      if entry.isDirectory {
        guard depth < DefinitionFiles.maximumDepth else {
          try failed(
            Unreadable(
              message:
                "cannot read '\(path)': directories nested more than \(DefinitionFiles.maximumDepth) levels deep"))
          continue
        }
        let children: [DirectoryEntry]
        do throws(FileError) {
          children = try fileSystem.list(path)
        } catch {
          try failed(unreadable(path, error))
          continue
        }
        try walk(path + "/", children, depth: depth + 1, fileSystem: fileSystem, into: &files, failed: failed)
      } else if DefinitionFiles.isYAML(entry.name) {
        files.append(path)
      }
    }
  }

  /// `cannot read 'path': reason`, as every unreadable input is worded.
  private static func unreadable(_ path: String, _ error: FileError) -> Unreadable {
    guard let code = error.code else { return Unreadable(message: error.description) }
    return Unreadable(
      message: FileError.system(operation: "read", path: path, code: code).description)
  }
}
