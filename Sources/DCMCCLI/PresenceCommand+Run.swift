import DCMCApplication
import DCMCJSON
import DCMCRuntime

extension PresenceCommand {
  /// Runs a presence request on the store and prints its result: JSON with `--json` (a user's
  /// `PresenceView`, a list of them, or the history's records), else readable lines, times in
  /// UTC (a user may be in several workgroups, and a workgroup has no calendar of its own).
  static func run(_ request: Request, _ options: RuntimeOptions, _ terminal: Terminal) throws(UsageError) -> Int32 {
    RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let runtime = try options.open()
      let presence = runtime.presence
      switch request {
      case .set(let choice, let reason, let user, let requestID):
        // What the request asks, as the arguments name it: the state, then each option given.
        let asking = ["presence set", choice.rawValue] + (reason.map { ["--reason", $0] } ?? [])
          + (user.map { ["--user", $0] } ?? [])
        let request = try requestID.map { text throws(ServiceError) in try CommandRequest(id: text, asking: asking) }
        let state = try runtime.service.setPresence(
          choice, reason: reason, user: user, by: options.user, request: request)
        let view = try presence.view(of: state)
        return options.json ? RuntimeOutput.text(view.json) : line(view)
      case .list(let workgroup):
        let views = try runtime.service.listPresence(workgroup: workgroup, by: options.user, on: presence)
        return options.json ? RuntimeOutput.list(views.map(\.json)) : views.map(line).joined(separator: "\n")
      case .history(let user):
        let events = try presence.history(of: user, by: options.user)
        return options.json
          ? RuntimeOutput.list(events.map(\.json))
          : events.map(line).joined(separator: "\n")
      }
    }
  }

  /// `ana  not_ready (break) since 2026-03-02T08:00:00Z  holds 1 of 2`.
  static func line(_ view: PresenceView) -> String {
    return "\(view.user)  \(state(view.status))  " + (view.since.map { "since \($0)" } ?? "never set")
      + "  holds \(view.load)" + (view.capacity.map { " of \($0)" } ?? "")
  }

  /// `2  2026-03-02T08:05:00Z  not_ready (break)  by tina`.
  static func line(_ event: PresenceEvent) -> String {
    "\(event.seq)  \(event.at)  \(state(event.status))  by \(event.by ?? "the system")"
  }

  /// `ready`, `not_ready (break)`, `wrap_up until 2026-03-02T08:02:00Z`.
  static func state(_ status: PresenceStatus) -> String { status.label }
}
