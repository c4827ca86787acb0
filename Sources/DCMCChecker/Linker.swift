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
  /// Every user named in a workgroup, as member or supervisor, at the first place named.
  var users: [String: SourceRange] = [:]

  init(definitions: Definitions, environment: CheckEnvironment) {
    self.definitions = definitions
    self.environment = environment
  }

  mutating func report(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  /// The passes over all definitions, which the checks of each case type (`check(_:)`, run
  /// by `Linking`) then read: id tables, users, time zones and field patterns.
  mutating func prepare() {
    calendars = unique(definitions.calendars, header: \.header, kind: .calendar)
    workgroups = unique(definitions.workgroups, header: \.header, kind: .workgroup)
    templates = unique(definitions.templates, header: \.header, kind: .template)
    caseTypes = unique(definitions.caseTypes, header: \.header, kind: .caseType)
    _ = unique(definitions.scenarios, header: \.header, kind: .scenario)
    _ = unique(definitions.presences, header: \.header, kind: .presence)
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
      for user in workgroup.members.map(\.user) + workgroup.supervisors where users[user.value] == nil {
        users[user.value] = user.range
      }
    }
    checkTimeZones()
    checkPatterns()
    checkPhoneRegions()
    checkWorkgroupDistributions()
  }

  /// The definitions by id; a second definition of an id is DC2008 with both places.
  private mutating func unique<T>(_ items: [T], header: KeyPath<T, DefinitionHeader>, kind: DefinitionKind) -> [String:
    T]
  {
    var byID: [String: T] = [:]
    byID.reserveCapacity(items.count)
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

  /// Reports a reference to an unknown definition, with a suggestion (a located note at the
  /// similar definition, and a fix-it); returns whether the reference resolved. References
  /// to definitions that failed their own checks are not reported again.
  @discardableResult
  mutating func resolve<T>(
    _ reference: Located<String>, among candidates: [String: T], code: DiagnosticCode, noun: String,
    context: String? = nil, declaredAt declaration: (T) -> SourceRange?
  ) -> Bool {
    if candidates[reference.value] != nil { return true }
    if definitions.brokenIDs.contains(reference.value) { return false }
    let suffix = context.map { " in \($0)" } ?? ""
    var diagnostic = Diagnostic(
      code, "unknown \(noun) '\(reference.value.prefix(64))'\(suffix)", at: reference.range)
    // Sorted, so that a tie between two similar names does not depend on dictionary order.
    if let close = Suggestion.closest(to: reference.value, in: candidates.keys.sorted()) {
      diagnostic = diagnostic.suggesting(
        noun, close, declaredAt: candidates[close].flatMap(declaration), replacing: reference.range)
    }
    report(diagnostic)
    return false
  }

  @discardableResult
  mutating func resolveWorkgroup(_ reference: Located<String>) -> Bool {
    resolve(reference, among: workgroups, code: .unknownWorkgroup, noun: "workgroup") { $0.header.id.range }
  }

  @discardableResult
  mutating func resolveTemplate(_ reference: Located<String>) -> Bool {
    resolve(reference, among: templates, code: .unknownTemplate, noun: "template") { $0.header.id.range }
  }

  @discardableResult
  mutating func resolveUser(_ reference: Located<String>) -> Bool {
    resolve(reference, among: users, code: .unknownUser, noun: "user") { $0 }
  }

  /// A calendar defined in the files, or the built-in `24x7` (which has no place to point at).
  @discardableResult
  mutating func resolveCalendar(_ reference: Located<String>) -> Bool {
    if reference.value == CalendarDefinition.alwaysOpenID || calendars[reference.value] != nil { return true }
    var known: [String: SourceRange?] = calendars.mapValues { $0.header.id.range }
    known[CalendarDefinition.alwaysOpenID] = .some(nil)
    return resolve(reference, among: known, code: .unknownCalendar, noun: "calendar") { $0 }
  }

  private mutating func checkTimeZones() {
    var names: [String]?
    for calendar in definitions.calendars where !environment.isKnownTimeZone(calendar.timeZone.value) {
      if names == nil { names = environment.timeZoneNames() }
      var diagnostic = Diagnostic(
        .unknownTimeZone, "unknown time zone '\(calendar.timeZone.value.prefix(64))'", at: calendar.timeZone.range,
        help: "use an IANA time zone name, like 'Europe/Brussels'")
      if let close = Suggestion.closest(to: calendar.timeZone.value, in: names ?? []) {
        diagnostic = diagnostic.suggesting("time zone", close, declaredAt: nil, replacing: calendar.timeZone.range)
      }
      report(diagnostic)
    }
  }
}
