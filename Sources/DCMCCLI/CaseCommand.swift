import DCMCCalendar
import DCMCJSON
import DCMCRuntime
import DCMCStore
import DCMCSyntax

/// `dcmc case create|show|list|history|cancel|pend|resume`.
enum CaseCommand {
  static let help = """
    Usage: dcmc case create TYPE [--field K=V ...] [--fields FILE] [--request-id ID]
           dcmc case show ID | case history ID
           dcmc case list [--type T] [--status S]
           dcmc case cancel ID | case pend ID | case resume ID
           dcmc case attach ID FILE | case link ID --interaction CHANNEL:ID

    Runtime options (every command): --store DIR (else $DCM_STORE, else ./dcm-store),
    --as USER (else $DCM_USER), --at TIME (ISO 8601 with an offset; else now), --json.

    --fields reads the form data from a YAML or JSON mapping ('-' for standard input);
    --field values override it. --request-id makes create idempotent: a retry returns the same case.
    attach copies FILE (at most 10 MiB) into the store; link records an interaction
    (a call, a chat, an email) by its channel and id.

    Exit status: 0 done, 1 refused (nothing changed), 2 usage error or I/O error.

    """

  static func run(_ argv: [String], terminal: Terminal, environment: [String: String]) throws(UsageError) -> Int32 {
    let arguments = try Arguments(
      argv, valued: RuntimeOptions.valued.union(["--field", "--fields", "--request-id", "--type", "--status", "--interaction"]),
      flags: RuntimeOptions.flags)
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    let options = try RuntimeOptions(arguments, environment: environment)
    guard let action = arguments.positionals.first else { throw UsageError("'case' needs an action: create, show, list, history, cancel, pend or resume") }
    let operand = arguments.positionals.dropFirst().first
    func needOperand(_ what: String) throws(UsageError) -> String {
      guard let operand else { throw UsageError("'case \(action)' needs \(what)") }
      return operand
    }
    switch action {
    case "create":
      let type = try needOperand("a case type")
      let fields = try formData(arguments)
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let state = try options.openStore().create(
          type: type, fields: fields, customer: nil, requestID: arguments.value("--request-id"), by: options.user,
          at: options.now)
        return options.json ? RuntimeOutput.caseObject(state).prettyText() : "created " + RuntimeOutput.caseText(state)
      }
    case "show", "history":
      let id = try needOperand("a case id")
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let store = try options.openStore()
        guard let events = try store.history(of: try CaseStore.id(id)), let state = CaseState.replay(events) else {
          throw .refused(Refusal(.notFound, "no case '\(id)'"))
        }
        if action == "show" {
          return options.json ? RuntimeOutput.caseObject(state).prettyText() : RuntimeOutput.caseText(state)
        }
        return options.json
          ? JSONValue.array(events.map(RuntimeOutput.event)).prettyText()
          : events.map(RuntimeOutput.eventText).joined(separator: "\n")
      }
    case "list":
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let cases = try options.openStore().cases().filter { state in
          (arguments.value("--type").map { $0 == state.type } ?? true)
            && (arguments.value("--status").map { $0 == state.status.rawValue } ?? true)
        }
        return options.json
          ? JSONValue.array(cases.map(RuntimeOutput.caseObject)).prettyText()
          : cases.map(RuntimeOutput.caseText).joined()
      }
    case "cancel", "pend", "resume":
      let id = try needOperand("a case id")
      let command: Command = action == "cancel" ? .cancel : action == "pend" ? .pend : .resume
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let state = try options.openStore().execute(command, onCase: id, by: options.user, at: options.now)
        return options.json ? RuntimeOutput.caseObject(state).prettyText() : RuntimeOutput.caseText(state)
      }
    case "attach":
      let id = try needOperand("a case id and a file")
      guard let path = arguments.positionals.dropFirst(2).first else { throw UsageError("'case attach' needs a file") }
      let bytes: [UInt8]
      do {
        bytes = try FileIO.read(path)
      } catch {
        terminal.err("dcmc: \(error.message)\n")
        return ExitCode.usage
      }
      let name = String(path.split(separator: "/").last ?? Substring(path))
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let state = try options.openStore().attach(name: name, bytes: bytes, toCase: id, by: options.user, at: options.now)
        return options.json ? RuntimeOutput.caseObject(state).prettyText() : "attached '\(name)' to \(state.id)"
      }
    case "link":
      let id = try needOperand("a case id")
      guard let interaction = arguments.value("--interaction"), let colon = interaction.firstIndex(of: ":"),
        colon != interaction.startIndex, interaction.index(after: colon) != interaction.endIndex,
        interaction.count <= 200, !interaction.contains(where: \.isNewline)
      else { throw UsageError("'case link' needs --interaction CHANNEL:ID, like phone:call-20260302-0042") }
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let state = try options.openStore().execute(.link(interaction: interaction), onCase: id, by: options.user, at: options.now)
        return options.json ? RuntimeOutput.caseObject(state).prettyText() : "linked \(interaction) to \(state.id)"
      }
    default:
      throw UsageError(
        "unknown case action '\(action)'; the actions are create, show, list, history, cancel, pend, resume, attach, link")
    }
  }

  /// `--fields FILE` (a mapping of field to value, in YAML or JSON; `-` reads standard
  /// input) overridden by each `--field K=V`. Values are taken as written: the form check
  /// types them by the case type's fields.
  static func formData(_ arguments: Arguments) throws(UsageError) -> [String: String] {
    var fields: [String: String] = [:]
    if let path = arguments.value("--fields") {
      let file: ParsedFile
      do {
        file = try YAMLReader.load(path: path)
      } catch {
        throw UsageError("cannot read the form data: \(error)")
      }
      if let problem = file.diagnostics.first {
        throw UsageError("the form data '\(path)' is not valid YAML or JSON: \(problem.message)")
      }
      guard file.documents.count == 1, case .mapping(let entries)? = file.documents[0].root?.content else {
        throw UsageError("the form data '\(path)' is not one mapping of field to value")
      }
      for entry in entries {
        guard case .scalar(let scalar) = entry.value.content else {
          throw UsageError("form field '\(entry.key)' in '\(path)' is not a single value")
        }
        fields[entry.key] = scalar.isNull ? "" : scalar.value
      }
    }
    for pair in arguments.options["--field"] ?? [] {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw UsageError("--field takes KEY=VALUE, not '\(pair.prefix(40))'")
      }
      fields[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return fields
  }
}
