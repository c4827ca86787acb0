#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import DCMCApplication

/// The outbox's gateway of `outbox deliver --via CMD`: runs `sh -c CMD` once per notification,
/// the notification as one JSON document on its standard input; delivered when it exits 0.
struct CommandGateway: NotificationGateway {
  let command: String

  func deliver(_ notification: NotificationView) -> DeliveryOutcome {
    switch Gateway.run(command, input: notification.json.pretty()) {
    case 0?: .delivered
    case let status?: .failed(reason: "'\(command)' exited with status \(status)")
    case nil: .failed(reason: "'\(command)' could not be started")
    }
  }
}

/// Runs a delivery command for one notification.
enum Gateway {
  /// Runs `/bin/sh -c command` with `input` on its standard input, its output and errors
  /// passed through; its exit status, or `nil` when it could not be started or died by a
  /// signal.
  static func run(_ command: String, input: [UInt8]) -> Int32? {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { return nil }
    let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
    posix_spawn_file_actions_addclose(&actions, writeEnd)
    var child: pid_t = 0
    let arguments = ["/bin/sh", "-c", command]
    var argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let started = posix_spawn(&child, "/bin/sh", &actions, nil, &argv, environ)
    close(readEnd)
    guard started == 0 else {
      close(writeEnd)
      return nil
    }
    // A command that does not read its input closes the pipe: that is its business, not a
    // reason for dcmc to die of SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    var bytes = input
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { write(writeEnd, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { break }
      offset += written
    }
    close(writeEnd)
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : nil
  }
}
