import DCMCApplication

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
}
