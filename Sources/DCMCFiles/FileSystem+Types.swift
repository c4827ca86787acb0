/// How `FileSystem.open` opens a file; all modes add `O_NOFOLLOW | O_CLOEXEC`.
public enum OpenMode: Sendable, Equatable {
  /// `O_RDONLY`.
  case read
  /// `O_RDWR` on an existing file.
  case readWrite
  /// `O_WRONLY | O_CREAT | O_EXCL`, mode 0644: fails with `EEXIST` when the name exists.
  case createExclusive
  /// `O_RDWR | O_CREAT`, mode 0644: the lock file, created when missing.
  case lockFile
}

/// `fdatasync` (the data and the size) or `fsync` (all metadata too).
public enum SyncKind: Sendable, Equatable {
  case data
  case full
}

/// An open file: the descriptor number and the path it was opened as, for messages.
public struct FileDescriptor: Sendable, Equatable {
  public var number: Int32
  public var path: String

  public init(number: Int32, path: String) {
    self.number = number
    self.path = path
  }
}

/// One name in a directory listing.
public struct DirectoryEntry: Sendable, Hashable {
  public var name: String
  public var isDirectory: Bool

  public init(name: String, isDirectory: Bool) {
    self.name = name
    self.isDirectory = isDirectory
  }
}

/// Which file a name or a descriptor is (`device`, `inode`) and its size: what tells a
/// descriptor held open across write locks that the path still names its file
/// (`FileSystem.status(_:)`).
public struct FileStatus: Sendable, Equatable {
  public var device: UInt64
  public var inode: UInt64
  public var size: Int

  public init(device: UInt64, inode: UInt64, size: Int) {
    (self.device, self.inode, self.size) = (device, inode, size)
  }

  /// Whether `other` is the same file (device and inode), whatever the sizes.
  public func isSameFile(as other: FileStatus) -> Bool { device == other.device && inode == other.inode }
}
