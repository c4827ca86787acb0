import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `dcmc` executable as a subprocess, the way a user or CI would.
public enum BinaryRunner {
  public struct Output: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
      self.status = status
      self.stdout = stdout
      self.stderr = stderr
    }
  }

  /// The `dcmc` binary next to the test bundle (SwiftPM puts products in one folder).
  public static var executable: URL {
    var directory = Bundle.main.bundleURL
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("dcmc")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return productsDirectory.appendingPathComponent("dcmc")
  }

  /// `.build/<config>/` found from this file's place in the repository.
  private static var productsDirectory: URL {
    let root = repositoryRoot
    for configuration in ["debug", "release"] {
      let url = root.appendingPathComponent(".build/\(configuration)")
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("dcmc").path) { return url }
    }
    return root.appendingPathComponent(".build/debug")
  }

  /// The repository's root directory (where Package.swift is).
  public static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// Starts `dcmc arguments...` in `directory` (default: the repository root) with
  /// `NO_COLOR` set unless `environment` says otherwise, and returns without waiting for it.
  /// `output`, `errors` and `input` are a `Pipe` or a `FileHandle`; the null device by
  /// default. The signals `blocking` names are blocked in the process as it starts, as a
  /// parent that blocked them in its thread leaves them (`Process` passes its thread's mask on).
  public static func start(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
    output: Any = FileHandle.nullDevice, errors: Any = FileHandle.nullDevice, input: Any = FileHandle.nullDevice,
    blocking signals: [Int32] = []
  ) throws -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? repositoryRoot
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = input
    var blocked = sigset_t()
    sigemptyset(&blocked)
    for signal in signals { sigaddset(&blocked, signal) }
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    try process.run()
    return process
  }

  /// Waits at most `seconds` for `process` (started by `start`) to exit: whether it did. One
  /// that did not is killed (SIGKILL) and waited for, so that no test leaves it running.
  public static func exits(_ process: Process, within seconds: Double) -> Bool {
    let exited = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      process.waitUntilExit()
      exited.signal()
    }
    if exited.wait(timeout: .now() + seconds) == .success { return true }
    kill(process.processIdentifier, SIGKILL)
    _ = exited.wait(timeout: .now() + 20)
    return false
  }

  /// Runs `dcmc arguments...` in `directory` (default: the repository root) with
  /// `NO_COLOR` set unless `environment` says otherwise, feeding `stdin`.
  public static func run(
    _ arguments: [String], in directory: URL? = nil, stdin: Data? = nil, environment: [String: String] = [:]
  ) throws -> Output {
    let outPipe = Pipe()
    let errPipe = Pipe()
    let inPipe = Pipe()
    let process = try start(
      arguments, in: directory, environment: environment, output: outPipe, errors: errPipe, input: inPipe)
    // Read both pipes on other threads so a large output cannot block the child.
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { outData = outPipe.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
    if let stdin { inPipe.fileHandleForWriting.write(stdin) }
    try inPipe.fileHandleForWriting.close()
    group.wait()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
