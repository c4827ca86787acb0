import DCMCBundle
import DCMCExpressions
public import DCMCRuntime

/// The use cases on customer records (SPEC section 14): add, show, update, find and merge.
/// Each reads the clock once, checks the acting user (once, here), lets `CustomerDecision`
/// decide on the deployed bundle's customer profile, and appends at the version it decided on.
///
/// Who may do what: any user of the directory (a member or supervisor of any workgroup) adds,
/// shows, finds and updates customers, who call whichever workgroup; only a supervisor of
/// some workgroup merges two records, which cannot be undone (`docs/customers.md`).
public struct CustomerService: Sendable {
  public let repository: any CustomerRepository
  public let definitions: DefinitionsLoader
  public let directory: any Directory
  public let clock: any Clock

  /// How many merges are followed from an id to the record that stands for it.
  static let maximumMergeChain = 64

  public init(
    repository: any CustomerRepository, definitions: DefinitionsLoader, directory: any Directory,
    clock: any Clock
  ) {
    self.repository = repository
    self.definitions = definitions
    self.directory = directory
    self.clock = clock
  }

  /// The record `id` stands for: the record itself, or the record it was merged into.
  public func show(_ id: String, by user: String?) throws(ServiceError) -> CustomerState {
    _ = try acting(user)
    return try resolved(id)
  }

  /// The events of record `id` (not of the record it was merged into), in order.
  public func history(of id: String, by user: String?) throws(ServiceError) -> [CustomerEvent] {
    _ = try acting(user)
    let id = try UserID.checked(id)
    guard
      let events = try ServiceError.wrap({ () throws(RepositoryError) in
        try repository.customerHistory(of: id)
      })
    else { throw .refused(.noSuchCustomer(id)) }
    return events
  }

  /// How many records `find` lists when the shell is given no limit, and at most.
  public static let defaultFindLimit = 20
  public static let maximumFindLimit = 1000

  /// The records `text` finds, at most `limit`: those with that email (compared in lower
  /// case) when it is one, else those with that phone number when it reads as one (in any
  /// formatting, in the profile's region), else those whose name starts with it (in any
  /// letter case). Merged records are found through the records they were merged into.
  public func find(_ text: String, limit: Int, by user: String?) throws(ServiceError)
    -> [CustomerState]
  {
    _ = try acting(user)
    let text = String(text.trimmingWhitespace)
    guard !text.isEmpty, limit > 0 else { return [] }
    let region = try definitions.deployed().phoneRegion
    let ids: [String]
    if let found = try matches(email: text) {
      ids = found
    } else if let found = try matches(phone: text, region: region) {
      ids = found
    } else {
      return try ServiceError.wrap { () throws(RepositoryError) in
        try repository.customers(namePrefix: text, limit: limit)
      }
    }
    var found: [CustomerState] = []
    for id in ids.prefix(limit) { found.append(try resolved(id)) }
    return found
  }

  /// The records in use with the email `text`, compared in lower case (`EmailAddress.key`);
  /// `nil` when `text` is no email. `find` and the identification of a case's customer both
  /// look records up this way.
  func matches(email text: String) throws(ServiceError) -> [String]? {
    guard let email = EmailAddress(text) else { return nil }
    return try ServiceError.wrap { () throws(RepositoryError) in
      try repository.customers(withEmail: email.key)
    }
  }

  /// The records in use with the phone number `text`, in any formatting, read in `region`
  /// (E.164); `nil` when `text` is no phone number.
  func matches(phone text: String, region: PhoneRegion?) throws(ServiceError) -> [String]? {
    guard let phone = try? PhoneNumber(text, region: region) else { return nil }
    return try ServiceError.wrap { () throws(RepositoryError) in
      try repository.customers(withPhone: phone.e164)
    }
  }

  /// The acting user, who must be in the directory; with `supervisor`, a supervisor of some
  /// workgroup, doing `action`. `deployed`: the definitions the use case read already.
  func acting(_ user: String?, supervisor action: String? = nil, deployed: RuntimeDefinitions? = nil)
    throws(ServiceError) -> String
  {
    let workgroups: [BundleWorkgroup]
    if let deployed {
      workgroups = try directory.workgroups(deployed: deployed)
    } else {
      workgroups = try directory.workgroups()
    }
    let permissions = Permissions(workgroups)
    guard let user else { throw .refused(.noActingUser) }
    guard permissions.isKnown(user) else { throw .refused(.unknownUser(user)) }
    if let action, !permissions.isSupervisorAnywhere(user) {
      throw .refused(
        .forbidden(user: user, reason: "'\(user)' supervises no workgroup and may not \(action)"))
    }
    return user
  }

  /// Record `id` as stored, merged or not.
  func load(_ id: String) throws(ServiceError) -> CustomerState {
    let id = try UserID.checked(id)
    guard
      let state = try ServiceError.wrap({ () throws(RepositoryError) in
        try repository.loadCustomer(id)
      })
    else {
      throw .refused(.noSuchCustomer(id))
    }
    return state
  }

  /// The record `id` stands for, following merges.
  func resolved(_ id: String) throws(ServiceError) -> CustomerState {
    var state = try load(id)
    for _ in 0..<Self.maximumMergeChain {
      guard let keep = state.mergedInto else { return state }
      state = try load(keep)
    }
    throw .refused(.customer(.merged(state.id, into: state.mergedInto ?? state.id)))
  }

  func append(_ change: CustomerChangeSet) throws(ServiceError) -> AppendOutcome {
    try ServiceError.wrap { () throws(RepositoryError) in try repository.appendCustomer(change) }
  }
}
