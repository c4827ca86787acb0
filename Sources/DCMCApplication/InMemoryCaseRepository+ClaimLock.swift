extension InMemoryCaseRepository {
  /// How many times a claim waits (each time at most `claimWaitMilliseconds`, or until a claim
  /// ends) for another claim of the same user before it is refused.
  static let claimWaits = 1000
  static let claimWaitMilliseconds = 10

  /// One claim per user at a time among the threads of this process (the store is in memory,
  /// so no other process shares it): `claimants` names the users whose claim runs.
  public func exclusively<Result>(claimingFor user: String, _ body: () throws(ServiceError) -> Result)
    throws(ServiceError) -> Result
  {
    let taken = claimants.withLock { held in
      for _ in 0..<Self.claimWaits {
        if held.value.insert(user).inserted { return true }
        held.wait(atMostMilliseconds: Self.claimWaitMilliseconds)
      }
      return false
    }
    guard taken else { throw .refused(.claimBusy(user: user)) }
    defer {
      claimants.withLock { held in
        held.value.remove(user)
        held.broadcast()
      }
    }
    return try body()
  }
}
