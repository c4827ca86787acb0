import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// A new case's customer (SPEC section 14): named, matched by email or phone, added when
/// unknown, left unlinked when several match; and the later link by a supervisor.
@Suite struct CaseIdentificationTests {
  static func technical(
    _ store: RepositoryUnderTest, name: String = "Jane Doe", email: String, phone: String? = nil,
    customer: String? = nil, channel: ContactChannel? = nil, request: String? = nil
  ) throws -> CaseState {
    var fields = [
      "Customer_Name": name, "Customer_Email": email, "Product": "internet",
      "Problem_Description": "x",
    ]
    fields["Customer_Phone"] = phone
    return try store.at(0).create(
      type: "technical", fields: fields, request: request, customer: customer, channel: channel,
      by: "alice")
  }

  /// A record added `shared`: these tests give several records one key on purpose.
  static func add(
    _ store: RepositoryUnderTest, _ name: String, email: String? = nil, phone: String? = nil
  ) throws
    -> CustomerState
  {
    try store.customersAt(0).add(
      name: name, email: email, phone: phone, fields: [:], request: nil, shared: true, by: "alice")
  }

  static func customerCount(_ store: RepositoryUnderTest) throws -> Int {
    try #require(store.customerRepository).lastCustomerSequence()
  }

  @Test func anUnknownCustomerIsAddedFromTheMappedFieldsByTheCreatingUser() throws {
    let store = try RepositoryKind.memory.make()
    let state = try Self.technical(
      store, email: "jane@example.com", phone: "02 555 12 34", channel: .web)
    #expect(state.identification == .created)
    #expect(state.channel == .web)
    let record = try store.customersAt(0).show(try #require(state.customer), by: "alice")
    #expect(record.name == "Jane Doe")
    #expect(record.email?.key == "jane@example.com")
    #expect(record.phone?.e164 == "+3225551234")
    let history = try #require(try store.customerRepository?.customerHistory(of: record.id))
    #expect(history.map(\.by) == ["alice"])
    #expect(try store.service.load(state.id) == state)
  }

  /// A name a case's field gives is made one a record takes (docs/customers.md, "Names"): the
  /// case is created and its customer added, where the record's own check would refuse it.
  /// (A `string` field refuses a bidirectional control itself since 7 December 2026: audit37 L5.)
  @Test(arguments: [
    ("Jane \u{3000}  Doe ", "Jane Doe"),
    ("Jane " + String(repeating: "x", count: 300), "Jane " + String(repeating: "x", count: 195)),
  ])
  func aMappedNameIsMadeOnePlainLineOfAtMost200Characters(name: String, kept: String) throws {
    let store = try RepositoryKind.memory.make()
    let state = try Self.technical(store, name: name, email: "jane@example.com")
    #expect(state.identification == .created)
    #expect(state.fields["Customer_Name"] == name)
    #expect(try store.customersAt(0).show(try #require(state.customer), by: "alice").name == kept)
  }

  @Test(arguments: ["jane@example.com", "JANE@Example.COM", " Jane@example.com"])
  func oneRecordWithTheEmailInAnyLetterCaseIsLinked(email: String) throws {
    let store = try RepositoryKind.memory.make()
    let jane = try Self.add(store, "Jane", email: "Jane@Example.com")
    let state = try Self.technical(store, email: email.trimmingCharacters(in: .whitespaces))
    #expect(state.customer == jane.id)
    #expect(state.identification == .matched)
    #expect(try Self.customerCount(store) == 1)
  }

  @Test(arguments: ["+32 2 555 12 34", "0032 2 5551234", "02 555 12 34", "(02) 555-12-34"])
  func aPhoneNumberInAnyFormattingFindsTheRecord(phone: String) throws {
    let store = try RepositoryKind.memory.make()
    let jane = try Self.add(store, "Jane", phone: "+3225551234")
    let state = try Self.technical(store, email: "unknown@example.com", phone: phone)
    #expect(state.customer == jane.id)
    #expect(state.identification == .matched)
  }

  @Test func emailIsTriedBeforePhoneExceptOnSmsAndVoice() throws {
    let store = try RepositoryKind.memory.make()
    let byEmail = try Self.add(store, "Jane", email: "jane@example.com")
    let byPhone = try Self.add(store, "Jane's phone", phone: "+3225551234")
    let web = try Self.technical(
      store, email: "jane@example.com", phone: "02 555 12 34", channel: .web)
    #expect(web.customer == byEmail.id)
    let voice = try Self.technical(
      store, email: "jane@example.com", phone: "02 555 12 34", channel: .voice)
    #expect(voice.customer == byPhone.id)
    let sms = try Self.technical(
      store, email: "jane@example.com", phone: "02 555 12 34", channel: .sms)
    #expect(sms.customer == byPhone.id)
  }

  @Test func severalRecordsLeaveTheCaseUnlinkedAndAmbiguousUntilASupervisorLinksIt() throws {
    let store = try RepositoryKind.memory.make()
    let first = try Self.add(store, "Jane", email: "jane@example.com")
    _ = try Self.add(store, "Jane again", email: "JANE@example.com")
    let state = try Self.technical(store, email: "jane@example.com")
    #expect(state.customer == nil)
    #expect(state.identification == .ambiguous)
    #expect(try Self.customerCount(store) == 2)
    #expect(try store.service.cases(CaseFilter(unidentified: true)).map(\.id) == [state.id])
    let refusal = CustomerServiceTests.refusal {
      try store.at(60).link(state.id, toCustomer: first.id, by: "alice")
    }
    guard case .forbidden? = refusal else {
      Issue.record("not forbidden: \(String(describing: refusal))")
      return
    }
    let linked = try store.at(60).link(state.id, toCustomer: first.id, by: "sam")
    #expect(linked.customer == first.id)
    #expect(linked.identification == .linked)
    #expect(try store.service.cases(CaseFilter(unidentified: true)).isEmpty)
    #expect(try store.service.cases(CaseFilter(customer: first.id)).map(\.id) == [state.id])
    let again = CustomerServiceTests.refusal {
      try store.at(120).link(state.id, toCustomer: first.id, by: "sam")
    }
    guard case .rule(let rule)? = again else {
      Issue.record("not refused: \(String(describing: again))")
      return
    }
    #expect(rule.kind == .wrongState)
  }

  @Test func anExplicitCustomerIsLinkedAndAMergedOneResolvesToTheKeptRecord() throws {
    let store = try RepositoryKind.memory.make()
    let kept = try Self.add(store, "Jane", email: "jane@example.com")
    let duplicate = try Self.add(store, "J. Doe", email: "jdoe@example.com")
    _ = try store.customersAt(0).merge(keep: kept.id, duplicate: duplicate.id, by: "sam")
    let state = try Self.technical(store, email: "other@example.com", customer: duplicate.id)
    #expect(state.customer == kept.id)
    #expect(state.identification == .explicit)
    #expect(try store.service.cases(CaseFilter(customer: duplicate.id)).map(\.id) == [state.id])
  }

  @Test func anUnknownExplicitCustomerIsRefusedAndNothingIsWritten() throws {
    let store = try RepositoryKind.memory.make()
    let refusal = CustomerServiceTests.refusal {
      try Self.technical(store, email: "jane@example.com", customer: "CUS-000042")
    }
    #expect(refusal == .noSuchCustomer("CUS-000042"))
    #expect(try store.service.cases(CaseFilter()).isEmpty)
    #expect(try Self.customerCount(store) == 0)
    // As a list's filter, an unknown record is an unknown value (a usage error, as an unknown
    // case type is), since 7 December 2026.
    let unknown = CustomerServiceTests.refusal {
      try store.service.cases(CaseFilter(customer: "CUS-000042"))
    }
    #expect(unknown == .unknownValue(of: .customer, "CUS-000042", valid: []))
  }

  @Test func aRefusedFormAddsNoCustomer() throws {
    let store = try RepositoryKind.memory.make()
    let refusal = CustomerServiceTests.refusal {
      try store.at(0).create(
        type: "technical", fields: ["Customer_Name": "Jane", "Customer_Email": "jane@example.com"],
        request: nil,
        by: "alice")
    }
    guard case .rule? = refusal else {
      Issue.record("not a rule refusal: \(String(describing: refusal))")
      return
    }
    #expect(try Self.customerCount(store) == 0)
  }

  @Test func theCustomerARequestAddsRecordsARequestDerivedFromTheCasesSoARetryFindsIt() throws {
    let store = try RepositoryKind.memory.make()
    let state = try Self.technical(store, email: "jane@example.com", request: "req-1")
    let customer = try #require(state.customer)
    let history = try #require(try store.customerRepository?.customerHistory(of: customer))
    guard case .added(let added) = history.first?.change else {
      Issue.record("no customer.added")
      return
    }
    #expect(added.request == CaseService.customerRequest("req-1"))
    #expect(
      try store.customerRepository?.customerAdded(byRequest: CaseService.customerRequest("req-1"))
        == state.customer)
    #expect(try Self.technical(store, email: "jane@example.com", request: "req-1") == state)
    #expect(try Self.customerCount(store) == 1)
  }

  @Test func aRetryAfterACrashBetweenTheTwoAppendsMatchesTheCustomerTheFirstTryAdded() throws {
    let store = try RepositoryKind.memory.make()
    // What a crash after the customer's append and before the case's leaves.
    let first = try store.customersAt(0).add(
      name: "Jane Doe", email: "jane@example.com", phone: nil, fields: [:],
      request: CaseService.customerRequest("req-1"), by: "alice")
    let state = try Self.technical(store, email: "jane@example.com", request: "req-1")
    #expect(state.customer == first.id)
    #expect(try Self.customerCount(store) == 1)
  }

  /// Two creates of one request with other forms, at the same time: one added the customer
  /// record the request adds, its case not yet written, when the other found no record by its
  /// email and tried to add its own. The refusal names the case's request (the audit of 6
  /// December 2026 saw "request 'case-request-44ba…' added customer 'CUS-000009' from other
  /// details": the record's derived request id and a customer, nothing the caller sent).
  @Test func aRequestSentAtOnceWithAnotherFormIsRefusedNamingTheRequest() throws {
    let store = try RepositoryKind.memory.make()
    _ = try store.customersAt(0).add(
      name: "Joe Bloggs", email: "joe@example.com", phone: nil, fields: [:],
      request: CaseService.customerRequest("req-1"), by: "alice")
    let refusal = CustomerServiceTests.refusal {
      try store.at(0).create(
        type: "technical",
        fields: ["Customer_Name": "Jane", "Customer_Email": "jane@example.com", "Product": "internet",
          "Problem_Description": "x"],
        request: "req-1", by: "alice")
    }
    #expect(refusal == .requestReused(request: "req-1", case: nil))
    #expect(
      refusal.map { "\($0)" }
        == "request 'req-1' was sent at the same time with another case type or form, which it is creating a case from")
    #expect(try Self.customerCount(store) == 1)
  }
}
