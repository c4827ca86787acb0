import DCMCApplication
import DCMCPostgres
import DCMCStore

/// `dcmc store init|copy|verify|rebuild`: a PostgreSQL store's schema made or upgraded, a
/// store copied into another, the store checked against its histories, and its derived
/// files rebuilt from them.
enum StoreCommand {
  static let acceptLoss = OptionSpec.flag(
    "--accept-loss", "rebuild a case whose history is shorter than its state recorded, losing those events")

  static let spec = CommandSpec(
    "store",
    summary: "create a PostgreSQL store, copy a store, verify it against its histories, or rebuild its derived files",
    exitStatus: """
      Exit status: 0 done (verify: no damage), 1 damage found (rebuild: a case refused), 2 usage error or I/O error.
      """,
    actions: [
      initAction,
      copyAction,
      .runtime(
        "verify", "check every file the store trusts against the histories",
        details: """
          Under the store's lock, replays every case's history and compares it with the stored
          state (how far the history went: its length and hash chain), the timer and workbin
          indexes (missing and stray entries); checks the deployed bundles by content hash,
          deployment.json, tick.json (unreadable, or after --at/now), the outbox entries and
          outbox.json's leases; replays every customer record's history and checks the email,
          phone and request files under customers/ (missing entries, unreadable and stray
          files). Prints each problem, naming the case or customer and the file, or 'no damage';
          a first line on standard error names what mends each kind of problem found (a rebuild,
          a backup or --accept-loss, a deploy, a hand).
          Then it names the derived files a crash left behind their histories (a state cache,
          a numbering file, a customer's case summaries or report facts a power cut tore), which
          are no damage: they alone leave the exit status 0.
          """,
      ) { _, options, terminal in verify(options, terminal) },
      .runtime(
        "rebuild", "rewrite the derived files (states, indexes, tick.json) from the histories",
        details: """
          Rewrites the derived files (each case's state, the timer and workbin indexes, the
          customer email, phone and request files) from the histories, removes stray index
          files, and brings tick.json back to the latest event when it is later. Never throws
          away an acknowledged event: a case whose history is shorter than (or other than) what
          its state recorded is refused, named with the events that would be lost (exit 1), and
          the other cases are rebuilt; --accept-loss rebuilds it from what its history holds.
          """,
        options: [acceptLoss]
      ) { arguments, options, terminal in rebuild(acceptingLoss: arguments.has(acceptLoss), options, terminal) },
    ])

  static func verify(_ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    var damaged = false
    let status = RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let files = PostgresCaseRepository.isURL(options.storePath) ? nil : try options.openFiles()
      let findings = try ServiceError.wrap { () throws(RepositoryError) in
        guard let files else { return try StoreFindings(PostgresCaseRepository.open(url: options.storePath)) }
        return try StoreFindings(files, now: options.now)
      }
      let (cases, customers, presences, problems, behind) = (
        findings.cases, findings.customers, findings.presences, findings.problems, findings.behind
      )
      damaged = !problems.isEmpty
      if options.json {
        return RuntimeOutput.text(
          .object([
            ("behind", .array(behind.map { .string($0) })),
            ("cases", .number(String(cases))), ("customers", .int(customers)), ("ok", .bool(problems.isEmpty)),
            ("presences", .int(presences)),
            ("problems", .array(problems.map { .string($0) })),
            ("remedies", .array(findings.remedies.map { .string($0.name) })),
          ]))
      }
      // Files a crash leaves behind their histories are no damage: named, after the damage.
      let stale =
        behind.isEmpty
        ? []
        : [
          "\(count(behind.count, "derived file")) behind the histories, as a crash leaves them (no damage: readers "
            + "replay the histories; the next change or 'dcmc store rebuild' writes them again):"
        ] + behind
      guard !problems.isEmpty else {
        let histories = count(presences, "presence history", "presence histories")
        return (["verified \(count(cases, "case")), \(count(customers, "customer")) and \(histories): no damage"] + stale)
          .joined(separator: "\n")
      }
      let found = "\(problems.count) problem\(problems.count == 1 ? "" : "s") found"
      terminal.err("dcmc: \(found); \(findings.advice(store: nil))\n")
      return (problems + stale).joined(separator: "\n")
    }
    return status == ExitCode.success && damaged ? ExitCode.invalid : status
  }

  static func rebuild(acceptingLoss: Bool, _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    if PostgresCaseRepository.isURL(options.storePath) { return rebuildPostgres(acceptingLoss: acceptingLoss, options, terminal) }
    var refused = 0
    let status = RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let repository = try options.openFiles()
      let report = try ServiceError.wrap { () throws(RepositoryError) in
        try repository.rebuild(acceptingLoss: acceptingLoss)
      }
      refused = report.refused.count + report.refusedCustomers.count + report.refusedPresence.count
      for damage in report.refused.map(\.description) + report.refusedCustomers + report.refusedPresence {
        terminal.err("dcmc: not rebuilt: \(damage)\n")
      }
      Self.adviseAcceptingLoss(report.refused.map(\.description), terminal)
      if options.json {
        return RuntimeOutput.text(
          .object([
            ("cases", .int(report.cases)), ("customers", .int(report.customers)),
            ("refused",
              .array(
                (report.refused.map(\.description) + report.refusedCustomers + report.refusedPresence).map {
                  .string($0)
                })),
            ("repaired", .array(report.repaired.map { .string($0) })),
          ]))
      }
      let cases = count(report.cases, "case")
      let rebuilt = report.rebuilt == report.cases ? cases : "\(report.rebuilt) of \(cases)"
      return "rebuilt the derived files of \(rebuilt) and \(count(report.customers, "customer")): "
        + (report.repaired.isEmpty ? "nothing to repair" : "repaired " + report.repaired.joined(separator: ", "))
    }
    return status == ExitCode.success && refused > 0 ? ExitCode.invalid : status
  }

  /// `store rebuild` on a PostgreSQL store: one transaction; a history that does not replay,
  /// or that lost events (unless `acceptingLoss`), is named and its rows left as they are (exit 1).
  static func rebuildPostgres(acceptingLoss: Bool, _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    var refused = 0
    let status = RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let check = try ServiceError.wrap { () throws(RepositoryError) in
        try PostgresCaseRepository.open(url: options.storePath).rebuild(acceptingLoss: acceptingLoss)
      }
      refused = check.refused.count
      for damage in check.refused { terminal.err("dcmc: not rebuilt: \(damage)\n") }
      Self.adviseAcceptingLoss(check.refused, terminal)
      if options.json {
        return RuntimeOutput.text(
          .object([
            ("cases", .int(check.cases)), ("customers", .int(check.customers)),
            ("refused", .array(check.refused.map { .string($0) })),
            ("repaired", .array(check.repaired.map { .string($0) })),
          ]))
      }
      return "rebuilt the derived rows of \(count(check.cases, "case")) and \(count(check.customers, "customer")): "
        + (check.repaired.isEmpty ? "nothing to repair" : "repaired " + check.repaired.joined(separator: ", "))
    }
    return status == ExitCode.success && refused > 0 ? ExitCode.invalid : status
  }

  /// After the refusals of a rebuild: how to rebuild the cases that lost events, if any did.
  private static func adviseAcceptingLoss(_ refused: [String], _ terminal: Terminal) {
    let losses = refused.filter { $0.hasSuffix(CaseDamage.lossRefusal) }.count
    guard losses > 0 else { return }
    terminal.err(
      "dcmc: \(count(losses, "case")) not rebuilt; 'dcmc store rebuild --accept-loss' rebuilds from what the histories hold\n")
  }

  /// `1 case`, `2 cases`.
  private static func count(_ number: Int, _ noun: String, _ plural: String? = nil) -> String {
    "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
  }
}
