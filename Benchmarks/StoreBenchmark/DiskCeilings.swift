#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The disk's own limits, measured with bare system calls and no store code.
enum DiskCeilings {
  struct Failure: Error {
    var message: String
  }

  /// `operations` times: `write` of `line` at the end of one file, then `fdatasync`.
  /// Returns the seconds taken.
  static func append(_ line: [UInt8], operations: Int, in directory: String) throws(Failure) -> Double {
    let path = directory + "/ceiling.log"
    let file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard file >= 0 else { throw Failure(message: "cannot create '\(path)': \(reason())") }
    defer {
      close(file)
      unlink(path)
    }
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<operations {
      guard line.withUnsafeBytes({ write(file, $0.baseAddress, $0.count) }) == line.count, fdatasync(file) == 0 else {
        throw Failure(message: "cannot append to '\(path)': \(reason())")
      }
    }
    return seconds(clock.now - start)
  }

  /// `operations` times: create a temporary file exclusively, `write` `bytes`, `fsync`,
  /// close, `rename` it over one target, `fsync` the directory (kept open). Returns the
  /// seconds taken.
  static func replace(_ bytes: [UInt8], operations: Int, in directory: String) throws(Failure) -> Double {
    let temporary = directory + "/.ceiling.json.tmp"
    let target = directory + "/ceiling.json"
    let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folder >= 0 else { throw Failure(message: "cannot open '\(directory)': \(reason())") }
    defer {
      close(folder)
      unlink(target)
    }
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<operations {
      let file = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      guard file >= 0 else { throw Failure(message: "cannot create '\(temporary)': \(reason())") }
      let written = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
      let synced = fsync(file)
      close(file)
      guard written == bytes.count, synced == 0, rename(temporary, target) == 0, fsync(folder) == 0 else {
        throw Failure(message: "cannot replace '\(target)': \(reason())")
      }
    }
    return seconds(clock.now - start)
  }

  static func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) / 1e18
  }

  private static func reason() -> String { String(cString: strerror(errno)) }
}
