import Testing
import _DCMCTestSupport

/// The store contract, run against every adapter: what the PostgreSQL store will have to pass
/// unchanged.
@Suite struct RepositoryConformanceTests {
  @Test(arguments: RepositoryKind.allCases) func appendsExtendTheHistory(kind: RepositoryKind) throws {
    try RepositoryConformance.appendsExtendTheHistory(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func aStaleExpectedVersionIsRefused(kind: RepositoryKind) throws {
    try RepositoryConformance.aStaleExpectedVersionIsRefused(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func requestIDsAndNumbering(kind: RepositoryKind) throws {
    try RepositoryConformance.requestIDsAndNumbering(kind)
  }

  /// Not yet on PostgreSQL: `dcmc_append_cases` writes the second command's events and keeps the
  /// first's `dcmc_requests` row (`ON CONFLICT DO NOTHING`).
  @Test(arguments: [RepositoryKind.memory, .files])
  func aRequestRecordedOnOneCaseIsNotWrittenOnAnother(kind: RepositoryKind) throws {
    try RepositoryConformance.aRequestRecordedOnOneCaseIsNotWrittenOnAnother(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func timersAndTicks(kind: RepositoryKind) throws {
    try RepositoryConformance.timersAndTicks(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func workbinsAndLists(kind: RepositoryKind) throws {
    try RepositoryConformance.workbinsAndLists(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func deployments(kind: RepositoryKind) throws {
    try RepositoryConformance.deployments(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func attachmentCopiesNeverReplaceOneAnother(kind: RepositoryKind) throws {
    try RepositoryConformance.attachmentCopiesNeverReplaceOneAnother(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func concurrentWritersLoseNothing(kind: RepositoryKind) throws {
    try RepositoryConformance.concurrentWritersLoseNothing(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func notificationLeases(kind: RepositoryKind) throws {
    try RepositoryConformance.notificationLeases(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func concurrentLeasesTakeEachOnce(kind: RepositoryKind) throws {
    try RepositoryConformance.concurrentLeasesTakeEachOnce(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func aDamagedCaseIsReportedAndTheRestServed(kind: RepositoryKind) throws {
    try RepositoryConformance.aDamagedCaseIsReportedAndTheRestServed(kind)
  }
}

/// The customer port's contract, run against every adapter that implements it.
@Suite struct CustomerRepositoryConformanceTests {
  @Test(arguments: RepositoryKind.withCustomers) func customerAppendsAndConflicts(kind: RepositoryKind) throws {
    try RepositoryConformance.customerAppendsAndConflicts(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers) func customerLookupsFollowTheRecords(kind: RepositoryKind) throws {
    try RepositoryConformance.customerLookupsFollowTheRecords(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers) func namePrefixSearch(kind: RepositoryKind) throws {
    try RepositoryConformance.namePrefixSearch(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers) func customerRequestIDsAndNumbering(kind: RepositoryKind) throws {
    try RepositoryConformance.customerRequestIDsAndNumbering(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers)
  func concurrentCustomerUpdatesLoseNothing(kind: RepositoryKind) throws {
    try RepositoryConformance.concurrentCustomerUpdatesLoseNothing(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers)
  func addUnlessKeyTakenAnswersTheRecordsThatHaveIt(kind: RepositoryKind) throws {
    try RepositoryConformance.addUnlessKeyTakenAnswersTheRecordsThatHaveIt(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers)
  func concurrentIdentificationsAddOneCustomer(kind: RepositoryKind) throws {
    try RepositoryConformance.concurrentIdentificationsAddOneCustomer(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers) func customerCasesFollowTheIndex(kind: RepositoryKind) throws {
    try RepositoryConformance.customerCasesFollowTheIndex(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers)
  func summariesAreThoseOfTheCustomersCases(kind: RepositoryKind) throws {
    try RepositoryConformance.summariesAreThoseOfTheCustomersCases(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers)
  func mergedRecordsAreFoundByTheRecordTheyWereMergedInto(kind: RepositoryKind) throws {
    try RepositoryConformance.mergedRecordsAreFoundByTheRecordTheyWereMergedInto(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers) func aMergeMovesTheDuplicatesCases(kind: RepositoryKind) throws {
    try RepositoryConformance.aMergeMovesTheDuplicatesCases(kind)
  }

  @Test(arguments: RepositoryKind.withCustomers) func aMergeMovesEveryCaseAtOnce(kind: RepositoryKind) throws {
    try RepositoryConformance.aMergeMovesEveryCaseAtOnce(kind)
  }
}

/// The presence port's contract, run against every adapter.
@Suite struct PresenceRepositoryConformanceTests {
  @Test(arguments: RepositoryKind.allCases) func presenceAppendsConflictsAndLists(kind: RepositoryKind) throws {
    try RepositoryConformance.presenceAppendsConflictsAndLists(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func wrapUpsEndedAreFoundByTheirEnd(kind: RepositoryKind) throws {
    try RepositoryConformance.wrapUpsEndedAreFoundByTheirEnd(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func pendingRONANotesListAndClear(kind: RepositoryKind) throws {
    try RepositoryConformance.pendingRONANotesListAndClear(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func aTickKilledBeforeItsRONAsLeavesThemToTheNextTick(
    kind: RepositoryKind
  ) throws {
    try RepositoryConformance.aTickKilledBeforeItsRONAsLeavesThemToTheNextTick(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func anOwedRONAIsMadeOnlyWhenItStillApplies(kind: RepositoryKind) throws {
    try RepositoryConformance.anOwedRONAIsMadeOnlyWhenItStillApplies(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func presenceListMakesTheRONAsAKilledTickOwes(kind: RepositoryKind) throws {
    try RepositoryConformance.presenceListMakesTheRONAsAKilledTickOwes(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func presenceSetMakesTheRONAsAKilledTickOwesFirst(
    kind: RepositoryKind
  ) throws {
    try RepositoryConformance.presenceSetMakesTheRONAsAKilledTickOwesFirst(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func offersPassOverAUserOwedARONA(kind: RepositoryKind) throws {
    try RepositoryConformance.offersPassOverAUserOwedARONA(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func aPresenceBatchAppliesPerUser(kind: RepositoryKind) throws {
    try RepositoryConformance.aPresenceBatchAppliesPerUser(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func concurrentPresenceChangesLoseNothing(kind: RepositoryKind) throws {
    try RepositoryConformance.concurrentPresenceChangesLoseNothing(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func offersAndPresenceReadBack(kind: RepositoryKind) throws {
    try RepositoryConformance.offersAndPresenceReadBack(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func readyUsersFollowPresence(kind: RepositoryKind) throws {
    try RepositoryConformance.readyUsersFollowPresence(kind)
  }

  @Test(arguments: RepositoryKind.allCases) func queuesPageMostUrgentFirst(kind: RepositoryKind) throws {
    try RepositoryConformance.queuesPageMostUrgentFirst(kind)
  }
}

/// The report-facts port's contract, run against every adapter.
@Suite struct ReportFactsConformanceTests {
  @Test(arguments: RepositoryKind.allCases) func reportFactsAreTheHistoriesFacts(kind: RepositoryKind) throws {
    try RepositoryConformance.reportFactsAreTheHistoriesFacts(kind)
  }
}
