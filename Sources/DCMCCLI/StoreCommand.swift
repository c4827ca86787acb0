import DCMCApplication
import DCMCStore

/// `dcmc store verify|rebuild`: the store checked against its histories, and its derived
/// files rebuilt from them.
enum StoreCommand {
  static let spec = CommandSpec(
    "store", summary: "verify the store against its histories, or rebuild its derived files",
    exitStatus: "Exit status: 0 done (verify: no damage), 1 damage found, 2 usage error or I/O error.",
    actions: [
      .runtime(
        "verify", "replay every case's history and compare it with the stored state and indexes",
        details: """
          Replays every case's history and compares it with the stored state and the timer and
          workbin indexes; prints each problem, or 'no damage'.
          """,
      ) { _, options, terminal in verify(options, terminal) },
      .runtime(
        "rebuild", "rewrite the derived files (states, indexes) from the histories",
        details: """
          Rewrites the derived files (each case's state, the timer and workbin indexes) from the
          histories; never throws away an acknowledged event.
          """,
      ) { _, options, terminal in rebuild(options, terminal) },
    ])

  static func verify(_ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    var damaged = false
    let status = RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let repository = try options.open().repository
      let (cases, problems) = try ServiceError.wrap { () throws(RepositoryError) in try repository.verify() }
      damaged = !problems.isEmpty
      if options.json {
        return RuntimeOutput.text(
          .object([
            ("cases", .number(String(cases))), ("ok", .bool(problems.isEmpty)),
            ("problems", .array(problems.map { .string($0) })),
          ]))
      }
      guard !problems.isEmpty else { return "verified \(cases) cases: no damage" }
      terminal.err("dcmc: \(problems.count) problem\(problems.count == 1 ? "" : "s") found; 'dcmc store rebuild' rewrites the files derived from the histories\n")
      return problems.joined(separator: "\n")
    }
    return status == ExitCode.success && damaged ? ExitCode.invalid : status
  }

  static func rebuild(_ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let repository = try options.open().repository
      let (cases, repaired) = try ServiceError.wrap { () throws(RepositoryError) in try repository.rebuild() }
      if options.json {
        return RuntimeOutput.text(
          .object([("cases", .int(cases)), ("repaired", .array(repaired.map { .string($0) }))]))
      }
      return "rebuilt the derived files of \(cases) cases: "
        + (repaired.isEmpty ? "nothing to repair" : "repaired " + repaired.joined(separator: ", "))
    }
  }
}
