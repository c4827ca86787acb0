public import DCMCDiagnostics

/// Every definition read from a set of files, after shape checking.
///
/// Definitions that failed their shape check are left out, so later passes see only
/// well-formed ones and one root cause gives one diagnostic.
public struct Definitions: Sendable {
  public var calendars: [CalendarDefinition] = []
  public var workgroups: [Workgroup] = []
  public var templates: [Template] = []
  public var customerProfiles: [CustomerProfile] = []
  public var presences: [Presence] = []
  public var caseTypes: [CaseType] = []
  public var scenarios: [Scenario] = []
  /// Ids of definitions (of any kind or level) that failed their shape check; a reference
  /// to one is not reported again.
  public var brokenIDs: Set<String> = []

  public init() {}

  /// How many definitions of all kinds there are.
  public var count: Int {
    calendars.count + workgroups.count + templates.count + customerProfiles.count + presences.count + caseTypes.count
      + scenarios.count
  }

  /// Adds another file's definitions after these.
  public mutating func append(_ other: Definitions) {
    calendars += other.calendars
    workgroups += other.workgroups
    templates += other.templates
    customerProfiles += other.customerProfiles
    presences += other.presences
    caseTypes += other.caseTypes
    scenarios += other.scenarios
    brokenIDs.formUnion(other.brokenIDs)
  }
}

/// The parts every document shares.
public struct DefinitionHeader: Sendable {
  public var id: Located<String>
  /// The display name; the id when none is given.
  public var name: String
  public var description: String?
  /// The whole document.
  public var range: SourceRange

  public init(id: Located<String>, name: String?, description: String?, range: SourceRange) {
    self.id = id
    self.name = name ?? id.value
    self.description = description
    self.range = range
  }
}

/// The document kinds of the language.
public enum DefinitionKind: String, Sendable, CaseIterable {
  case caseType = "CaseType"
  case calendar = "Calendar"
  case workgroup = "Workgroup"
  case template = "Template"
  case customerProfile = "CustomerProfile"
  case presence = "Presence"
  case scenario = "Scenario"

  /// The lowercase noun for messages ("case type").
  public var noun: String {
    switch self {
    case .caseType: "case type"
    case .calendar: "calendar"
    case .workgroup: "workgroup"
    case .template: "template"
    case .customerProfile: "customer profile"
    case .presence: "presence"
    case .scenario: "scenario"
    }
  }
}
