import DCMCApplication
import DCMCRuntime
import Foundation
import Testing

/// The cases of a customer (`CaseFilter.customer`, the adapter's per-customer case index) and
/// the records merged into a record (`CustomerRepository.customers(mergedInto:)`), run against
/// each adapter that implements the customer port.
extension RepositoryConformance {
  /// The adapter answers a customer's cases from an index kept in step with every change of a
  /// case's customer: creation, a later link, a move; the cases of two records never mix; a
  /// filter's other conditions still apply; an entry that files a case under a record it is
  /// not linked to (a crash's leftover) is ignored.
  public static func customerCasesFollowTheIndex(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let customers = store.customersAt(0)
    let jane = try customers.add(name: "Jane", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    let john = try customers.add(name: "John", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    func ids(_ customer: String, status: CaseStatus? = nil) throws -> [String] {
      try store.queries.cases(CaseFilter(status: status, customer: customer)).cases.map(\.id)
    }
    let first = try store.technical(0, customer: jane.id)
    let second = try store.technical(60, customer: john.id)
    let third = try store.technical(120, customer: jane.id)
    #expect(try ids(jane.id) == [first.id, third.id])
    #expect(try ids(john.id) == [second.id])
    #expect(try ids("CUS-999999").isEmpty)
    // Two records with one email: the case is ambiguous, filed under nobody until linked.
    for name in ["Twin A", "Twin B"] {
      _ = try customers.add(
        name: name, email: "twin@example.com", phone: nil, fields: [:], request: nil, shared: true, by: "alice")
    }
    let unlinked = try store.technical(180, customer: nil, email: "twin@example.com")
    #expect(unlinked.customer == nil)
    _ = try store.at(240).link(unlinked.id, toCustomer: john.id, by: "sam")
    #expect(try ids(john.id) == [second.id, unlinked.id])
    _ = try store.at(300).execute(.moveCustomer(from: jane.id, to: john.id), onCase: third.id, by: "sam")
    #expect(try ids(jane.id) == [first.id])
    #expect(try ids(john.id) == [second.id, third.id, unlinked.id])
    _ = try store.at(360).execute(.cancel, onCase: second.id, by: "sam")
    #expect(try ids(john.id, status: .cancelled) == [second.id])
    try store.fileStaleEntry(case: first.id, underCustomer: john.id)
    #expect(try ids(john.id) == [second.id, third.id, unlinked.id])
    #expect(try ids(jane.id) == [first.id])
  }

  /// The records merged into a record are found one level at a time, and a record merged
  /// into another is no longer among the first one's.
  public static func mergedRecordsAreFoundByTheRecordTheyWereMergedInto(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = try #require(store.customerRepository)
    let customers = store.customersAt(0)
    var added: [CustomerState] = []
    for name in ["Jane", "John", "Jo", "Joe"] {
      added.append(try customers.add(name: name, email: nil, phone: nil, fields: [:], request: nil, by: "alice"))
    }
    let (jane, john, jo, joe) = (added[0].id, added[1].id, added[2].id, added[3].id)
    #expect(try repository.customers(mergedInto: jane).isEmpty)
    _ = try store.customersAt(60).merge(keep: john, duplicate: jo, by: "sam")
    _ = try store.customersAt(60).merge(keep: jane, duplicate: joe, by: "sam")
    _ = try store.customersAt(120).merge(keep: jane, duplicate: john, by: "sam")
    #expect(try repository.customers(mergedInto: jane) == [john, joe])
    #expect(try repository.customers(mergedInto: john) == [jo])
    #expect(try repository.customers(mergedInto: jo).isEmpty)
    #expect(try repository.customers(mergedInto: "CUS-999999").isEmpty)
  }
}

extension RepositoryConformance {
  /// `customer merge KEEP DUP` moves every case of DUP and of the records merged into DUP to
  /// KEEP, closed ones too, each with a `case.customer_moved` by the merging supervisor (who
  /// need not supervise the cases' targets); the lists read the same before the moves (an
  /// interrupted merge) and after; the same merge again changes nothing and answers KEEP; a
  /// merge of DUP into another record stays refused.
  public static func aMergeMovesTheDuplicatesCases(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let customers = store.customersAt(0)
    var added: [CustomerState] = []
    for name in ["Jane", "J. Doe", "Jo", "Other"] {
      added.append(try customers.add(name: name, email: nil, phone: nil, fields: [:], request: nil, by: "alice"))
    }
    let (jane, duplicate, jo, other) = (added[0].id, added[1].id, added[2].id, added[3].id)
    let kept = try store.technical(0, customer: jane)
    let open = try store.technical(60, customer: duplicate)
    let cancelled = try store.at(120).execute(
      .cancel, onCase: try store.technical(90, customer: duplicate).id, by: "sam")
    let older = try store.technical(150, customer: jo)
    _ = try store.customersAt(180).merge(keep: duplicate, duplicate: jo, by: "sam")
    let all = [kept.id, open.id, cancelled.id, older.id]
    func listed(_ id: String) throws -> [String] { try store.at(600).cases(CaseFilter(customer: id)).map(\.id) }
    // The duplicate's merge recorded, no case moved yet: what an interrupted merge leaves.
    _ = try store.customersAt(240).merge(keep: jane, duplicate: duplicate, by: "sam")
    #expect(try listed(jane) == all)
    #expect(try listed(jo) == all)
    #expect(try store.repository.load(open.id)?.customer == duplicate)
    // Running the merge again finishes it, by a supervisor of another workgroup.
    #expect(try store.at(300).mergeCustomers(keep: jane, duplicate: duplicate, by: "tina").id == jane)
    for (state, from) in [(open, duplicate), (cancelled, duplicate), (older, jo)] {
      let history = try #require(try store.repository.history(of: state.id))
      #expect(history.count == state.version + 1)
      #expect(history.last?.change == .customerMoved(from: from, to: jane))
      #expect(history.last?.by == "tina")
      let moved = try store.service.load(state.id)
      #expect(moved.customer == jane && moved.identification == state.identification)
    }
    #expect(try store.repository.load(cancelled.id)?.status == .cancelled)
    #expect(try store.repository.load(kept.id) == kept)
    #expect(try store.queries.cases(CaseFilter(customer: jane)).cases.map(\.id) == all)
    #expect(try store.queries.cases(CaseFilter(customer: duplicate)).cases.isEmpty)
    #expect(try listed(jane) == all)
    // Once every case has moved, the merge again changes nothing.
    #expect(try store.at(360).mergeCustomers(keep: jane, duplicate: duplicate, by: "sam").id == jane)
    #expect(try store.repository.load(open.id)?.version == open.version + 1)
    let elsewhere = #expect(throws: ServiceError.self) {
      try store.at(420).mergeCustomers(keep: other, duplicate: duplicate, by: "sam")
    }
    #expect("\(elsewhere.map { "\($0)" } ?? "")" == "customer '\(duplicate)' was merged into '\(jane)'")
    #expect(throws: ServiceError.self) {
      try store.at(420).mergeCustomers(keep: jane, duplicate: duplicate, by: "alice")
    }
  }

  /// A merge moves the duplicate's cases at once: every case of a record merged in one go is on
  /// the kept record when the merge returns.
  public static func aMergeMovesEveryCaseAtOnce(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let customers = store.customersAt(0)
    let jane = try customers.add(name: "Jane", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    let john = try customers.add(name: "John", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    var cases: [String] = []
    for minute in 0..<5 { cases.append(try store.technical(minute * 60, customer: john.id).id) }
    #expect(try store.at(600).mergeCustomers(keep: jane.id, duplicate: john.id, by: "sam") == jane)
    #expect(try store.queries.cases(CaseFilter(customer: jane.id)).cases.map(\.id) == cases)
    #expect(try store.queries.cases(CaseFilter(customer: john.id)).cases.isEmpty)
  }
}

extension RepositoryConformance {
  /// The summaries of a record's cases (what `customer cases` reads) are those of the whole
  /// cases its index lists, in any state; a case filed under the record but linked to another
  /// adds nothing; a damaged case is left out and named.
  public static func summariesAreThoseOfTheCustomersCases(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let customers = store.customersAt(0)
    let jane = try customers.add(name: "Jane", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    let john = try customers.add(name: "John", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    let claimed = try store.technical(0, customer: jane.id)
    _ = try store.at(30).execute(.claim(task: claimed.id + ".1"), onCase: claimed.id, by: "bob")
    let cancelled = try store.technical(60, customer: jane.id)
    _ = try store.at(120).execute(.cancel, onCase: cancelled.id, by: "sam")
    let open = try store.technical(180, customer: jane.id)
    let johns = try store.technical(300, customer: john.id)
    try store.fileStaleEntry(case: johns.id, underCustomer: jane.id)
    func summaries() throws -> (cases: [CaseSummary], damaged: [String]) {
      let found = try store.queries.caseSummaries(ofCustomer: jane.id)
      return (found.cases.sorted { $0.id < $1.id }, found.damaged.map(\.description))
    }
    let whole = try store.queries.cases(CaseFilter(customer: jane.id)).cases.map(CaseSummary.init)
    #expect(whole.map(\.id) == [claimed.id, cancelled.id, open.id])
    #expect(whole.map(\.status) == [.inProgress, .cancelled, .open])
    #expect(try summaries().cases == whole)
    #expect(try summaries().damaged.isEmpty)
    let problem = try store.damage(claimed.id)
    #expect(try summaries().cases == Array(whole.dropFirst()))
    #expect(try summaries().damaged == ["case '\(claimed.id)': \(problem)"])
  }
}
