/// The `dcmc` command line: reads argv and the environment, runs one command, and returns
/// the exit status (0 success, 1 invalid input or refused, 2 usage or I/O error).
import DCMCDiagnostics

public enum DCMC {
  public static let version = "0.1.0"

  static let commands: [(name: String, summary: String)] = [
    ("validate", "check definitions and report every problem"),
    ("explain", "explain a diagnostic code, with a wrong and a corrected example"),
    ("calendar", "business time on a calendar: due, between, show"),
    ("compile", "validate and write the compiled bundle (JSON) the runtime loads"),
    ("graph", "print a case type's flow as a Mermaid or Graphviz diagram"),
    ("schema", "print the JSON Schema of the YAML language, for editors"),
    ("bundle", "verify a compiled bundle: format, version and content hash"),
    ("test", "run the scenarios of the definitions on the runtime's engine"),
    ("deploy", "compile the definitions (or load a bundle) into the store for new cases"),
    ("case", "create, show, list, cancel, pend, resume, attach and link cases; their history"),
    ("task", "list, pull, claim, work on, complete, escalate and re-plan tasks"),
    ("tick", "fire every timer that is due: OLA/SLA warnings and breaches, skills tiers"),
    ("run", "tick on the real clock every DURATION until SIGINT or SIGTERM"),
    ("outbox", "list the rendered notifications, deliver them through a command, mark them"),
    ("store", "verify the store against its histories, or rebuild its derived files"),
  ]

  public static func main(arguments: [String], environment: [String: String]) -> Int32 {
    let terminal = Terminal(environment: environment)
    guard let command = arguments.first else {
      terminal.err(usage)
      return ExitCode.usage
    }
    let rest = Array(arguments.dropFirst())
    do throws(UsageError) {
      switch command {
      case "validate":
        return try ValidateCommand.run(rest, terminal: terminal)
      case "explain":
        return try ExplainCommand.run(rest, terminal: terminal)
      case "calendar":
        return try CalendarCommand.run(rest, terminal: terminal)
      case "compile":
        return try CompileCommand.run(rest, terminal: terminal)
      case "graph":
        return try GraphCommand.run(rest, terminal: terminal)
      case "schema":
        return try SchemaCommand.run(rest, terminal: terminal)
      case "bundle":
        return try BundleCommand.run(rest, terminal: terminal)
      case "test":
        return try TestCommand.run(rest, terminal: terminal)
      case "case":
        return try CaseCommand.run(rest, terminal: terminal, environment: environment)
      case "task":
        return try TaskCommand.run(rest, terminal: terminal, environment: environment)
      case "run":
        return try RunCommand.run(rest, terminal: terminal, environment: environment)
      case "deploy", "tick", "outbox", "store":
        return try StoreCommands.run(command, rest, terminal: terminal, environment: environment)
      case "--help", "-h", "help":
        terminal.out(usage)
        return ExitCode.success
      case "--version":
        terminal.out("dcmc \(version)\n")
        return ExitCode.success
      default:
        let close = Suggestion.closest(to: command, in: commands.map(\.name))
        throw UsageError(
          "unknown command '\(command)'" + (close.map { "; a command with a similar name exists: '\($0)'" } ?? ""))
      }
    } catch {
      terminal.err("dcmc: \(error.message)\nRun 'dcmc --help' for usage.\n")
      return ExitCode.usage
    }
  }

  static var usage: String {
    var text = """
      dcmc \(version): declarative case-definition compiler and runtime

      Usage: dcmc <command> [options]

      Commands:

      """
    for command in commands {
      text += "  " + command.name.padding(to: 10) + command.summary + "\n"
    }
    text += "\nRun 'dcmc <command> --help' for a command's options.\n"
    return text
  }
}

/// The exit statuses of SPEC section 8.
enum ExitCode {
  static let success: Int32 = 0
  static let invalid: Int32 = 1
  static let usage: Int32 = 2
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
