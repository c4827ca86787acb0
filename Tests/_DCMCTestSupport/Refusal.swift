public import DCMCApplication

/// The refusal `body` ends in; `nil` when it succeeds or the store fails.
public func refusal(_ body: () throws(ServiceError) -> Void) -> ServiceRefusal? {
  do throws(ServiceError) {
    try body()
    return nil
  } catch {
    guard case .refused(let refusal) = error else { return nil }
    return refusal
  }
}
