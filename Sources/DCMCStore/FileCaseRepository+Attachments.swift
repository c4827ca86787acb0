import DCMCApplication
import DCMCRuntime

extension FileCaseRepository {
  /// The bytes of the attachment kept at `place` (`attachments/<case>/<file name>`, as
  /// `storeAttachment` returned it); `nil` when there is none, or `place` is not such a path.
  public func attachment(at place: String) throws(RepositoryError) -> [UInt8]? {
    let parts = place.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3, parts[0] == "attachments", let path = try? StorePath(parts[0], parts[1], parts[2]) else {
      return nil
    }
    return try wrap { () throws(StoreError) in try store.contents(of: path) }
  }

  /// `store verify`'s check of the copies `state`'s attachments keep, one line for each that
  /// is missing, not a regular file, or not the copy its event recorded (`Attachment.damage`).
  /// Nothing derives them: the remedy is a backup's.
  func attachmentProblems(of state: CaseState) throws(RepositoryError) -> [String] {
    var problems: [String] = []
    for recorded in state.attachments {
      let line = "case '\(state.id)': attachment '\(recorded.stored)' "
      let kept: [UInt8]?
      do throws(RepositoryError) { kept = try attachment(at: recorded.stored) } catch {
        guard let problem = notRegularProblem(error) else { throw error }
        problems.append("case '\(state.id)': attachment \(problem); restore it from a backup")
        continue
      }
      if let damage = recorded.damage(ofKept: kept) { problems.append(line + damage + "; restore it from a backup") }
    }
    return problems
  }
}
