import DCMCApplication

/// `dcmc tick`: fires every timer that is due.
enum TickCommand {
  static let spec = CommandSpec(
    "tick", summary: "fire every timer that is due: OLA/SLA warnings and breaches, skills tiers",
    exitStatus:
      "Exit status: 0 done, 1 refused (a case kept changing while it was decided), 2 usage error or I/O error.",
    action: .runtime(
      "", "fire every timer that is due: OLA/SLA warnings and breaches, skills tiers",
      details: """
        Fires every timer due at --at (else now), in due order, each once: OLA and SLA warnings
        and breaches, and the expansion of skills tiers. --as is recorded as the events' author.
        A case changed after --at keeps its timers for a tick at or after its last event.
        """
    ) { _, options, terminal in tick(options, terminal) })

  static func tick(_ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let runtime = try options.open()
      // An earlier tick at a later instant (one given far in the future by mistake) stops
      // nothing, but the cases it changed wait for their time: say so.
      if let last = try? runtime.repository.lastTick(), options.now < last {
        terminal.err(
          "dcmc: note: the last tick was at \(last); cases changed after \(options.now) wait for a later tick\n")
      }
      let changed = try runtime.service.tick(by: options.user)
      return options.json
        ? try runtime.list(changed)
        : "tick at \(options.now): \(changed.count) case\(changed.count == 1 ? "" : "s") changed"
    }
  }
}
