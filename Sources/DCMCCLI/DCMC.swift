/// The `dcmc` command line: reads argv and the environment, runs one command, and returns
/// the exit status (0 success, 1 invalid input or refused, 2 usage or I/O error).
import DCMCDiagnostics

public enum DCMC {
  public static let version = "0.1.0"

  public static func main(arguments: [String], environment: [String: String]) -> Int32 {
    let terminal = Terminal(environment: environment)
    // Output that could not be written is no success, whatever the command returned.
    return terminal.exitStatus(run(arguments, terminal))
  }

  private static func run(_ arguments: [String], _ terminal: Terminal) -> Int32 {
    guard let name = arguments.first else {
      terminal.err(HelpText.commands(CommandTable.commands))
      return ExitCode.usage
    }
    do throws(UsageError) {
      switch name {
      case "--help", "-h", "help":
        terminal.out(HelpText.commands(CommandTable.commands))
        return ExitCode.success
      case "--version":
        terminal.out("dcmc \(version)\n")
        return ExitCode.success
      default:
        guard let command = CommandTable.command(named: name) else {
          let close = Suggestion.closest(to: name, in: CommandTable.commands.map(\.name))
          throw UsageError(
            "unknown command '\(name.prefix(40))'"
              + (close.map { "; \(Suggestion.message(noun: "command", name: $0))" } ?? ""))
        }
        return try command.run(Array(arguments.dropFirst()), terminal: terminal)
      }
    } catch {
      terminal.err("dcmc: \(error.message)\n\(error.hint)\n")
      return ExitCode.usage
    }
  }
}

/// The exit statuses of SPEC section 8.
enum ExitCode {
  static let success: Int32 = 0
  static let invalid: Int32 = 1
  static let usage: Int32 = 2
}
