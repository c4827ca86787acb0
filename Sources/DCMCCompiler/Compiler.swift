public import DCMCBundle
public import DCMCModel

/// Turns checked definitions into a sealed bundle. Pure and deterministic: the same
/// definitions give the same bytes, whatever the order of their files or of the keys of
/// their mappings.
public enum Compiler {
  /// The bundle of `definitions`, which must have passed the checker without errors
  /// (every reference resolves and every condition parsed); scenarios are tests and are
  /// left out.
  public static func compile(
    _ definitions: Definitions, compilerVersion: String
  ) -> (bundle: DefinitionBundle, bytes: [UInt8]) {
    let context = CompileContext(definitions)
    let calendars = definitions.calendars.map(context.calendar) + [BundleCalendar.alwaysOpen]
    let bundle = DefinitionBundle(
      compiler: BundleCompiler(version: compilerVersion),
      calendars: calendars.sorted(by: \.id),
      workgroups: definitions.workgroups.map(context.workgroup).sorted(by: \.id),
      templates: definitions.templates.map(context.template).sorted(by: \.id),
      customerProfile: definitions.customerProfiles.first.map(context.customerProfile),
      caseTypes: definitions.caseTypes.map(context.caseType).sorted(by: \.id))
    return BundleFile.seal(bundle)
  }
}

/// What compiling one definition needs to know about the others.
struct CompileContext {
  /// The length of `1d` in seconds, by calendar id (`24x7` included).
  let dayLengths: [String: Int]

  init(_ definitions: Definitions) {
    var lengths = [CalendarDefinition.alwaysOpenID: 86_400]
    for calendar in definitions.calendars { lengths[calendar.header.id.value] = calendar.dayLength }
    dayLengths = lengths
  }

  func source(_ header: DefinitionHeader) -> BundleSource {
    BundleSource(file: header.range.file, line: header.range.start.line)
  }

  /// A duration in minutes on `calendar`, `1d` being the calendar's day.
  func duration(_ duration: Duration, on calendar: String) -> BundleDuration {
    guard let dayLength = dayLengths[calendar] else {
      preconditionFailure("calendar '\(calendar)' was checked to exist")
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
    guard let kind = BundleField.Kind(rawValue: field.kind.value.rawValue) else {
      preconditionFailure("every field type has a bundle type")
    }
    return BundleField(
      id: field.id.value, name: field.name, type: kind, required: field.isRequired,
      values: field.values.map(\.value),
      pattern: field.pattern?.value, description: field.description)
  }

  func workgroup(_ workgroup: Workgroup) -> BundleWorkgroup {
    let header = workgroup.header
    let members = workgroup.members.map { member in
      BundleMember(
        user: member.user.value,
        skills: member.skills.map { BundleSkill(skill: $0.name.value, level: $0.level.value) }
          .sorted(by: \.skill))
    }
    return BundleWorkgroup(
      id: header.id.value, name: header.name, description: header.description,
      source: source(header),
      members: members, supervisors: workgroup.supervisors.map(\.value))
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
      id: profile.header.id.value, source: source(profile.header), fields: profile.fields.map(field)
    )
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
