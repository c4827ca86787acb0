import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCJSON
import DCMCPostgres
import DCMCStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `dcmc store copy FROM TO` (SPEC section 18): a store copied into another of either kind
/// (`StoreCopy`), then both tallied and compared, aggregate by aggregate.
extension StoreCommand {
  static let copyFrom = PositionalSpec.required("FROM", "the store to copy: a directory or a postgresql:// URL")
  static let copyTo = PositionalSpec.required("TO", "the store to copy into: a directory or a postgresql:// URL")

  static let copyAction = ActionSpec(
    "copy", "copy a store into another, file or PostgreSQL, and check the copy",
    details: """
      Copies every bundle, deployment, case with its events, customer record, presence history,
      attachment, API token, status link, RONA note, delivery record and the tick mark of FROM
      into TO, each history through TO's own append (which writes its indexes, numbering,
      request ids and report facts), then counts and hashes each aggregate in both stores and
      prints them. TO must be empty (a missing or empty directory, or a database without
      tables: its schema is created as by 'store init') or a copy of FROM that an earlier run
      left part way: run again, a copy skips what TO holds already and completes (TO is marked
      unfinished, copy-unfinished.json in a directory, a row of dcmc_copy_unfinished in a
      database, until the copy compares equal; every other command refuses it until then). A TO that holds anything else is refused before anything is
      written (exit 2). FROM is checked first as by 'store verify': damage (a history shorter
      than its state recorded, and the rest verify reports; not the derived files a crash
      left behind) is named and refused, exit 1, before TO is opened. Stop the commands on
      FROM while it is copied.
      """,
    positionals: [copyFrom, copyTo], options: [RuntimeOptions.jsonOption]
  ) { arguments, terminal throws(UsageError) in
    guard let from = arguments.positional(copyFrom), let to = arguments.positional(copyTo) else {
      throw UsageError("store copy needs FROM and TO")
    }
    guard from != to else { throw UsageError("FROM and TO are the same store") }
    if let overlap = overlap(from: from, to: to) { throw UsageError(overlap) }
    let settings = try RuntimeOptions.postgres(terminal.environment)
    return copy(from: from, to: to, json: arguments.has(RuntimeOptions.jsonOption), settings: settings, terminal)
  }

  /// Why directories `from` and `to` cannot be copied one into the other: one is the other by
  /// another spelling or a link, or lies inside it (a copy into its own source read what it
  /// wrote, without end); `nil` when they are apart or either is a database.
  static func overlap(from: String, to: String) -> String? {
    guard !PostgresCaseRepository.isURL(from), !PostgresCaseRepository.isURL(to),
      let source = ResolvedPath.existing(from), let target = ResolvedPath.planned(to)
    else { return nil }
    if source == target { return "FROM and TO are the same store ('\(source)')" }
    if ResolvedPath.isWithin(target, source) {
      return "TO '\(to)' is inside FROM '\(from)' ('\(source)'): a store cannot be copied into itself; give a TO outside it"
    }
    if ResolvedPath.isWithin(source, target) {
      return "FROM '\(from)' is inside TO '\(to)' ('\(target)'): give a TO outside the store it copies"
    }
    return nil
  }

  static func copy(from: String, to: String, json: Bool, settings: PostgresSettings, _ terminal: Terminal) -> Int32 {
    let report: StoreCopyReport
    do throws(StoreCopyError) {
      let (source, damage) = try openSource(from, settings)
      guard damage.problems.isEmpty else { return refuse(from, damage, terminal) }
      let name = PostgresCaseRepository.isURL(from) ? nil : from
      report = try StoreCopy(from: source, to: try openTarget(to, settings), sourceName: name).run()
    } catch {
      terminal.err("dcmc: \(error)\n")
      return ExitCode.usage
    }
    terminal.out(json ? RuntimeOutput.text(copyJSON(report)) + "\n" : copyText(report))
    let differences = report.differences
    guard differences.isEmpty else {
      // A store made before dcmc kept report facts has none, while the copy's appends write
      // them: its rebuild makes them, after which the copy compares equal.
      let hint =
        report.sourceKeepsNoFacts
        ? "; the source keeps no report facts (a store made before dcmc kept them): "
          + "'dcmc store rebuild --store \(from)' makes them from its histories, then copy again" : ""
      terminal.err("dcmc: the copy differs from the source in \(differences.joined(separator: ", "))\(hint)\n")
      return ExitCode.invalid
    }
    return ExitCode.success
  }

  /// One line per aggregate: its name, its count and hash in the copy, what this run wrote.
  private static func copyText(_ report: StoreCopyReport) -> String {
    let width = report.target.aggregates.map(\.name.count).max() ?? 0
    var lines: [String] = []
    for (source, target) in zip(report.source.aggregates, report.target.aggregates) {
      let name = target.name + String(repeating: " ", count: width - target.name.count)
      let check = source == target ? "same as the source" : "source: \(source.count) \(source.hash)"
      let written = report.written[target.name].map { "written \($0), " } ?? ""
      lines.append("\(name)  \(target.count)  \(target.hash)  \(written)\(check)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func copyJSON(_ report: StoreCopyReport) -> JSONValue {
    let aggregates = zip(report.source.aggregates, report.target.aggregates).map { source, target in
      JSONValue.object([
        ("count", .int(target.count)), ("hash", .string(target.hash)), ("name", .string(target.name)),
        ("same", .bool(source == target)), ("source_count", .int(source.count)),
        ("source_hash", .string(source.hash)), ("written", .int(report.written[target.name] ?? 0)),
      ])
    }
    return .object([("aggregates", .array(aggregates)), ("ok", .bool(report.differences.isEmpty))])
  }

  /// A source that `store verify` finds damaged, refused before the target is opened (exit 1,
  /// nothing written): a copy reads what the histories hold, so it would drop the events a
  /// shortened history lost, and the copy would verify clean. The last line says what mends
  /// `damage`, as verify's first line does (`StoreRemedy`, one table): `store rebuild` what is
  /// derived from the histories, a backup or `--accept-loss` a history that lost events, a
  /// deploy a missing bundle (a rebuild leaves the bundles and deployments as they are), a
  /// backup or a hand the rest.
  private static func refuse(_ from: String, _ damage: StoreFindings, _ terminal: Terminal) -> Int32 {
    let problems = damage.problems
    for problem in problems { terminal.err("dcmc: not copied: \(problem)\n") }
    terminal.err(
      "dcmc: the source is damaged (\(problems.count) problem\(problems.count == 1 ? "" : "s") "
        + "'dcmc store verify --store \(from)' reports); nothing was copied: "
        + "\(damage.advice(store: from)), then copy again\n")
    return ExitCode.invalid
  }

  /// The store at `place`, which must exist, and the damage `store verify` finds in it (now
  /// being the clock's time); a database's with `settings`' time-outs.
  private static func openSource(_ place: String, _ settings: PostgresSettings) throws(StoreCopyError)
    -> (store: any CopyableStore, damage: StoreFindings)
  {
    if PostgresCaseRepository.isURL(place) {
      return try StoreCopyError.wrap { () throws(RepositoryError) in
        let database = try PostgresCaseRepository.open(url: place, settings: settings)
        return (database, try StoreFindings(database))
      }
    }
    let files: FileCaseRepository
    do {
      files = try FileCaseRepository.open(at: place)
    } catch {
      throw .repository(.unavailable(error))
    }
    // Checked against the clock as `store verify` checks it, so that a tick.json verify names
    // (after now and after every event, which `store rebuild` brings back) is refused too.
    let now = Instant(secondsSinceEpoch: Int(time(nil)))
    return (files, try StoreCopyError.wrap { () throws(RepositoryError) in try StoreFindings(files, now: now) })
  }

  /// The store at `place`, made when there is none: a database's schema created or upgraded
  /// (refused for another application's), a directory created unless it holds files that
  /// are not a store.
  private static func openTarget(_ place: String, _ settings: PostgresSettings) throws(StoreCopyError)
    -> any CopyableStore
  {
    if PostgresCaseRepository.isURL(place) {
      return try StoreCopyError.wrap { () throws(RepositoryError) in
        _ = try PostgresCaseRepository.migrate(url: place, settings: settings)
        return try PostgresCaseRepository.open(url: place, settings: settings, copying: true)
      }
    }
    let entries = (try? PosixFileSystem().list(place)) ?? []
    if !entries.isEmpty && !entries.contains(where: { $0.name == "store.json" }) {
      throw .foreignTarget("'\(place)' is a directory that is not a dcmc store")
    }
    do {
      return entries.isEmpty
        ? try FileCaseRepository.openOrCreate(at: place, copying: true)
        : try FileCaseRepository.open(at: place, copying: true)
    } catch {
      throw .repository(.unavailable(error))
    }
  }
}
