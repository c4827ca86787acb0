import DCMCStore

/// The real file system, except that each write of 2 bytes or more reaches the file as its
/// first half, an `fdatasync`, and its second half: what a short write followed by the
/// rest looks like, with the first half made durable so that the gap is long enough for a
/// kill to land in it often. The store's own `fdatasync` still follows the second half.
struct SplitWrites: FileSystem {
  let base = PosixFileSystem()

  func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(StoreError) {
    guard bytes.count >= 2 else { return try base.write(file, bytes, at: offset) }
    let half = bytes.count / 2
    try base.write(file, Array(bytes[..<half]), at: offset)
    try base.synchronize(file, .data)
    try base.write(file, Array(bytes[half...]), at: offset + half)
  }

  func open(_ path: String, _ mode: OpenMode) throws(StoreError) -> FileDescriptor { try base.open(path, mode) }
  func close(_ file: FileDescriptor) { base.close(file) }
  func read(_ file: FileDescriptor) throws(StoreError) -> [UInt8] { try base.read(file) }
  func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(StoreError) { try base.synchronize(file, kind) }
  func truncate(_ file: FileDescriptor, to length: Int) throws(StoreError) { try base.truncate(file, to: length) }
  func lock(_ file: FileDescriptor, wait: Bool) throws(StoreError) -> Bool { try base.lock(file, wait: wait) }
  func rename(_ source: String, to destination: String) throws(StoreError) { try base.rename(source, to: destination) }
  func link(_ existing: String, as newPath: String) throws(StoreError) { try base.link(existing, as: newPath) }
  func unlink(_ path: String) throws(StoreError) { try base.unlink(path) }
  func makeDirectory(_ path: String) throws(StoreError) { try base.makeDirectory(path) }
  func removeDirectory(_ path: String) throws(StoreError) { try base.removeDirectory(path) }
  func synchronizeDirectory(_ path: String) throws(StoreError) { try base.synchronizeDirectory(path) }
  func list(_ directory: String) throws(StoreError) -> [DirectoryEntry] { try base.list(directory) }
}
