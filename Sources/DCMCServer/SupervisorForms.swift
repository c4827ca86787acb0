import DCMCApplication
import DCMCModel
import DCMCRuntime

/// What the supervisor's change forms share, on a task's page and a case's: labelled inputs,
/// and the new deadlines (`Deadline`) in business days and hours, the case's SLA on both pages.
/// The form around them and the change they POST are `SupervisorPages.changeForm` and
/// `SupervisorPages.change`.
enum SupervisorForms {
  /// A form's value the command cannot take, in the words the page shows.
  struct Invalid: Error {
    var text: String
  }

  /// A new deadline in business days and hours, as `task set --ola` and `case set --sla` take
  /// it: a task's OLA from now, the case's SLA from its creation. The form's inputs and the
  /// command its fields ask for; how long it may be is the use case's rule
  /// (`CaseService.longestDeadlineDays`), which the inputs tell the browser too.
  enum Deadline {
    case ola(task: String)
    case sla

    /// The deadline the change `action` of task `task`'s page sets, if it sets one.
    init?(_ action: String, task: String) {
      switch action {
      case "ola": self = .ola(task: task)
      case "sla": self = .sla
      default: return nil
      }
    }

    /// The change's name in the path it is POSTed to.
    var action: String {
      switch self {
      case .ola: "ola"
      case .sla: "sla"
      }
    }

    /// What a change made says.
    var saved: String {
      switch self {
      case .ola: "The OLA is set."
      case .sla: "The case's SLA is set."
      }
    }

    /// What a change that recorded nothing says, from `state` as it is now: the deadline it
    /// has already, in the CLI's words (`already has SLA 2d`, `already has this OLA`).
    func unchanged(in state: CaseState, _ context: SupervisorPages) -> [HTML] {
      switch self {
      case .ola(let task):
        guard let due = state.task(task)?.olaDue else { return [.text("Nothing changed: the OLA is as it was.")] }
        return [.text("Nothing changed: the task already has this OLA, due "), context.time(due), .text(".")]
      case .sla:
        guard let sla = state.sla else { return [.text("Nothing changed: the case's SLA is as it was.")] }
        return [.text("Nothing changed: the case already has SLA \(sla.text).")]
      }
    }

    /// The form on the page at `path` that POSTs the deadline to `path/ACTION`: days and
    /// hours, each from 0 to the longest.
    func form(on path: String, in context: SupervisorPages) -> HTML {
      let (button, days) =
        switch self {
        case .ola: ("Set OLA", "OLA: business days from now")
        case .sla: ("Set case SLA", "Case SLA: business days from its creation")
        }
      let longest = CaseService.longestDeadlineDays
      return context.changeForm(
        action, on: path, button,
        [
          SupervisorForms.number(prefix + "days", days, "", maximum: longest),
          SupervisorForms.number(prefix + "hours", "and business hours", "", maximum: longest * 24),
        ])
    }

    /// The inputs' names start so: the task page shows both forms.
    private var prefix: String {
      switch self {
      case .ola: ""
      case .sla: "sla-"
      }
    }

    /// The command `fields` ask for: each amount empty (none) or a whole number of at most 9
    /// digits, as a duration's amount is (`Duration.parse`), together more than none.
    func command(_ fields: [String: String]) -> Result<Command, Invalid> {
      let amount = { (name: String) -> Int? in
        let text = String((fields[prefix + name] ?? "").trimmingSpaces)
        guard !text.isEmpty else { return 0 }
        guard text.utf8.count <= 9, let value = Int(text), value >= 0 else { return nil }
        return value
      }
      guard let days = amount("days"), let hours = amount("hours"), days + hours > 0 else {
        return .failure(Invalid(text: "the \(action.uppercased()) is a positive number of business days and hours"))
      }
      switch self {
      case .ola(let task): return .success(.setOLA(task: task, days: days, seconds: hours * 3600))
      case .sla: return .success(.setSLA(days: days, seconds: hours * 3600))
      }
    }
  }

  /// What a change POSTed from a page did, as the redirect back to the page tells it: the
  /// change's name (`?done=ACTION`: something was recorded; `?unchanged=ACTION`: the engine
  /// found it made already, so nothing was), never a value the user sent. The page words it
  /// from the case as it is.
  struct Outcome {
    var action: String
    var recorded: Bool

    init(_ action: String, recorded: Bool) {
      (self.action, self.recorded) = (action, recorded)
    }

    /// The outcome a page's query tells, if it tells one.
    init?(_ query: [String: String]) {
      if let action = query[Self.done] {
        self.init(action, recorded: true)
      } else if let action = query[Self.unchanged] {
        self.init(action, recorded: false)
      } else {
        return nil
      }
    }

    /// The page's notice of it: `saved` when something was recorded, else `unchanged`'s words.
    func notice(saved: String, unchanged: () -> [HTML]) -> HTML {
      SupervisorPages.notice(recorded ? [.text(saved)] : unchanged(), refused: false)
    }

    /// The query item that tells it.
    var item: (String, String) { (recorded ? Self.done : Self.unchanged, action) }

    private static let done = "done"
    private static let unchanged = "unchanged"
  }

  static func labelled(_ name: String, _ label: String, _ input: HTML) -> HTML {
    .tag("div", [("class", "field")], [.tag("label", [("for", name)], text: label), input])
  }

  /// A number input from 0 to `maximum` (none: no bound the browser checks).
  static func number(_ name: String, _ label: String, _ value: String, maximum: Int? = nil) -> HTML {
    labelled(
      name, label,
      .void(
        "input",
        [("id", name), ("name", name), ("type", "number"), ("min", "0")] + (maximum.map { [("max", String($0))] } ?? [])
          + [("inputmode", "numeric"), ("value", value)]))
  }
}
