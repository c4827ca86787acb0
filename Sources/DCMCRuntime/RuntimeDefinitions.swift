public import DCMCBundle
public import DCMCCalendar
public import DCMCExpressions

/// A deployed bundle, ready for the engine: lookups by id, calendars ready for arithmetic,
/// field types and compiled patterns.
public struct RuntimeDefinitions: Sendable {
  public let bundle: DefinitionBundle
  let caseTypes: [String: BundleCaseType]
  private(set) var workgroups: [String: BundleWorkgroup]
  /// The bundle's own workgroups by id, built once: `with(workgroups:)` given the bundle's
  /// array (the deployment's directory, every create in `dcmc serve`) takes them as they are.
  private let bundleWorkgroups: [String: BundleWorkgroup]
  let templates: [String: BundleTemplate]
  let calendars: [String: BusinessCalendar]
  /// Per case type, its fields by id with their expression types and patterns.
  let fields: [String: [String: FieldRule]]
  /// The customer profile's extra fields by id, as `fields`; empty without a profile.
  let customerFields: [String: FieldRule]
  /// The region assumed for a customer's phone number written without a calling code.
  public let phoneRegion: PhoneRegion?

  struct FieldRule: Sendable {
    var field: BundleField
    var type: FieldType
    var pattern: FieldPattern?
  }

  /// Builds the lookups; `zone` gives the rules of a time zone by name, and is asked once
  /// per name (calendars often share a zone, and the system's zone reads a file).
  public init(bundle: DefinitionBundle, zone: (String) -> ZoneRules?) throws(RuntimeDefinitionError) {
    self.bundle = bundle
    caseTypes = Dictionary(bundle.caseTypes.map { ($0.id, $0) }) { first, _ in first }
    bundleWorkgroups = Self.byID(bundle.workgroups)
    workgroups = bundleWorkgroups
    templates = Dictionary(bundle.templates.map { ($0.id, $0) }) { first, _ in first }
    var calendars = [BusinessCalendar.alwaysOpenID: BusinessCalendar.alwaysOpen]
    var zones: [String: ZoneRules] = [:]
    for calendar in bundle.calendars {
      guard let rules = zones[calendar.timezone] ?? zone(calendar.timezone) else {
        throw .invalidCalendar(calendar.id, "time zone '\(calendar.timezone)' is not known here")
      }
      zones[calendar.timezone] = rules
      /// The windows of `day`, read as YAML's are (`Window(startMinute:endMinute:)`).
      func windows(_ list: [BundleWindow], of day: String) throws(RuntimeDefinitionError) -> [BusinessCalendar.Window] {
        var windows: [BusinessCalendar.Window] = []
        for window in list {
          do {
            windows.append(try BusinessCalendar.Window(startMinute: window.start, endMinute: window.end))
          } catch {
            throw .invalidCalendar(calendar.id, "\(error) on \(day)")
          }
        }
        return windows
      }
      var week: [[BusinessCalendar.Window]] = []
      for (index, day) in calendar.week.enumerated() {
        week.append(try windows(day, of: index < 7 ? LocalDate.weekdayNames[index] : "day \(index + 1) of the week"))
      }
      var overrides: [(LocalDate, [BusinessCalendar.Window])] = []
      for override in calendar.overrides {
        guard let date = LocalDate(override.date) else { continue }
        overrides.append((date, try windows(override.windows, of: override.date)))
      }
      do {
        calendars[calendar.id] = try BusinessCalendar(
          id: calendar.id, zone: rules, week: week, holidays: calendar.holidays.compactMap { LocalDate($0) },
          overrides: overrides, dayLength: calendar.dayMinutes * 60)
      } catch {
        throw .invalidCalendar(calendar.id, "\(error)")
      }
    }
    self.calendars = calendars
    fields = Dictionary(
      bundle.caseTypes.map { caseType in
        (caseType.id, Dictionary(caseType.fields.map { ($0.id, Self.rule(for: $0)) }) { first, _ in first })
      }
    ) { first, _ in first }
    let profile = bundle.customerProfile
    customerFields = Dictionary((profile?.fields ?? []).map { ($0.id, Self.rule(for: $0)) }) { first, _ in first }
    phoneRegion = try profile?.phoneRegion.map { code throws(RuntimeDefinitionError) in
      guard let region = PhoneRegion.named(code) else { throw .unknownPhoneRegion(code) }
      return region
    }
  }

  /// The pattern of customer ids: the profile's `reference`, else `CUS-{seq:6}`.
  public var customerReference: String {
    bundle.customerProfile?.reference ?? BundleCustomerProfile.defaultReference
  }

  static func rule(for field: BundleField) -> FieldRule {
    let type: FieldType =
      switch field.type {
      case .string: .string
      case .text: .text
      case .integer: .integer
      case .number: .number
      case .boolean: .boolean
      case .date: .date
      case .datetime: .datetime
      case .email: .email
      case .phone: .phone
      case .enumeration: .enumeration(field.values)
      }
    return FieldRule(field: field, type: type, pattern: field.pattern.flatMap(FieldPattern.init))
  }

  public func caseType(_ id: String) -> BundleCaseType? { caseTypes[id] }

  public func workgroup(_ id: String) -> BundleWorkgroup? { workgroups[id] }

  /// The same definitions with other workgroups: who is in which workgroup comes from the
  /// directory of the latest deployment, whatever bundle a case started on.
  /// The bundle's own array (the same storage) is not read again: its lookup was built with
  /// the definitions.
  public func with(workgroups groups: [BundleWorkgroup]) -> RuntimeDefinitions {
    var copy = self
    copy.workgroups = Self.sameStorage(groups, bundle.workgroups) ? bundleWorkgroups : Self.byID(groups)
    return copy
  }

  /// Workgroups by id, the first of a repeated id kept.
  private static func byID(_ groups: [BundleWorkgroup]) -> [String: BundleWorkgroup] {
    Dictionary(groups.map { ($0.id, $0) }) { first, _ in first }
  }

  /// Whether two arrays share their elements' storage, so hold the same elements: an array's
  /// storage is never changed in place while shared.
  package static func sameStorage(_ one: [BundleWorkgroup], _ other: [BundleWorkgroup]) -> Bool {
    one.count == other.count
      && one.withUnsafeBufferPointer { first in other.withUnsafeBufferPointer { first.baseAddress == $0.baseAddress } }
  }

  public func calendar(_ id: String) -> BusinessCalendar? { calendars[id] }

  /// Whether `user` may work on the tasks of `target`: a member or a supervisor of it.
  public func isMember(_ user: String, of target: String) -> Bool {
    guard let group = workgroups[target] else { return false }
    return group.members.contains { $0.user == user } || group.supervisors.contains(user)
  }

  /// The type of field `field` of case type `type`; `nil` when either is unknown.
  public func fieldType(_ field: String, ofCaseType type: String) -> FieldType? {
    fields[type]?[field]?.type
  }
}

public enum RuntimeDefinitionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A calendar (its id) that cannot be used here, and why (its time zone, a window).
  case invalidCalendar(String, String)
  case unknownPhoneRegion(String)

  public var description: String {
    switch self {
    case .invalidCalendar(let id, let reason): "calendar '\(id)' cannot be used: \(reason)"
    case .unknownPhoneRegion(let code): "phone region '\(code)' is not known here"
    }
  }
}
