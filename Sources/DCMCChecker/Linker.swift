import DCMCDiagnostics
import DCMCModel

/// The passes that need every file: unique ids, references, types of expressions and
/// values, service levels, flow, templates and scenarios. Each pass lives in its own
/// `Linker+Topic.swift`.
struct Linker {
  var definitions: Definitions
  let environment: CheckEnvironment
  var diagnostics: [Diagnostic] = []

  var calendars: [String: CalendarDefinition] = [:]
  var workgroups: [String: Workgroup] = [:]
  var templates: [String: Template] = [:]
  var caseTypes: [String: CaseType] = [:]
  /// Every user named in a workgroup, as member or supervisor.
  var users: Set<String> = []

  init(definitions: Definitions, environment: CheckEnvironment) {
    self.definitions = definitions
    self.environment = environment
  }

  mutating func report(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  mutating func run() {
    calendars = unique(definitions.calendars, header: \.header, kind: .calendar)
    workgroups = unique(definitions.workgroups, header: \.header, kind: .workgroup)
    templates = unique(definitions.templates, header: \.header, kind: .template)
    caseTypes = unique(definitions.caseTypes, header: \.header, kind: .caseType)
    _ = unique(definitions.scenarios, header: \.header, kind: .scenario)
    if definitions.customerProfiles.count > 1 {
      let first = definitions.customerProfiles[0].header
      for extra in definitions.customerProfiles.dropFirst() {
        report(
          Diagnostic(
            .duplicateId, "a second customer profile '\(extra.header.id.value)'", at: extra.header.id.range,
            notes: [Note("the customer profile is defined here", at: first.id.range)],
            help: "the customer record has one profile; put all extra fields in it"))
      }
    }
    for workgroup in definitions.workgroups {
      users.formUnion(workgroup.members.map(\.user.value))
      users.formUnion(workgroup.supervisors.map(\.value))
    }
    checkTimeZones()
    for caseType in definitions.caseTypes {
      check(caseType)
    }
    for scenario in definitions.scenarios {
      check(scenario)
    }
  }

  /// The definitions by id; a second definition of an id is DC2008 with both places.
  private mutating func unique<T>(_ items: [T], header: KeyPath<T, DefinitionHeader>, kind: DefinitionKind) -> [String:
    T]
  {
    var byID: [String: T] = [:]
    for item in items {
      let id = item[keyPath: header].id
      if let first = byID[id.value] {
        report(
          Diagnostic(
            .duplicateId, "\(kind.noun) '\(id.value)' is defined twice", at: id.range,
            notes: [Note("first defined here", at: first[keyPath: header].id.range)]))
        continue
      }
      byID[id.value] = item
    }
    return byID
  }

  /// Reports a reference to an unknown definition, with a suggestion; returns whether the
  /// reference resolved. References to definitions that failed their own checks are not
  /// reported again.
  @discardableResult
  mutating func resolve(
    _ reference: Located<String>, among candidates: some Collection<String>, code: DiagnosticCode, noun: String,
    context: String? = nil
  ) -> Bool {
    if candidates.contains(reference.value) { return true }
    if definitions.brokenIDs.contains(reference.value) { return false }
    var fixIts: [FixIt] = []
    var help: String?
    if let close = Suggestion.closest(to: reference.value, in: candidates) {
      help = "a \(noun) with a similar name exists: '\(close)'"
      fixIts.append(FixIt(replacing: reference.range, with: close))
    }
    let suffix = context.map { " in \($0)" } ?? ""
    report(
      Diagnostic(
        code, "unknown \(noun) '\(reference.value.prefix(64))'\(suffix)", at: reference.range, help: help,
        fixIts: fixIts))
    return false
  }

  private mutating func checkTimeZones() {
    var names: [String]?
    for calendar in definitions.calendars where !environment.isKnownTimeZone(calendar.timeZone.value) {
      if names == nil { names = environment.timeZoneNames() }
      var help = "use an IANA time zone name, like 'Europe/Brussels'"
      var fixIts: [FixIt] = []
      if let close = Suggestion.closest(to: calendar.timeZone.value, in: names ?? []) {
        help = "a time zone with a similar name exists: '\(close)'"
        fixIts.append(FixIt(replacing: calendar.timeZone.range, with: close))
      }
      report(
        Diagnostic(
          .unknownTimeZone, "unknown time zone '\(calendar.timeZone.value.prefix(64))'", at: calendar.timeZone.range,
          help: help, fixIts: fixIts))
    }
  }
}
