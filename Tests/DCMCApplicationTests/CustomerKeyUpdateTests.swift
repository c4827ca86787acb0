import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Stop 25's user test, on every store: `customer update` gave a record another record's email
/// (checked by `customer add` only), and `customer find` missed a name written in another,
/// canonically equivalent, spelling (`Zoë` composed, and `e` with a combining diaeresis).
@Suite struct CustomerKeyUpdateTests {
  static func add(_ customers: CustomerService, _ name: String, email: String? = nil, phone: String? = nil)
    throws -> CustomerState
  {
    try customers.add(name: name, email: email, phone: phone, fields: [:], request: nil, by: "alice")
  }

  @Test(arguments: RepositoryKind.withCustomers)
  func anUpdateToAnotherRecordsEmailOrPhoneIsRefusedUnlessShared(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let customers = store.customersAt(0)
    let jane = try Self.add(customers, "Jane Doe", email: "jane@example.com", phone: "+32 2 555 12 34")
    let joe = try Self.add(customers, "Joe Bloggs", email: "joe@example.com")
    let later = store.customersAt(60)
    let byEmail = CustomerServiceTests.refusal {
      try later.update(joe.id, name: nil, email: "JANE@example.com", phone: nil, fields: [:], by: "alice")
    }
    #expect(byEmail == .customerKeyTaken(key: "email 'JANE@example.com'", customers: [jane.id]))
    let byPhone = CustomerServiceTests.refusal {
      try later.update(joe.id, name: "Joe", email: nil, phone: "02 555 12 34", fields: [:], by: "alice")
    }
    #expect(byPhone == .customerKeyTaken(key: "phone number '+3225551234'", customers: [jane.id]))
    // Nothing was written: Joe is as added, and the index finds Jane alone by her email.
    #expect(try later.show(joe.id, by: "alice").details.email.map { "\($0)" } == "joe@example.com")
    #expect(try store.customerRepository?.customers(withEmail: "jane@example.com") == [jane.id])
    // A record's own key, in another letter case, is no other record's.
    let recased = try later.update(jane.id, name: nil, email: "Jane@Example.com", phone: nil, fields: [:], by: "alice")
    #expect(recased.details.email.map { "\($0)" } == "Jane@Example.com")
    // Shared, knowingly: then the record keeps it through its other changes.
    let shared = try later.update(joe.id, name: nil, email: "jane@example.com", phone: nil, fields: [:], shared: true, by: "alice")
    #expect(shared.email?.key == "jane@example.com")
    let renamed = try store.customersAt(120).update(joe.id, name: "Joe B.", email: nil, phone: nil, fields: [:], by: "alice")
    #expect(renamed.name == "Joe B.")
    #expect(try store.customerRepository?.customers(withEmail: "jane@example.com") == [jane.id, joe.id].sorted())
  }

  @Test(arguments: RepositoryKind.withCustomers)
  func aNameIsFoundUnderEitherCanonicalSpelling(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let customers = store.customersAt(0)
    let composed = try Self.add(customers, "Zo\u{EB} Martin")
    let decomposed = try Self.add(customers, "Zoe\u{308} Dubois")
    for spelling in ["Zo\u{EB}", "Zoe\u{308}", "ZO\u{CB}", "ZOE\u{308} "] {
      let found = try customers.find(spelling, limit: 10, by: "alice").map(\.id)
      #expect(found == [decomposed.id, composed.id], "\(spelling.unicodeScalars.map(\.value))")
    }
    #expect(try customers.find("zo\u{EB} d", limit: 10, by: "alice").map(\.id) == [decomposed.id])
    #expect(CustomerNameKey("Zoe\u{308}") == CustomerNameKey("zo\u{EB}"))
  }
}
