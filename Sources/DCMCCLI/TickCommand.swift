import DCMCApplication

/// `dcmc tick`: fires every timer that is due.
enum TickCommand {
  static let spec = CommandSpec(
    "tick", summary: "fire every timer that is due: OLA/SLA warnings and breaches, skills tiers",
    exitStatus: "Exit status: 0 done, 1 refused (the time is before the last tick's), 2 usage error or I/O error.",
    action: .runtime(
      "", "fire every timer that is due: OLA/SLA warnings and breaches, skills tiers",
      details: """
        Fires every timer due at --at (else now), in due order, each once: OLA and SLA warnings
        and breaches, and the expansion of skills tiers. --as is recorded as the events' author.
        """
    ) { _, options, terminal in tick(options, terminal) })

  static func tick(_ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let runtime = try options.open()
      let changed = try runtime.service.tick(by: options.user)
      return options.json
        ? try runtime.list(changed)
        : "tick at \(options.now): \(changed.count) case\(changed.count == 1 ? "" : "s") changed"
    }
  }
}
