public import DCMCRuntime

/// The read side of a store: what lists need. An adapter answers from its indexes where it
/// has them (the file store: workbins) and reads the cases where it has none (`cases`).
public protocol CaseQueries: Sendable {
  /// The cases that match `filter`, oldest first.
  func cases(_ filter: CaseFilter) throws(RepositoryError) -> [CaseState]
  /// The active tasks in the workbins of `targets` (every workbin when `nil`), with their cases.
  func activeTasks(in targets: [String]?) throws(RepositoryError) -> [(task: TaskState, of: CaseState)]
}

/// Which cases a list shows; `nil` matches any.
public struct CaseFilter: Sendable, Equatable {
  public var type: String?
  public var status: CaseStatus?

  public init(type: String? = nil, status: CaseStatus? = nil) {
    self.type = type
    self.status = status
  }

  public func matches(_ state: CaseState) -> Bool {
    (type.map { $0 == state.type } ?? true) && (status.map { $0 == state.status } ?? true)
  }
}
