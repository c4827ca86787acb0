import DCMCApplication
import DCMCRuntime
import Foundation
import Testing

/// The customer port's contract (`CustomerRepository`), run against each adapter that
/// implements it (`RepositoryKind.withCustomers`).
extension RepositoryConformance {
  /// Appending at the version a record was loaded at extends its history; an append decided
  /// on a version the record has left, or a second record under an id that exists, writes
  /// nothing and answers `.conflict`.
  public static func customerAppendsAndConflicts(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = try #require(store.customerRepository)
    let customers = try #require(store.customers)
    let jane = try customers.add(
      name: "Jane Doe", email: "jane@example.com", phone: nil, fields: [:], request: nil,
      by: "alice")
    #expect(try repository.loadCustomer(jane.id) == jane)
    let renamed = try store.customersAt(60).update(
      jane.id, name: "Jane Roe", email: nil, phone: nil, fields: [:], by: "bob")
    let history = try #require(try repository.customerHistory(of: jane.id))
    #expect(history.map(\.seq) == [1, 2])
    #expect(CustomerState.replay(history) == renamed)
    let decision = CustomerDecision(definitions: try store.service.definitions.deployed())
    let stale = try decision.update(
      jane, name: "Jane Poe", email: nil, phone: nil, fields: [:], by: "bob", at: renamed.updatedAt)
    var after = jane
    for event in stale { after.evolve(event) }
    #expect(
      try repository.appendCustomer(CustomerChangeSet(before: jane, events: stale, after: after))
        == .conflict(version: 2))
    #expect(
      try repository.appendCustomer(
        CustomerChangeSet(before: nil, events: [history[0]], after: jane)) == .conflict(version: 2))
    #expect(try repository.loadCustomer(jane.id) == renamed)
    // A merge into a record that moved since it was read is refused too, and writes nothing.
    let john = try customers.add(name: "John", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    let merge = try decision.merge(john, into: jane, by: "sam", at: renamed.updatedAt)
    var merged = john
    merged.evolve(merge)
    let staleMerge = CustomerChangeSet(before: john, events: [merge], after: merged, unmoved: [jane.id: jane.version])
    #expect(try repository.appendCustomer(staleMerge) == .conflict(version: 1))
    #expect(try repository.loadCustomer(john.id) == john)
    #expect(try repository.loadCustomer("CUS-999999") == nil)
    #expect(try repository.customerHistory(of: "CUS-999999") == nil)
  }

  /// Email and phone lookups follow the records: several may share a key, a changed email
  /// or phone is found under the new key and no longer under the old, and a merged record is
  /// found under neither; a name prefix is matched in any letter case, up to a limit.
  public static func customerLookupsFollowTheRecords(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = try #require(store.customerRepository)
    let customers = try #require(store.customers)
    let jane = try customers.add(
      name: "Jane Doe", email: "Jane@Example.com", phone: "02 555 12 34", fields: [:], request: nil,
      by: "alice")
    let john = try customers.add(
      name: "john doe", email: "jane@example.com", phone: nil, fields: [:], request: nil, shared: true,
      by: "alice")
    let jo = try customers.add(
      name: "Jo", email: nil, phone: "+32 2 555 12 34", fields: [:], request: nil, shared: true, by: "alice")
    #expect(try repository.customers(withEmail: "jane@example.com") == [jane.id, john.id])
    #expect(try repository.customers(withPhone: "+3225551234") == [jane.id, jo.id])
    _ = try store.customersAt(60).update(
      jane.id, name: nil, email: "jane.doe@example.com", phone: "", fields: [:], by: "bob")
    #expect(try repository.customers(withEmail: "jane@example.com") == [john.id])
    #expect(try repository.customers(withEmail: "jane.doe@example.com") == [jane.id])
    #expect(try repository.customers(withPhone: "+3225551234") == [jo.id])
    #expect(try repository.customers(namePrefix: "JO", limit: 10).map(\.id) == [jo.id, john.id])
    #expect(try repository.customers(namePrefix: "j", limit: 2).map(\.id) == [jane.id, jo.id])
    #expect(try repository.customers(namePrefix: "x", limit: 10).isEmpty)
    _ = try store.customersAt(120).merge(keep: jane.id, duplicate: john.id, by: "sam")
    #expect(try repository.customers(withEmail: "jane@example.com").isEmpty)
    #expect(try repository.customers(namePrefix: "john", limit: 10).isEmpty)
    #expect(try repository.loadCustomer(john.id)?.mergedInto == jane.id)
    #expect(try repository.customerHistory(of: john.id)?.map(\.change.kind) == [.added, .merged])
    #expect(try repository.customerHistory(of: jane.id)?.map(\.change.kind) == [.added, .updated])
  }

  /// A request id names the record it added, a retry returns that record, and customer ids
  /// are numbered in order, apart from the numbering of cases.
  public static func customerRequestIDsAndNumbering(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = try #require(store.customerRepository)
    let customers = try #require(store.customers)
    #expect(try repository.lastCustomerSequence() == 0)
    #expect(try repository.customerAdded(byRequest: "crm-1") == nil)
    // The case's creation adds its customer, CUS-000001, under a request id of its own.
    _ = try store.technical(request: "crm-1")
    let first = try customers.add(
      name: "Jane", email: nil, phone: nil, fields: [:], request: "crm-1", by: "alice")
    let retried = try store.customersAt(60).add(
      name: "Jane", email: nil, phone: nil, fields: [:], request: "crm-1", by: "alice")
    #expect(retried == first)
    let second = try customers.add(
      name: "John", email: nil, phone: nil, fields: [:], request: "crm-2", by: "alice")
    #expect((first.id, second.id) == ("CUS-000002", "CUS-000003"))
    #expect(try repository.customerAdded(byRequest: "crm-1") == first.id)
    #expect(try repository.customerAdded(byRequest: "crm-2") == second.id)
    #expect(try repository.lastCustomerSequence() == 3)
    #expect(try store.repository.lastSequence(of: "technical") == 1)
  }

  /// Writers that change one record at once lose nothing: each update is decided again on
  /// the record another writer moved, and every one lands in order.
  public static func concurrentCustomerUpdatesLoseNothing(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let customers = try #require(store.customers)
    let jane = try customers.add(name: "Jane", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    let values = [
      "Segment": "gold", "Language": "fr", "Membership_No": "M12345678", "Birth_Date": "1980-05-17",
      "Preferred_Channel": "sms",
    ]
    let fields = values.keys.sorted()
    let failures = Results()
    DispatchQueue.concurrentPerform(iterations: fields.count) { index in
      do {
        let field = fields[index]
        _ = try store.customersAt(60).update(
          jane.id, name: nil, email: nil, phone: nil, fields: [field: values[field] ?? ""], by: "bob")
      } catch {
        failures.add("\(error)")
      }
    }
    #expect(failures.values.isEmpty)
    let record = try #require(try store.customerRepository?.loadCustomer(jane.id))
    #expect(record.fields == values.mapValues { FieldValue.text($0) })
    #expect(try store.customerRepository?.customerHistory(of: jane.id)?.map(\.seq) == Array(1...fields.count + 1))
  }

  /// An add unless its key is taken writes nothing when a record in use has the email (in any
  /// letter case) or the phone number, and answers those records; a merged record's keys are
  /// free; a key no one has is added.
  public static func addUnlessKeyTakenAnswersTheRecordsThatHaveIt(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = try #require(store.customerRepository)
    let customers = store.customersAt(0)
    let jane = try customers.add(
      name: "Jane", email: "Jane@example.com", phone: "+3225551234", fields: [:], request: nil,
      by: "alice")
    let decision = CustomerDecision(definitions: try store.service.definitions.deployed())
    func change(_ email: String?, _ phone: String?, _ sequence: Int) throws -> CustomerChangeSet {
      let added = try decision.add(
        name: "New", email: email, phone: phone, fields: [:], sequence: sequence, request: nil,
        requestDigest: nil,
        by: "alice", at: RepositoryUnderTest.monday)
      return CustomerChangeSet(before: nil, events: [added.event], after: added.record, sequence: sequence)
    }
    #expect(
      try repository.appendCustomer(unlessKeyTaken: change("JANE@example.com", nil, 2))
        == .keyTaken([jane.id]))
    #expect(
      try repository.appendCustomer(unlessKeyTaken: change("new@example.com", "02 555 12 34", 2))
        == .keyTaken([jane.id]))
    #expect(try repository.loadCustomer("CUS-000002") == nil)
    #expect(
      try repository.appendCustomer(unlessKeyTaken: change("new@example.com", nil, 1))
        == .conflict(version: 1))
    #expect(try repository.appendCustomer(unlessKeyTaken: change("new@example.com", nil, 2)) == .added)
    #expect(try repository.customers(withEmail: "new@example.com") == ["CUS-000002"])
    let twin = try customers.add(
      name: "Twin", email: "twin@example.com", phone: nil, fields: [:], request: nil, by: "alice")
    _ = try customers.merge(keep: jane.id, duplicate: twin.id, by: "sam")
    #expect(
      try repository.appendCustomer(unlessKeyTaken: change("twin@example.com", nil, 4)) == .added)
  }

  /// Cases created at once for the same unknown email add one customer record, and every case
  /// is linked to it.
  public static func concurrentIdentificationsAddOneCustomer(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let failures = Results()
    let linked = Results()
    DispatchQueue.concurrentPerform(iterations: 6) { _ in
      do {
        let state = try store.technical()
        linked.add("\(state.customer ?? "none") \(state.identification?.rawValue ?? "none")")
      } catch {
        failures.add("\(error)")
      }
    }
    #expect(failures.values.isEmpty)
    #expect(
      try store.customerRepository?.customers(withEmail: "jane@example.com") == ["CUS-000001"])
    #expect(try store.customerRepository?.lastCustomerSequence() == 1)
    #expect(linked.values.sorted() == ["CUS-000001 created"] + Array(repeating: "CUS-000001 matched", count: 5))
  }

  /// A name prefix finds the records in use whose name starts with it in any letter case
  /// (`CustomerNameKey`), by name then id, at most `limit`: a renamed record under its new name
  /// only, a merged one under none; prefixes shorter than the file store's buckets (three
  /// bytes) and longer than its entries' names (40 bytes); names beyond ASCII compared by
  /// their lower case, byte by byte.
  public static func namePrefixSearch(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = try #require(store.customerRepository)
    let customers = try #require(store.customers)
    func add(_ name: String) throws -> String {
      try customers.add(name: name, email: nil, phone: nil, fields: [:], request: nil, by: "alice").id
    }
    func find(_ prefix: String, _ limit: Int = 20) throws -> [String] {
      try repository.customers(namePrefix: prefix, limit: limit).map(\.id)
    }
    let long = "Maximilian Alexander Ferdinand von Habsburg-Lothringen"
    let (anna, ann, upperAnna) = (try add("anna"), try add("Ann"), try add("Anna"))
    let (emilie, emile, emil) = (try add("émilie Durand"), try add("Émile Zola"), try add("Emil"))
    let (grossmann, upper, smiley) = (try add("Großmann"), try add("GROSSMANN"), try add("😀 Smiley"))
    let (second, first) = (try add(long + " II"), try add(long + " I"))
    #expect(try find("ANN") == [ann, anna, upperAnna])
    #expect(try find("ann", 2) == [ann, anna])
    #expect(try find("a") == [ann, anna, upperAnna])
    #expect(try find("É") == [emile, emilie])
    #expect(try find("émile") == [emile])
    #expect(try find("e") == [emil])
    #expect(try find("gro") == [upper, grossmann])
    #expect(try find("GROß") == [grossmann])
    #expect(try find("gross") == [upper])
    #expect(try find("😀") == [smiley])
    #expect(try find("max") == [first, second])
    #expect(try find(long.uppercased() + " I") == [first, second])
    #expect(try find(long + " II") == [second])
    #expect(try find("max", 1) == [first])
    #expect(try find("z").isEmpty)
    #expect(try find("").count == 11)
    #expect(try find("a", 0).isEmpty)
    _ = try store.customersAt(60).update(ann, name: "Bob", email: nil, phone: nil, fields: [:], by: "bob")
    _ = try store.customersAt(60).merge(keep: anna, duplicate: upperAnna, by: "sam")
    #expect(try find("ann") == [anna])
    #expect(try find("b") == [ann])
    #expect(try find("") == [anna, ann, emil, upper, grossmann, first, second, emile, emilie, smiley])
  }
}
