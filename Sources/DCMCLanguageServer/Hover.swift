import DCMCDiagnostics
import DCMCModel

/// The Markdown that hover shows: a definition's summary and a diagnostic's explanation.
enum Hover {
  /// What `symbol` is, from its definition; `nil` when it is not defined.
  static func summary(of symbol: SymbolIndex.Symbol, in definitions: Definitions) -> String? {
    switch symbol.kind {
    case .workgroup:
      return definitions.workgroups.first { $0.header.id.value == symbol.id }.map(workgroup)
    case .calendar:
      return definitions.calendars.first { $0.header.id.value == symbol.id }.map(calendar)
    case .template:
      return definitions.templates.first { $0.header.id.value == symbol.id }.map(template)
    case .caseType:
      return definitions.caseTypes.first { $0.header.id.value == symbol.id }.map { caseType in
        heading("case type", caseType.header) + "\n\n\(caseType.stages.count) stages, \(caseType.tasks.count) tasks"
      }
    case .stage:
      let stage = caseType(symbol, definitions)?.stages.first { $0.id.value == symbol.id }
      return stage.map {
        "**stage** \(code($0.id.value)): \(escaped($0.name))\n\ntasks: " + $0.tasks.map { code($0.id.value) }.joined(separator: ", ")
      }
    case .task:
      return caseType(symbol, definitions)?.tasks.first { $0.id.value == symbol.id }.map(task)
    case .field:
      let owner = caseType(symbol, definitions)
      let field = (owner?.fields ?? []).first { $0.id.value == symbol.id }
        ?? owner?.tasks.flatMap(\.fields).first { $0.id.value == symbol.id }
      return field.map {
        "**field** \(code($0.id.value)): \(escaped($0.name))\n\n\($0.kind.value.rawValue)" + ($0.isRequired ? ", required" : "")
          + ($0.isPublic ? "" : ", not on the public form")
          + ($0.values.isEmpty ? "" : "; values: " + $0.values.map { code($0.value) }.joined(separator: ", "))
      }
    case .outcome:
      return "**outcome** \(code(symbol.id)) of task \(code(symbol.scope.split(separator: "/").last ?? ""))"
    }
  }

  /// The explanation of a diagnostic's code, as `dcmc explain` titles and summarises it.
  static func explanation(of diagnostic: Diagnostic) -> String {
    let explanation = diagnostic.code.explanation
    return "**\(diagnostic.code.rawValue)**: \(explanation.title)\n\n\(explanation.summary)\n\n"
      + "Example that is refused:\n```yaml\n\(explanation.wrong)```\nCorrected:\n```yaml\n\(explanation.right)```"
  }

  private static func caseType(_ symbol: SymbolIndex.Symbol, _ definitions: Definitions) -> CaseType? {
    let id = symbol.scope.split(separator: "/").first.map(String.init) ?? symbol.scope
    return definitions.caseTypes.first { $0.header.id.value == id }
  }

  private static func heading(_ kind: String, _ header: DefinitionHeader) -> String {
    "**\(kind)** \(code(header.id.value)): \(escaped(header.name))" + (header.description.map { "\n\n\(escaped($0))" } ?? "")
  }

  private static func workgroup(_ workgroup: Workgroup) -> String {
    let members = workgroup.members.map { member in
      "- \(code(member.user.value))"
        + (member.skills.isEmpty ? "" : ": " + member.skills.map { "\(escaped($0.name.value)) \($0.level.value)" }.joined(separator: ", "))
    }
    return heading("workgroup", workgroup.header) + "\n\nmembers:\n" + members.joined(separator: "\n")
      + (workgroup.supervisors.isEmpty ? "" : "\n\nsupervisors: " + workgroup.supervisors.map { escaped($0.value) }.joined(separator: ", "))
  }

  private static func calendar(_ calendar: CalendarDefinition) -> String {
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let hours = zip(days, calendar.week).map { day, windows in
      "- \(day): " + (windows.isEmpty ? "closed" : windows.map { String($0.text.dropFirst().dropLast()) }.joined(separator: ", "))
    }
    return heading("calendar", calendar.header) + "\n\ntime zone: \(escaped(calendar.timeZone.value))\n\n" + hours.joined(separator: "\n")
      + (calendar.holidays.isEmpty ? "" : "\n\n\(calendar.holidays.count) holidays")
  }

  private static func template(_ template: Template) -> String {
    func text(_ text: TemplateText) -> String {
      text.parts.map {
        switch $0 {
        case .text(let literal): literal
        case .variable(let name): "{{\(name.value)}}"
        }
      }.joined()
    }
    return heading("template", template.header) + (template.subject.map { "\n\nsubject: \(escaped(text($0)))" } ?? "")
      + "\n\n" + codeBlock(text(template.body))
  }

  private static func task(_ task: TaskDefinition) -> String {
    var lines = ["**\(task.kind.rawValue) task** \(code(task.id.value)): \(escaped(task.name))"]
    if let description = task.description { lines.append(escaped(description)) }
    lines.append("target: " + task.target.workgroups.map { code($0.value) }.joined(separator: " or "))
    if let ola = task.ola { lines.append("OLA: " + words(ola.within.value) + (ola.calendar.map { " on calendar \(code($0.value))" } ?? "")) }
    if !task.outcomes.isEmpty { lines.append("outcomes: " + task.outcomes.map { code($0.code.value) }.joined(separator: ", ")) }
    return lines.joined(separator: "\n\n")
  }

  /// Text from the definitions as Markdown shows it, literally: the ASCII punctuation that
  /// can open or close Markdown (emphasis, links, HTML, headings, lists, code, tables,
  /// entities) is escaped with a backslash, as CommonMark allows for any ASCII punctuation.
  static func escaped(_ text: some StringProtocol) -> String {
    var result = ""
    for character in text {
      if "\\`*_{}[]<>()#+-.!|~&=".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }

  /// An inline code span of `text`, whose fence is longer than any run of backticks in it
  /// (CommonMark 6.1), so the text cannot end it.
  static func code(_ text: some StringProtocol) -> String {
    let fence = String(repeating: "`", count: longestBacktickRun(text) + 1)
    let padding = text.first == "`" || text.last == "`" ? " " : ""
    return fence + padding + text + padding + fence
  }

  /// A fenced code block of `text` whose fence (at least three backticks) is longer than any
  /// run of backticks in it, so no line of the text can close it.
  static func codeBlock(_ text: String) -> String {
    let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
    return fence + "\n" + text + "\n" + fence
  }

  private static func longestBacktickRun(_ text: some StringProtocol) -> Int {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    return longest
  }

  /// `2d 4h` as "2 business days 4 hours".
  static func words(_ duration: Duration) -> String {
    var parts: [String] = []
    func add(_ count: Int, _ unit: String) { if count != 0 { parts.append("\(count) \(unit)\(count == 1 ? "" : "s")") } }
    add(duration.days, "business day")
    add(duration.seconds / 3600, "hour")
    add(duration.seconds % 3600 / 60, "minute")
    add(duration.seconds % 60, "second")
    return parts.isEmpty ? "0 minutes" : parts.joined(separator: " ")
  }
}
