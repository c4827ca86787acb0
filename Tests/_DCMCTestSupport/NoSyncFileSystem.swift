package import DCMCFiles

/// The POSIX file system without its flushes: every call reaches the disk's files as the
/// store makes them, except `fdatasync`/`fsync` of a file or a directory, which return at
/// once, and so does `syncfs`. The store's files are the same bytes (a flush only decides when they reach the
/// platter, not what they are), so a store generated through it is the store `customer add`
/// and `case create` write, a million records in minutes instead of the hour or more their
/// flushes would take (several a record). The generator flushes the whole file system once
/// (`sync`) when it is done. For the benchmarks that generate stores.
package struct NoSyncFileSystem: ForwardingFileSystem {
  package let base: any FileSystem = PosixFileSystem()

  package init() {}

  package func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(FileError) {}

  package func synchronizeDirectory(_ path: String) throws(FileError) {}

  package func synchronizeFileSystem(_ file: FileDescriptor) throws(FileError) {}
}
