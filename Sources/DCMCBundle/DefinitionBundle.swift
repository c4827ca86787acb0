/// The compiled definitions: what `dcmc compile` writes and the runtime loads, never YAML.
///
/// Every reference is an id that exists in the bundle, every duration is in minutes on a
/// named calendar, every condition is a tree and every template is split into text and
/// variables. Lists of definitions are sorted by id, so the bundle does not depend on the
/// order of files or documents. `docs/bundle.md` documents the JSON form.
public struct DefinitionBundle: Sendable, Hashable, Encodable {
  /// `dcm-bundle/1`: the name and version of this schema.
  public var format: String
  public var compiler: BundleCompiler
  /// `sha256:` and 64 lowercase hex digits: the SHA-256 of the canonical JSON of the whole
  /// document without this key (see `BundleFile`); empty until the bundle is sealed.
  public var hash: String
  /// Every calendar the case types use, the built-in `24x7` included, sorted by id.
  public var calendars: [BundleCalendar]
  public var workgroups: [BundleWorkgroup]
  public var templates: [BundleTemplate]
  /// The extra fields of the customer record, when a profile is defined.
  public var customerProfile: BundleCustomerProfile?
  /// The presence rules, when a Presence document is defined.
  public var presence: BundlePresence?
  public var caseTypes: [BundleCaseType]

  private enum CodingKeys: String, CodingKey {
    case format, compiler, hash, calendars, workgroups, templates, presence
    case customerProfile = "customer_profile"
    case caseTypes = "case_types"
  }

  /// The name part of `format`.
  public static let formatName = "dcm-bundle"
  /// The newest format version this code reads and the only one it writes.
  public static let formatVersion = 1
  public static var currentFormat: String { "\(formatName)/\(formatVersion)" }

  public init(
    compiler: BundleCompiler, calendars: [BundleCalendar], workgroups: [BundleWorkgroup],
    templates: [BundleTemplate], customerProfile: BundleCustomerProfile?, presence: BundlePresence? = nil,
    caseTypes: [BundleCaseType]
  ) {
    self.format = Self.currentFormat
    self.compiler = compiler
    self.hash = ""
    self.calendars = calendars
    self.workgroups = workgroups
    self.templates = templates
    self.customerProfile = customerProfile
    self.presence = presence
    self.caseTypes = caseTypes
  }

  /// The case type with this id.
  public func caseType(_ id: String) -> BundleCaseType? { caseTypes.first { $0.id == id } }

  /// The calendar with this id.
  public func calendar(_ id: String) -> BundleCalendar? { calendars.first { $0.id == id } }
}

/// The tool that wrote a bundle.
public struct BundleCompiler: Sendable, Hashable, Encodable {
  /// Always `dcmc`.
  public var name: String
  /// The `dcmc --version` of the compiler.
  public var version: String

  public init(name: String = "dcmc", version: String) {
    self.name = name
    self.version = version
  }
}

/// Where a definition was written, so runtime errors can point back at the YAML.
public struct BundleSource: Sendable, Hashable, Encodable {
  /// The file as it was named on the command line (a relative path stays relative).
  public var file: String
  /// 1-based line of the definition's first key.
  public var line: Int

  public init(file: String, line: Int) {
    self.file = file
    self.line = line
  }
}
