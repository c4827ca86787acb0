public import DCMCBundle
public import DCMCModel

/// Turns checked definitions into a sealed bundle. Pure and deterministic: the same
/// definitions give the same bytes, whatever the order of their files or of the keys of
/// their mappings.
public enum Compiler {
  /// The bundle of `definitions`, which must have passed the checker without errors
  /// (every reference resolves and every condition parsed); scenarios are tests and are
  /// left out.
  ///
  /// `sourceName` gives the name a definition's file is recorded under (SPEC 10: relative to
  /// the definitions' root, so the same definitions give the same bytes by any path); the
  /// file's name as read when not given.
  ///
  /// Definitions the checker did not pass (a duration on a calendar that is not defined) or a
  /// bundle JSON cannot hold are refused with a `CompileError`, never trapped on.
  public static func compile(
    _ definitions: Definitions, compilerVersion: String, sourceName: @escaping (String) -> String = { $0 }
  ) throws(CompileError) -> (bundle: DefinitionBundle, bytes: [UInt8]) {
    let context = CompileContext(definitions, sourceName: sourceName)
    let calendars = definitions.calendars.map(context.calendar) + [BundleCalendar.alwaysOpen]
    let bundle = DefinitionBundle(
      compiler: BundleCompiler(version: compilerVersion),
      calendars: calendars.sorted(by: \.id),
      workgroups: definitions.workgroups.map(context.workgroup).sorted(by: \.id),
      templates: definitions.templates.map(context.template).sorted(by: \.id),
      customerProfile: definitions.customerProfiles.first.map(context.customerProfile),
      presence: definitions.presences.first.map(context.presence),
      caseTypes: definitions.caseTypes.map(context.caseType).sorted(by: \.id))
    if let problem = context.problems.first { throw CompileError(reason: problem) }
    do {
      return try BundleFile.seal(bundle)
    } catch {
      throw CompileError(reason: error.description)
    }
  }
}

/// Why definitions could not be compiled: they did not pass the checker, or the bundle cannot
/// be written.
public struct CompileError: Error, Sendable, CustomStringConvertible {
  public var reason: String
  public var description: String { "cannot compile: \(reason)" }
}

/// What compiling found wrong with definitions the checker should have refused; collected,
/// so the compile can be refused as a whole.
///
/// `@unchecked Sendable`: a compile runs on one thread and this is never shared beyond it.
final class CompileProblems: @unchecked Sendable {
  private(set) var list: [String] = []
  func add(_ problem: String) { list.append(problem) }
}

/// What compiling one definition needs to know about the others.
struct CompileContext {
  /// The length of `1d` in seconds, by calendar id (`24x7` included).
  let dayLengths: [String: Int]
  let found = CompileProblems()
  var problems: [String] { found.list }
  /// The name a file is recorded under in the bundle's sources.
  let sourceName: (String) -> String

  init(_ definitions: Definitions, sourceName: @escaping (String) -> String) {
    self.sourceName = sourceName
    var lengths = [CalendarDefinition.alwaysOpenID: 86_400]
    for calendar in definitions.calendars { lengths[calendar.header.id.value] = calendar.dayLength }
    dayLengths = lengths
  }

  func source(_ header: DefinitionHeader) -> BundleSource {
    BundleSource(file: sourceName(header.range.file), line: header.range.start.line)
  }

  /// A duration in minutes on `calendar`, `1d` being the calendar's day.
  func duration(_ duration: Duration, on calendar: String) -> BundleDuration {
    guard let dayLength = dayLengths[calendar] else {
      found.add("calendar '\(calendar)' is not defined")
      return BundleDuration(minutes: 0, seconds: 0, calendar: calendar, text: duration.description)
    }
    let total = duration.totalSeconds(dayLength: dayLength)
    return BundleDuration(
      minutes: total / 60, seconds: total % 60, calendar: calendar, text: duration.description)
  }

  func text(_ text: TemplateText) -> [BundleTextPart] {
    text.parts.map { part in
      switch part {
      case .text(let literal): .text(literal)
      case .variable(let name): .variable(name.value)
      }
    }
  }

  func field(_ field: FieldDefinition) -> BundleField {
    let kind: BundleField.Kind =
      switch field.kind.value {
      case .string: .string
      case .text: .text
      case .integer: .integer
      case .number: .number
      case .boolean: .boolean
      case .date: .date
      case .datetime: .datetime
      case .email: .email
      case .phone: .phone
      case .enumeration: .enumeration
      }
    return BundleField(
      id: field.id.value, name: field.name, type: kind, required: field.isRequired,
      values: field.values.map(\.value),
      pattern: field.pattern?.value, description: field.description, isPublic: field.isPublic)
  }

  func workgroup(_ workgroup: Workgroup) -> BundleWorkgroup {
    let header = workgroup.header
    let members = workgroup.members.map { member in
      BundleMember(
        user: member.user.value,
        skills: member.skills.map { BundleSkill(skill: $0.name.value, level: $0.level.value) }
          .sorted(by: \.skill),
        capacity: member.capacity?.value ?? Workgroup.Member.defaultCapacity)
    }
    return BundleWorkgroup(
      id: header.id.value, name: header.name, description: header.description,
      source: source(header),
      members: members, supervisors: workgroup.supervisors.map(\.value), mode: mode(workgroup.dispatch),
      offerTimeoutSeconds: workgroup.dispatch.offerTimeout.map(clockSeconds),
      serviceLevel: workgroup.serviceLevel.map {
        BundleWorkbinServiceLevel(
          answerWithinSeconds: clockSeconds($0.answerWithin), targetPercent: $0.target.value.value)
      })
  }

  func mode(_ dispatch: Dispatch) -> BundleDistributionMode? {
    dispatch.mode.map { mode in
      switch mode.value {
      case .pull: .pull
      case .push: .push
      }
    }
  }

  /// Clock time in seconds, `1d` being 24 hours.
  func clockSeconds(_ duration: Located<Duration>) -> Int {
    duration.value.totalSeconds(dayLength: 86_400)
  }

  func presence(_ presence: Presence) -> BundlePresence {
    BundlePresence(
      id: presence.header.id.value, source: source(presence.header), notReady: presence.notReady.map(\.value),
      wrapUpSeconds: presence.wrapUp.map(clockSeconds) ?? Presence.defaultWrapUpSeconds)
  }

  func template(_ template: Template) -> BundleTemplate {
    let header = template.header
    return BundleTemplate(
      id: header.id.value, name: header.name, description: header.description,
      source: source(header),
      subject: template.subject.map(text), body: text(template.body))
  }

  func customerProfile(_ profile: CustomerProfile) -> BundleCustomerProfile {
    BundleCustomerProfile(
      id: profile.header.id.value, source: source(profile.header), fields: profile.fields.map(field),
      reference: profile.referenceFormat, phoneRegion: profile.phoneRegion?.value)
  }

  func calendar(_ calendar: CalendarDefinition) -> BundleCalendar {
    let header = calendar.header
    func windows(_ list: [TimeWindow]) -> [BundleWindow] {
      list.map { BundleWindow(start: $0.start, end: $0.end) }.sorted {
        ($0.start, $0.end) < ($1.start, $1.end)
      }
    }
    return BundleCalendar(
      id: header.id.value, name: header.name, description: header.description,
      source: source(header),
      timezone: calendar.timeZone.value, week: calendar.week.map(windows),
      holidays: Set(calendar.holidays.map(\.value)).sorted().map(\.description),
      overrides: calendar.overrides.sorted { $0.date.value < $1.date.value }.map {
        BundleOverride(date: $0.date.value.description, windows: windows($0.windows))
      },
      dayMinutes: calendar.dayLength / 60)
  }
}

extension Array {
  /// Sorted by a string key, compared by UTF-8 bytes so the order never depends on the locale
  /// or on Unicode normalisation.
  func sorted(by key: KeyPath<Element, String>) -> [Element] {
    sorted { $0[keyPath: key].utf8.lexicographicallyPrecedes($1[keyPath: key].utf8) }
  }
}
