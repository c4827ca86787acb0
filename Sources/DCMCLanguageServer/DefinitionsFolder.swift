/// The definitions on disk, as the server sees them: the port the stdio shell implements
/// over the file system and tests implement over a dictionary.
public protocol DefinitionsFolder: Sendable {
  /// The YAML files under the directory `root` (an absolute path), as absolute paths, the
  /// way `dcmc validate` finds them, past the directories that cannot be read; none when
  /// `root` does not exist.
  func files(under root: String) -> FolderListing
  /// The content of the file at an absolute path, or `nil` when it cannot be read.
  func read(_ path: String) -> FileContent?
}

/// A file read from disk: its bytes, or only the news that it is larger than the reader's
/// limit (`ReaderLimits.standard`), which is then reported as `dcmc validate` reports it.
public enum FileContent: Sendable, Equatable {
  case bytes([UInt8])
  case tooLarge
}

/// The definitions found under a folder, and why a part of it could not be read.
public struct FolderListing: Sendable, Equatable {
  /// Absolute paths, in the order `dcmc validate` reads them.
  public var files: [String]
  /// One sentence for each directory left out ("cannot read '/ws/definitions/private':
  /// permission denied"); the files of the others are listed.
  public var unreadable: [String]

  public init(files: [String], unreadable: [String] = []) {
    self.files = files
    self.unreadable = unreadable
  }
}
