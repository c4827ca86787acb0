import Foundation

/// The lines a process writes to `pipe`, read as they come (a server's first line, an SSE
/// reader's events).
public final class OutputLines {
  public let pipe = Pipe()
  var buffer: [UInt8] = []

  public init() {}

  /// The next line; `nil` at the end of the output.
  public func next() -> String? {
    while !buffer.contains(10) {
      let data = pipe.fileHandleForReading.availableData
      if data.isEmpty { break }
      buffer += data
    }
    guard let end = buffer.firstIndex(of: 10) else { return nil }
    defer { buffer.removeFirst(end + 1) }
    return String(decoding: buffer[..<end], as: UTF8.self)
  }
}

/// `.ci/http_requests.py`: requests sent to a server one after another.
public enum HTTPRequests {
  /// The answers to `requests` (method, path, token, body), in order, the list written to
  /// `file` for the script; `nil` without python3.
  public static func send(_ requests: [[String: Any?]], to base: String, through file: URL) throws -> [[String: Any]]? {
    let list = requests.map { $0.mapValues { $0 ?? NSNull() } }
    try JSONSerialization.data(withJSONObject: list).write(to: file)
    guard let (status, output) = try PythonScript.run("http_requests.py", [base, file.path]) else { return nil }
    guard status == 0 else { throw HTTPRequestsFailed(output: output) }
    return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]
  }
}

/// `.ci/http_requests.py` failed: its output.
public struct HTTPRequestsFailed: Error, CustomStringConvertible {
  public var output: String
  public var description: String { "http_requests.py failed: \(output)" }
}
