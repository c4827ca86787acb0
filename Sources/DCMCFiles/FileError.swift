#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file operation failed: a system call, or a read refused because the path does not
/// name a regular file.
///
/// Each description is one lowercase line naming the path ("cannot open 'x': no such file
/// or directory"); a module above wraps the error in its own type and may word it anew
/// from `path` and `reason`.
public enum FileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A system call failed: `operation` is its name (`open`, `fdatasync`, `rename`...),
  /// `path` the file it was about, `code` the `errno` value.
  case system(operation: String, path: String, code: Int32)
  /// `path` is a device, a pipe or a socket, which a bounded read refuses (a directory is
  /// `system` with `EISDIR` there, as `read` would say), or anything but a regular file,
  /// directories too, which `PosixFileSystem`'s opens refuse.
  case notRegularFile(path: String)

  /// The `errno` value of a failed system call, `nil` for a refused read.
  public var code: Int32? {
    if case .system(_, _, let code) = self { return code }
    return nil
  }

  /// Whether the operation failed because `path` names something other than a regular file:
  /// a directory, a FIFO, a device, a socket, or a symbolic link, which opens never follow
  /// (`O_NOFOLLOW` gives `ELOOP`). What a store reports as damage of that one file, where
  /// another failure (`EIO`, `EMFILE`...) says nothing about the file.
  public var isNotRegularFile: Bool {
    switch self {
    case .notRegularFile: true
    case .system(_, _, let code): code == ELOOP || code == EISDIR
    }
  }

  /// The file the failed operation was about.
  public var path: String {
    switch self {
    case .system(_, let path, _), .notRegularFile(let path): path
    }
  }

  /// Why, lowercase: the system's explanation of `errno` ("no such file or directory"), or
  /// "not a regular file".
  public var reason: String {
    switch self {
    case .system(_, _, let code):
      let text = String(cString: strerror(code))
      guard let first = text.first else { return "error \(code)" }
      return first.lowercased() + text.dropFirst()
    case .notRegularFile: return "not a regular file"
    }
  }

  public var description: String {
    switch self {
    case .system(let operation, let path, _): "cannot \(operation) '\(path)': \(reason)"
    case .notRegularFile(let path): "cannot read '\(path)': \(reason)"
    }
  }
}
