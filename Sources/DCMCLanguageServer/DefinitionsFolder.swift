/// The definitions on disk, as the server sees them: the port the stdio shell implements
/// over the file system and tests implement over a dictionary.
public protocol DefinitionsFolder: Sendable {
  /// The YAML files under the directory `root` (an absolute path), as absolute paths, the
  /// way `dcmc validate` finds them; empty when it cannot be read.
  func files(under root: String) -> [String]
  /// The content of the file at an absolute path, or `nil` when it cannot be read.
  func read(_ path: String) -> FileContent?
}

/// A file read from disk: its bytes, or only the news that it is larger than the reader's
/// limit (`ReaderLimits.standard`), which is then reported as `dcmc validate` reports it.
public enum FileContent: Sendable, Equatable {
  case bytes([UInt8])
  case tooLarge
}
