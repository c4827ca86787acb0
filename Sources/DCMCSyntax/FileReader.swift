#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file or standard input whole, never holding more than a limit plus one byte.
enum FileReader {
  enum Outcome {
    case bytes([UInt8])
    /// The input has more bytes than the limit (only the first limit + 1 were read, or none
    /// when the file system told its size).
    case tooLarge
  }

  /// - Parameters:
  ///   - path: a file path, or `-` for standard input.
  ///   - name: the name errors use (`<stdin>` for `-`).
  ///   - limit: the most bytes accepted.
  static func read(path: String, name: String, limit: Int) throws(ReadError) -> Outcome {
    let isStandardInput = path == "-"
    let descriptor = isStandardInput ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(name, errno) }
    defer { if !isStandardInput { close(descriptor) } }
    var info = stat()
    // A regular file is read in one chunk of its size plus one byte, then small chunks until
    // its end (it may have grown); other input in 64 KiB chunks. Nothing is zero-filled.
    var chunk = 64 << 10
    var nextChunk = chunk
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
      if info.st_size > limit { return .tooLarge }
      chunk = Int(info.st_size) + 1
      nextChunk = 4 << 10
    }
    var bytes: [UInt8] = []
    while bytes.count <= limit {
      let wanted = min(chunk, limit + 1 - bytes.count)
      var code: Int32 = 0
      let piece = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
        let received = Glibc.read(descriptor, buffer.baseAddress!, wanted)
        if received < 0 { code = errno }
        initialized = max(received, 0)
      }
      if code == EINTR { continue }
      if code != 0 { throw failure(name, code) }
      if piece.isEmpty { break }
      if bytes.isEmpty { bytes = piece } else { bytes += piece }
      chunk = nextChunk
    }
    return bytes.count > limit ? .tooLarge : .bytes(bytes)
  }

  private static func failure(_ name: String, _ code: Int32) -> ReadError {
    let text = String(cString: strerror(code))
    let reason = (text.first?.lowercased() ?? "") + text.dropFirst()
    return .unreadable(path: name, reason: reason)
  }
}
