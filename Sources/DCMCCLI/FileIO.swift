import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files the CLI reads and writes itself (YAML goes through DCMCSyntax), through
/// DCMCFiles, with its failures worded for the user.
enum FileIO {
  /// An I/O failure: exit 2, with the reason on one line.
  struct Failure: Error {
    var message: String
  }

  /// The largest bundle read: 64 MiB, about a thousand times the reference definitions'
  /// bundle, so only a file that is no bundle meets it.
  static let maximumBundleBytes = 64 << 20

  /// The regular file at `path` whole, or `.tooLarge` without holding more than `limit`
  /// plus one byte of it.
  static func read(_ path: String, limit: Int) throws(Failure) -> BoundedReader.Outcome {
    do {
      return try BoundedReader.read(path: path, limit: limit)
    } catch {
      throw Failure(message: "cannot read '\(path)': \(error.reason)")
    }
  }

  /// The bundle file at `path`, at most `maximumBundleBytes`.
  static func readBundle(_ path: String) throws(Failure) -> [UInt8] {
    switch try read(path, limit: maximumBundleBytes) {
    case .bytes(let bytes): return bytes
    case .tooLarge:
      throw Failure(message: "cannot read '\(path)': larger than the limit of \(maximumBundleBytes >> 20) MiB")
    }
  }

  /// Replaces `path` with `bytes` atomically and durably (`DurableFiles.replace`): written to
  /// `<path>.tmp-<pid>`, flushed, renamed over `path`, then the directory flushed, so `path`
  /// holds its old content or all of the new, after a crash or a power cut too.
  /// Anything at `path` but a regular file (a device, a pipe, a socket, a directory) is
  /// refused before a byte is written: renaming over it would replace a device node.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
    var info = stat()
    if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
      throw Failure(message: "cannot write '\(path)': not a regular file")
    }
    // The directory is named `<directory>/.`, whose last component is never a symbolic link
    // (the file layer opens it with `O_NOFOLLOW`; a user's path may pass through a link).
    let directory = path.lastIndex(of: "/").map { String(path[...$0]) + "." } ?? "."
    do {
      try DurableFiles().replace(
        path, with: bytes, temporary: path + ".tmp-\(getpid())", backup: nil, directory: directory)
    } catch {
      throw Failure(message: "cannot write '\(path)': \(error.reason)")
    }
  }
}
