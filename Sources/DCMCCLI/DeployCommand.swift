import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCCompiler
import DCMCJSON
import DCMCPostgres
import DCMCRuntime
import DCMCStore
internal import DCMCText

/// `dcmc deploy [PATH...]`: compiles the definitions (or loads a compiled bundle) into the
/// store, for the cases created from now on.
enum DeployCommand {
  static let paths = PositionalSpec.variadic(
    "PATH", "a file or directory of definitions (default definitions/), or one compiled bundle (*.json)")

  static let history = OptionSpec.flag(
    "--history", "list the store's deployments, oldest first, instead of deploying (takes no PATH)")
  static let limit = OptionSpec.value(
    "--limit", "N",
    "with --history: at most N deployments, 1 to \(DeploymentView.maximumLimit) (else all); "
      + "the next page's command goes to standard error")
  static let after = OptionSpec.value(
    "--after", "NUMBER", "with --history: the deployments numbered after NUMBER (0: from the first)")

  static let spec = CommandSpec(
    "deploy", summary: "compile the definitions (or load a bundle) into the store for new cases",
    exitStatus:
      "Exit status: 0 deployed (or listed), 1 the definitions or the bundle are refused, 2 usage error or I/O error.",
    action: .runtime(
      "", "compile the definitions (or load a bundle) into the store for new cases",
      details: """
        Compiles the definitions under PATH (default definitions/), or loads a compiled bundle,
        and makes it the bundle new cases start on; running cases keep theirs. Creates the store
        when it does not exist. --json prints {"bundle", "new", "recorded"}: whether the bundle
        was new to the store, and whether the deployment changed the current bundle (and so was
        recorded).

        A deployment that changes the bundle new cases start on is recorded in the store's
        deployment history with the acting user (--as, else $DCM_USER, else none) and the time
        (--at, else now); deploying the current bundle again records nothing. --history lists
        that history: number, bundle, case types, who and when (unknown for a deployment made
        before the store recorded them), the current one marked; --json prints an array of
        {"bundle", "case_types", "compiler_version", "current", "deployed_at", "deployed_by",
        "number", "workgroups"}.

        --limit N (1 to \(DeploymentView.maximumLimit); without it, every deployment) and --after NUMBER (the
        deployments numbered after it) page the list as GET /api/v1/deployments does; while
        later deployments follow, standard error gives the command for the next page.
        """,
      positionals: [paths], options: [history, limit, after]
    ) { arguments, options, terminal throws(UsageError) in
      let given = arguments.positionals(paths)
      guard arguments.has(history) else {
        guard arguments.value(limit) == nil, arguments.value(after) == nil else {
          throw UsageError("--limit and --after page 'deploy --history'; give them with --history")
        }
        return deploy(given, options, terminal)
      }
      guard given.isEmpty else { throw UsageError("'deploy --history' takes no PATH") }
      let start = try arguments.value(after).map { text throws(UsageError) -> Int in
        guard let number = DeploymentView.after(text) else {
          throw UsageError("--after takes a deployment number (a whole number from 0), not '\(text.prefix(20))'")
        }
        return number
      }
      let count = try arguments.count(limit, maximum: DeploymentView.maximumLimit)
      return list(after: start, limit: count, options, terminal)
    })

  /// `deploy --history`: a page of the deployment history of an existing store, oldest first,
  /// as `GET /api/v1/deployments` pages it (`CaseService.deploymentHistory`): the deployments
  /// numbered after `after`, at most `limit` (`nil`: all, as `case list` without `--limit`).
  static func list(after: Int?, limit: Int?, _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let (views, more) = try options.open().service.deploymentHistory(after: after, limit: limit)
      if more, let last = views.last?.record {
        terminal.err(
          "dcmc: later deployments follow: deploy --history --limit \(views.count) --after \(last.number)\n")
      }
      if options.json { return RuntimeOutput.text(.array(views.map(\.json))) }
      guard !views.isEmpty else { return after.map { "no deployment after \($0)" } ?? "no deployment" }
      return views.map { view in
        // A user edited into the history by hand is shown on its line, escaped.
        let by = view.record?.by.map { "by \($0.escapingControls)" } ?? "by an unknown user"
        let at = view.record?.at.map { "at \($0)" } ?? "at an unknown time"
        let types = view.bundle.caseTypes.map(\.id).joined(separator: ", ")
        return "\(view.record?.number ?? 0)  \(view.bundle.hash)  \(by)  \(at)  case types: \(types)"
          + (view.current ? "  (current)" : "")
      }.joined(separator: "\n")
    }
  }

  static func deploy(_ paths: [String], _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    let bundle: DefinitionBundle
    let bytes: [UInt8]
    if paths.count == 1, paths[0].hasSuffix(".json") {
      do {
        bytes = try FileIO.readBundle(paths[0])
      } catch {
        terminal.err("dcmc: \(error.message)\n")
        return ExitCode.usage
      }
      do {
        bundle = try BundleFile.load(bytes)
      } catch {
        terminal.err("dcmc: '\(paths[0])': \(error)\n")
        return ExitCode.invalid
      }
    } else {
      let input: CheckedDefinitions
      switch CheckedDefinitions.clean(paths, or: "nothing deployed", terminal) {
      case .success(let checked): input = checked
      case .failure(let status): return status.code
      }
      switch input.compiled(terminal) {
      case .success(let compiled): (bundle, bytes) = (compiled.bundle, compiled.bytes)
      case .failure(let status): return status.code
      }
    }
    // A bundle whose calendars cannot be used here (an unknown zone) is refused before it is kept.
    do throws(ServiceError) {
      try UsableBundle.check(bundle)
    } catch {
      terminal.err("dcmc: nothing deployed: \(error)\n")
      return ExitCode.invalid
    }
    return RuntimeOptions.run(terminal) { () throws(ServiceError) in
      // A store directory is made by its first deployment; a PostgreSQL store's schema by
      // `store init`.
      let runtime: Runtime
      if PostgresCaseRepository.isURL(options.storePath) {
        runtime = try options.open()
      } else {
        do throws(StoreError) {
          let repository = try FileCaseRepository.openOrCreate(at: options.storePath)
          runtime = Runtime(repository: repository, clock: FixedClock(options.now))
        } catch {
          throw .repository(.unavailable(error))
        }
      }
      // Whether this deploy changes the current bundle (and so is recorded in the history): a
      // bundle held already may be deployed again after another (A, B, A), which is recorded.
      let recorded = (try? runtime.repository.deployedBundle()) != bundle.hash
      let isNew = try runtime.service.deploy(bundle, bytes: bytes, by: options.user)
      // Work left in a workgroup this deployment lacks can be neither taken nor moved: say so
      // (the deployment is made; the reading is best effort).
      for (workbin, count) in (try? runtime.service.strandedTasks(outside: bundle.workgroups)) ?? [] {
        let (tasks, them) = count == 1 ? ("1 active task is", "it") : ("\(count) active tasks are", "them")
        terminal.err(
          "dcmc: warning: \(tasks) in workbin '\(workbin)', which no workgroup of this deployment has: "
            + "no member may take \(them) and no supervisor may move \(them) until a deployment has it again\n")
      }
      if options.json {
        return RuntimeOutput.text(
          .object([("bundle", .string(bundle.hash)), ("new", .bool(isNew)), ("recorded", .bool(recorded))]))
      }
      guard recorded else {
        return "already deployed: \(BundleSummary(bundle).text) (\(bundle.hash)) is what new cases start on; nothing recorded"
      }
      return "deployed \(BundleSummary(bundle).text) (\(bundle.hash))" + (isNew ? "" : ", a bundle the store held already")
    }
  }
}
