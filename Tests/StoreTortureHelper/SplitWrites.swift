import DCMCFiles
import _DCMCTestSupport

/// The real file system, except that each write of 2 bytes or more reaches the file as its
/// first half, an `fdatasync`, and its second half: what a short write followed by the
/// rest looks like, with the first half made durable so that the gap is long enough for a
/// kill to land in it often. The store's own `fdatasync` still follows the second half.
struct SplitWrites: ForwardingFileSystem {
  let base: any FileSystem = PosixFileSystem()

  func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(FileError) {
    guard bytes.count >= 2 else { return try base.write(file, bytes, at: offset) }
    let half = bytes.count / 2
    try base.write(file, Array(bytes[..<half]), at: offset)
    try base.synchronize(file, .data)
    try base.write(file, Array(bytes[half...]), at: offset + half)
  }
}
