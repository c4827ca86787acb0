import DCMCDiagnostics
import DCMCModel

/// Every place an id is defined or used in the checked definitions: what go to definition,
/// find references, rename and workspace symbols read.
///
/// Built from the checker's model, so it holds the definitions that passed their shape
/// check; a reference to an id that is not defined is indexed all the same (its uses are
/// found, and it has no definition). Fields are also found where conditions and templates
/// name them (`SymbolIndex+Texts.swift`).
struct SymbolIndex: Sendable {
  /// What kind of thing an id names.
  enum Kind: String, Sendable, Hashable {
    case workgroup, calendar, template
    case caseType = "case type"
    case stage, task, field, outcome
  }

  /// An id in its namespace: stages, tasks and fields are scoped by their case type, an
  /// outcome by its case type and task; the other kinds are global.
  struct Symbol: Sendable, Hashable {
    var kind: Kind
    var scope: String
    var id: String
  }

  /// One place an id is written.
  struct Occurrence: Sendable {
    var symbol: Symbol
    /// The id as written (a YAML scalar with its quotes), or where a condition or template
    /// names it: the name alone when `isExact`, else the whole text around it.
    var range: SourceRange
    var isDefinition: Bool
    /// Whether `range` holds the id alone (with its quotes), so that an edit may replace it.
    var isExact = true
  }

  private(set) var occurrences: [Occurrence] = []
  /// The occurrences of each file, by file name.
  private var byFile: [String: [Int]] = [:]
  /// Each file's text, to find a field inside a condition or a template placeholder.
  let lines: [String: LineIndex]

  init(_ definitions: Definitions, lines: [String: LineIndex] = [:]) {
    self.lines = lines
    let templates = Dictionary(definitions.templates.map { ($0.header.id.value, $0) }, uniquingKeysWith: { a, _ in a })
    for calendar in definitions.calendars { define(.calendar, "", calendar.header.id) }
    for workgroup in definitions.workgroups { define(.workgroup, "", workgroup.header.id) }
    for template in definitions.templates { define(.template, "", template.header.id) }
    for caseType in definitions.caseTypes {
      add(caseType)
      addTexts(of: caseType, templates: templates)
    }
    for scenario in definitions.scenarios {
      use(.caseType, "", scenario.caseType)
      for step in scenario.steps { add(step, in: scenario.caseType.value) }
    }
    for (index, occurrence) in occurrences.enumerated() { byFile[occurrence.range.file, default: []].append(index) }
  }

  private mutating func add(_ caseType: CaseType) {
    let scope = caseType.header.id.value
    define(.caseType, "", caseType.header.id)
    use(.calendar, "", caseType.calendar)
    for field in caseType.fields { define(.field, scope, field.id) }
    if let sla = caseType.sla { add(sla) }
    for rule in caseType.rules {
      if let target = rule.target { use(.workgroup, "", target) }
      if let template = rule.acknowledge { use(.template, "", template) }
      for assignment in rule.set { use(.field, scope, assignment.field) }
    }
    for level in caseType.escalation?.levels ?? [] {
      use(.workgroup, "", level.target)
      use(.task, scope, level.task)
    }
    for notification in caseType.notifications { use(.template, "", notification.template) }
    for entry in caseType.customer?.entries ?? [] { use(.field, scope, entry.field) }
    for stage in caseType.stages {
      define(.stage, scope, stage.id)
      for task in stage.tasks { add(task, in: scope) }
    }
  }

  private mutating func add(_ task: TaskDefinition, in scope: String) {
    define(.task, scope, task.id)
    for workgroup in task.target.workgroups { use(.workgroup, "", workgroup) }
    if let ola = task.ola { add(ola) }
    for field in task.fields { define(.field, scope, field.id) }
    for outcome in task.outcomes {
      define(.outcome, scope + "/" + task.id.value, outcome.code)
      for next in outcome.start { use(.task, scope, next) }
      if let stage = outcome.stage { use(.stage, scope, stage) }
      for assignment in outcome.set { use(.field, scope, assignment.field) }
    }
  }

  /// A scenario step's workgroup, task, outcome, fields and expected template, and those of
  /// the steps it expects to be refused (a `customer` step's fields are the profile's).
  private mutating func add(_ step: ScenarioStep, in scope: String) {
    if let target = step.target { use(.workgroup, "", target) }
    if step.action.value != .customer {
      for assignment in step.fields { use(.field, scope, assignment.field) }
    }
    if let task = step.task {
      use(.task, scope, task)
      if let outcome = step.outcome { use(.outcome, scope + "/" + task.value, outcome) }
    }
    for (key, value) in step.expectations where key.value == "template" { use(.template, "", value) }
    for inner in step.refused { add(inner, in: scope) }
  }

  private mutating func add(_ level: ServiceLevel) {
    if let calendar = level.calendar { use(.calendar, "", calendar) }
    for action in level.onWarn + (level.onBreach ?? []) {
      switch action {
      case .reassign(let workgroup): use(.workgroup, "", workgroup)
      case .notify(let template, _): use(.template, "", template)
      case .escalate, .raisePriority: break
      }
    }
  }

  private mutating func define(_ kind: Kind, _ scope: String, _ id: Located<String>) {
    occurrences.append(Occurrence(symbol: Symbol(kind: kind, scope: scope, id: id.value), range: id.range, isDefinition: true))
  }

  mutating func use(_ kind: Kind, _ scope: String, _ id: Located<String>, isExact: Bool = true) {
    occurrences.append(
      Occurrence(
        symbol: Symbol(kind: kind, scope: scope, id: id.value), range: id.range, isDefinition: false, isExact: isExact))
  }

  /// The occurrence whose range holds `line`:`column` (1-based, scalars) of `file`; an
  /// empty range holds nothing, nor does an occurrence that is not exact, and the end of a
  /// range counts as in it (the cursor just after an id is on it). A placeholder of a
  /// template that several case types use names a field of each: the first is returned,
  /// `sharing(_:)` gives the others.
  func occurrence(in file: String, line: Int, column: Int) -> Occurrence? {
    let place = SourceLocation(line: line, column: column, offset: 0)
    for index in byFile[file] ?? [] {
      let range = occurrences[index].range
      // A field inside a condition that is not located exactly spans the whole condition, and
      // so would hold every other name in it.
      guard occurrences[index].isExact else { continue }
      if range.start <= place, place <= range.end, range.start != range.end { return occurrences[index] }
    }
    return nil
  }

  /// The occurrences of other symbols written at the place of one of `symbol`'s: a
  /// placeholder in a template that another case type uses too.
  func sharing(_ symbol: Symbol) -> [Occurrence] {
    let places = Set(occurrences(of: symbol).map { PlaceKey(file: $0.range.file, start: $0.range.start) })
    return occurrences.filter {
      $0.symbol != symbol && places.contains(PlaceKey(file: $0.range.file, start: $0.range.start))
    }
  }

  private struct PlaceKey: Hashable {
    var file: String
    var line: Int
    var column: Int

    init(file: String, start: SourceLocation) {
      self.file = file
      self.line = start.line
      self.column = start.column
    }
  }

  /// Where `symbol` is defined (several places for a duplicate id).
  func definitions(of symbol: Symbol) -> [Occurrence] {
    occurrences.filter { $0.symbol == symbol && $0.isDefinition }
  }

  /// Every occurrence of `symbol`, in file and position order.
  func occurrences(of symbol: Symbol) -> [Occurrence] {
    occurrences.filter { $0.symbol == symbol }.sorted {
      ($0.range.file, $0.range.start) < ($1.range.file, $1.range.start)
    }
  }
}
