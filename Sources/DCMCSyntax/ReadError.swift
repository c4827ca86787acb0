/// A file the reader could not read at all (an environment failure, not a problem in the
/// user's YAML, so it is thrown instead of reported as a diagnostic).
public enum ReadError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Opening or reading `path` failed; `reason` is the system's explanation, lowercase
  /// ("no such file or directory").
  case unreadable(path: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
    }
  }
}
