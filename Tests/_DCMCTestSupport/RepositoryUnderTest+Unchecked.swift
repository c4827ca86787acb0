public import DCMCApplication
public import DCMCRuntime

extension RepositoryUnderTest {
  /// A case whose history holds `fields` as a store written before 7 December 2026 may: a
  /// `case.updated` appended without the engine's form check, which refuses today a `string`
  /// value with a control character or a bidirectional override (audit37 L5). The pages and
  /// lists still show such values as they are; this is how a test gets one.
  @discardableResult
  public func storeUnchecked(_ id: String, fields: [String: String], by user: String, at seconds: Int) throws
    -> CaseState
  {
    let instant = Self.monday.adding(seconds: seconds)
    guard let before = try repository.load(id) else { throw UncheckedWriteError(detail: "no case \(id)") }
    let changes = fields.reduce(into: [String: CaseUpdate.Change<String?>]()) { changes, entry in
      changes[entry.key] = CaseUpdate.Change(before.fields[entry.key], entry.value)
    }
    let event = CaseEvent(seq: before.version + 1, at: instant, by: user, change: .updated(CaseUpdate(fields: changes)))
    var after = before
    after.evolve(event)
    let outcomes = try repository.append([CaseChangeSet(before: before, events: [event], after: after)], tick: nil)
    guard case .appended? = outcomes.first else { throw UncheckedWriteError(detail: "\(outcomes)") }
    return after
  }
}

/// `storeUnchecked` could not write.
public struct UncheckedWriteError: Error, CustomStringConvertible {
  public var detail: String
  public var description: String { detail }
}
