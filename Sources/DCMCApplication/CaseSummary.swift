public import DCMCCalendar
public import DCMCRuntime

/// What the customer's status view (`CustomerCaseView`) reads of a case, and nothing else: an
/// adapter can answer a customer's list with these without rebuilding each whole `CaseState`
/// (the file store reads them out of the state cache without decoding its tasks, outbox and
/// form; `docs/performance.md`, "Customers").
public struct CaseSummary: Sendable, Equatable {
  public var id: String
  public var type: String
  /// The content hash of the bundle the case runs on.
  public var bundle: String
  public var status: CaseStatus
  public var resolution: String?
  public var createdAt: Instant
  /// `nil` in a cache written before states recorded it (`CaseState.updatedAt`).
  public var updatedAt: Instant?
  public var slaDue: Instant?
  public var pendingSince: Instant?
  public var slaPaused: Bool

  public init(
    id: String, type: String, bundle: String, status: CaseStatus, resolution: String?, createdAt: Instant,
    updatedAt: Instant?, slaDue: Instant?, pendingSince: Instant?, slaPaused: Bool
  ) {
    (self.id, self.type, self.bundle, self.status, self.resolution) = (id, type, bundle, status, resolution)
    (self.createdAt, self.updatedAt, self.slaDue) = (createdAt, updatedAt, slaDue)
    (self.pendingSince, self.slaPaused) = (pendingSince, slaPaused)
  }

  /// The summary of a whole case.
  public init(_ state: CaseState) {
    self.init(
      id: state.id, type: state.type, bundle: state.bundle, status: state.status, resolution: state.resolution,
      createdAt: state.createdAt, updatedAt: state.updatedAt, slaDue: state.slaDue, pendingSince: state.pendingSince,
      slaPaused: state.slaPaused)
  }

  public var isFinished: Bool { status == .closed || status == .cancelled }
}
