import Foundation

/// Runs a delivery command for one notification.
enum Gateway {
  /// Runs `sh -c command` with `input` on its standard input and its output passed
  /// through; its exit status, or `nil` when it could not be started or died by a signal.
  static func run(_ command: String, input: String) -> Int32? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let pipe = Pipe()
    process.standardInput = pipe
    do {
      try process.run()
    } catch {
      return nil
    }
    // A command that does not read its input closes the pipe: that is its business, not a
    // reason for dcmc to die of SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    try? pipe.fileHandleForWriting.write(contentsOf: Data((input + "\n").utf8))
    try? pipe.fileHandleForWriting.close()
    process.waitUntilExit()
    return process.terminationReason == .exit ? process.terminationStatus : nil
  }
}
