import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CompileBenchmark {
  static func read(_ path: String) throws(BenchmarkFailure) -> [UInt8] {
    guard let stream = fopen(path, "rb") else {
      throw BenchmarkFailure(message: "cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { fclose(stream) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, stream) }
      if count == 0 { return bytes }
      bytes += chunk[0..<count]
    }
  }

  static func write(_ bytes: [UInt8], to path: String) throws(BenchmarkFailure) {
    guard let stream = fopen(path, "wb") else {
      throw BenchmarkFailure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { fclose(stream) }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, stream) }
    guard written == bytes.count else { throw BenchmarkFailure(message: "cannot write '\(path)'") }
  }

  /// Every `*.yaml` and `*.yml` under `directory`, sorted, hidden entries skipped.
  static func yamlFiles(under directory: String) -> [String] {
    guard let handle = opendir(directory) else { return [] }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if !name.hasPrefix(".") { names.append(name) }
    }
    closedir(handle)
    var files: [String] = []
    for name in names.sorted() {
      let path = directory + "/" + name
      var info = stat()
      guard stat(path, &info) == 0 else { continue }
      if info.st_mode & S_IFMT == S_IFDIR {
        files += yamlFiles(under: path)
      } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
        files.append(path)
      }
    }
    return files
  }
}
