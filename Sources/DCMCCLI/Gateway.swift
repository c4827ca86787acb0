import DCMCApplication

/// The gateway of `outbox deliver --via CMD`: runs `sh -c CMD` once per notification, the
/// notification as one JSON document on its standard input and its id in
/// `DCMC_NOTIFICATION_ID`; delivered when it exits 0 within the time limit.
struct CommandGateway: NotificationGateway {
  let command: String
  let timeLimit: Int
  var batchSize: Int { 1 }

  func deliver(_ notifications: [NotificationView]) -> GatewayAnswer {
    guard let notification = notifications.first else { return GatewayAnswer(delivered: [], failure: "") }
    let process = DeliveryProcess(
      command: command, environment: [Gateway.idVariable: notification.id], timeLimit: timeLimit, outputLimit: nil)
    let ending = process.run(input: notification.json.pretty()).ending
    if ending == .exited(0) { return GatewayAnswer(delivered: [notification.id], failure: "") }
    return Gateway.failure(of: command, ending, timeLimit: timeLimit)
  }
}

/// The gateway of `outbox deliver --via CMD --batch`: one `sh -c CMD` for all notifications,
/// each a line of JSON on its standard input; it answers on its standard output with the ids
/// it delivered, one a line. `DCMC_NOTIFICATION_ID` is not set for it.
struct BatchCommandGateway: NotificationGateway {
  let command: String
  let timeLimit: Int
  var batchSize: Int { Int.max }

  /// The most an answer may hold, in bytes: 64 KiB, and 256 bytes a notification sent (an id
  /// is at most 128 bytes of case id and its number).
  static func answerLimit(for count: Int) -> Int { 65_536 + 256 * count }

  func deliver(_ notifications: [NotificationView]) -> GatewayAnswer {
    let limit = Self.answerLimit(for: notifications.count)
    let process = DeliveryProcess(
      command: command, environment: [Gateway.idVariable: nil], timeLimit: timeLimit, outputLimit: limit)
    let result = process.run(input: notifications.flatMap { $0.json.compact() + [10] })
    var answer = Gateway.failure(of: command, result.ending, timeLimit: timeLimit)
    if result.ending == .exited(0) { answer.failure = "'\(command)' did not answer it" }
    let sent = Set(notifications.map(\.id))
    for (number, line) in result.output.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
      guard let text = String(validating: line, as: UTF8.self).map({ String($0.trimmingWhitespace) }), !text.isEmpty else {
        if !line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
          answer.problems.append("line \(number + 1) of the answer is not UTF-8; ignored")
        }
        continue
      }
      if sent.contains(text) {
        answer.delivered.insert(text)
      } else if DeliveryRecord.caseID(ofNotification: text) == nil || text.unicodeScalars.contains(where: UserID.isControl) {
        answer.problems.append("line \(number + 1) of the answer is not a notification id; ignored")
      } else {
        answer.problems.append(
          "line \(number + 1) of the answer names '\(UserID.printable(text))', which was not sent; ignored")
      }
    }
    if result.outputCut { answer.problems.append("the answer is longer than \(limit) bytes; the rest was ignored") }
    // An answer means the command ran, whatever its exit status says.
    if !answer.delivered.isEmpty { answer.unavailable = false }
    return answer
  }
}

/// What the two gateways share.
enum Gateway {
  /// The variable that holds the notification's id for a delivery command.
  static let idVariable = "DCMC_NOTIFICATION_ID"

  /// The answer for a command that did not deliver: why, and whether it could be started at
  /// all (not by `posix_spawn`, or the shell's 126 and 127: not executable, not found).
  static func failure(of command: String, _ ending: DeliveryProcess.Ending, timeLimit: Int) -> GatewayAnswer {
    let name = "'\(command.prefix(60))'"
    switch ending {
    case .exited(let status) where status == 126 || status == 127:
      return GatewayAnswer(
        delivered: [], failure: "\(name) could not be started (the shell's status \(status))", unavailable: true)
    case .exited(let status):
      return GatewayAnswer(delivered: [], failure: "\(name) exited with status \(status)")
    case .killed(let signal):
      return GatewayAnswer(delivered: [], failure: "\(name) was killed by signal \(signal)")
    case .timedOut:
      return GatewayAnswer(delivered: [], failure: "\(name) did not finish within \(timeLimit) s and was stopped")
    case .notStarted(let reason):
      return GatewayAnswer(delivered: [], failure: "\(name) could not be started: \(reason)", unavailable: true)
    }
  }
}
