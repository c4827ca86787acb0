public import DCMCApplication

/// The claim lock's bound on one store (`CaseRepository.exclusively`), for the file store's
/// and PostgreSQL's tests: under a claim of bob, a second claim of bob (its wait made short
/// by the store under test) and one of carol; then bob's again once the first ended.
public enum ClaimLockCheck {
  /// What ran, in order, and the refusal of bob's second claim, if any. Expected: carol's
  /// claim and bob's after the first ran (`["carol", "bob after"]`), bob's second was refused
  /// as `.claimBusy`.
  public static func nestedClaims(_ repository: any CaseRepository) throws(ServiceError)
    -> (ran: [String], refusal: ServiceRefusal?)
  {
    var ran: [String] = []
    var refusal: ServiceRefusal?
    try repository.exclusively(claimingFor: "bob") { () throws(ServiceError) in
      do throws(ServiceError) {
        try repository.exclusively(claimingFor: "bob") { () throws(ServiceError) in ran.append("bob again") }
      } catch {
        guard case .refused(let refused) = error else { throw error }
        refusal = refused
      }
      try repository.exclusively(claimingFor: "carol") { () throws(ServiceError) in ran.append("carol") }
    }
    try repository.exclusively(claimingFor: "bob") { () throws(ServiceError) in ran.append("bob after") }
    return (ran, refusal)
  }
}
