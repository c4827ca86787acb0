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
    var chunk = 64 << 10
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
      if info.st_size > limit { return .tooLarge }
      chunk = max(chunk, Int(info.st_size) + 1)
    }
    var bytes: [UInt8] = []
    while bytes.count <= limit {
      let wanted = min(chunk, limit + 1 - bytes.count)
      let previousCount = bytes.count
      bytes.append(contentsOf: repeatElement(0, count: wanted))
      let received = bytes.withUnsafeMutableBufferPointer { buffer in
        Glibc.read(descriptor, buffer.baseAddress! + previousCount, wanted)
      }
      if received < 0 {
        let code = errno
        bytes.removeLast(wanted)
        if code == EINTR { continue }
        throw failure(name, code)
      }
      bytes.removeLast(wanted - received)
      if received == 0 { break }
    }
    return bytes.count > limit ? .tooLarge : .bytes(bytes)
  }

  private static func failure(_ name: String, _ code: Int32) -> ReadError {
    let text = String(cString: strerror(code))
    let reason = (text.first?.lowercased() ?? "") + text.dropFirst()
    return .unreadable(path: name, reason: reason)
  }
}
