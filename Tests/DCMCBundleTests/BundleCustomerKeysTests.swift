import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// A case type's `customer:` and `customer_status:` travel in the bundle, bundles compiled
/// before them still load, and the loader refuses what the checker refuses (DC7007...DC7010,
/// DC2004) with the place.
@Suite struct BundleCustomerKeysTests {
  static let caseType = ["case_types", "0"]

  static func refusal(at path: [String], _ change: @escaping (JSONValue?) -> JSONValue?) throws -> String {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), path[...], change)
    return try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document))).description
  }

  static func text(_ value: JSONValue?) -> String? {
    guard case .string(let text)? = value else { return nil }
    return text
  }

  @Test func theMappingAndTheWordsLoadBackAndTheDefaultsFillTheRest() throws {
    let loaded = try BundleFile.load(BundleLoadTests.resealed(try BundleLoadTests.document()))
    let claims = try #require(loaded.caseType("claims"))
    #expect(claims.customer == BundleCustomerMapping(name: "F_string", email: "F_email", phone: nil))
    #expect(claims.customerWords(for: "pending") == "Waiting for your documents")
    #expect(claims.customerWords(for: "in_progress") == "We are working on it")
    #expect(claims.customerWords(for: "cancelled") == "Cancelled")
    #expect(claims.customerWords(for: "lost") == nil)
    #expect(loaded.caseType("bare")?.customerWords(for: "pending") == "Waiting for you")
  }

  @Test func aCaseTypeWithoutTheKeysIsWrittenWithoutThem() throws {
    guard case .array(let caseTypes)? = try BundleLoadTests.document()["case_types"], caseTypes.count == 2 else {
      Issue.record("the complete bundle has two case types")
      return
    }
    #expect(Self.text(caseTypes[1]["id"]) == "bare")
    #expect(caseTypes[1]["customer"] == nil)
    #expect(caseTypes[1]["customer_status"] == nil)
    #expect(Self.text(caseTypes[0]["customer_status"]?["pending"]) == "Waiting for your documents")
  }

  @Test func aBundleCompiledBeforeCustomersLoads() throws {
    var document = try BundleLoadTests.document()
    document = BundleLoadTests.edited(document, (Self.caseType + ["customer"])[...]) { _ in nil }
    document = BundleLoadTests.edited(document, (Self.caseType + ["customer_status"])[...]) { _ in nil }
    let claims = try #require(try BundleFile.load(BundleLoadTests.resealed(document)).caseType("claims"))
    #expect(claims.customer == nil)
    #expect(claims.customerWords(for: "pending") == "Waiting for you")
  }

  @Test(
    "a mapping the checker refuses is refused with where",
    arguments: [
      ("email", JSONValue.string("F_mail"), "'F_mail' is no field of case type 'claims'"),
      ("email", .string("F_string"), "the customer's email cannot come from string field 'F_string'"),
      ("phone", .string("F_email"), "the customer's phone cannot come from email field 'F_email'"),
      ("name", .string("F_integer"), "the customer's name cannot come from integer field 'F_integer'"),
    ])
  func mappingIsRefused(key: String, value: JSONValue, reason: String) throws {
    let error = try Self.refusal(at: Self.caseType + ["customer", key]) { _ in value }
    #expect(error.hasSuffix("\(reason) at 'case_types.0.customer.\(key)'"), "\(error)")
  }

  @Test func aMappingWithNeitherEmailNorPhoneIsRefused() throws {
    let error = try Self.refusal(at: Self.caseType + ["customer"]) { _ in .object([("name", .string("F_text"))]) }
    #expect(
      error.hasSuffix(
        "the customer mapping of case type 'claims' names neither 'email' nor 'phone' at 'case_types.0.customer'"),
      "\(error)")
  }

  @Test func anUnknownStatusIsRefusedNamingTheStatusesAndResolutions() throws {
    let error = try Self.refusal(at: Self.caseType + ["customer_status", "waiting\u{1b}"]) { _ in .string("Wait") }
    let statuses = "open, in_progress, pending, escalated, closed, cancelled"
    #expect(
      error.contains(
        "unknown status or resolution 'waiting\\u{1b}', the statuses are \(statuses), the resolutions of case type "),
      "\(error)")
    #expect(error.hasSuffix("completed at 'case_types.0.customer_status'") || error.contains("completed, "), "\(error)")
  }

  /// Audit34 finding 8: a resolution had no words for the customer; `completed` is one of every
  /// case type.
  @Test func wordsForAResolutionLoad() throws {
    let document = BundleLoadTests.edited(
      try BundleLoadTests.document(), (Self.caseType + ["customer_status", "completed"])[...]
    ) {
      _ in .string("We did what you asked")
    }
    #expect(throws: Never.self) { try BundleFile.load(BundleLoadTests.resealed(document)) }
  }

  @Test(
    "words the checker refuses are refused with where",
    arguments: [
      ("", "the words are empty"), (" \t", "the words are empty"),
      (String(repeating: "x", count: 81), "the words are longer than 80 characters"),
      ("Waiting\nfor you", "the words contain a control character"),
    ])
  func wordsAreRefused(words: String, reason: String) throws {
    let error = try Self.refusal(at: Self.caseType + ["customer_status", "closed"]) { _ in .string(words) }
    #expect(
      error.hasSuffix("invalid customer words for status 'closed': \(reason) at 'case_types.0.customer_status.closed'"),
      "\(error)")
  }

  @Test func wordsOfEightyCharactersLoad() throws {
    let document = BundleLoadTests.edited(
      try BundleLoadTests.document(), (Self.caseType + ["customer_status", "open"])[...]
    ) {
      _ in .string(String(repeating: "é", count: 80))
    }
    #expect(throws: Never.self) { try BundleFile.load(BundleLoadTests.resealed(document)) }
  }

  /// Stop 34: `customer_next_step:` takes the keys of `customer_status:` and words of up to 200
  /// characters; a case reads its resolution's, else its status's, and none by default.
  @Test func aNextStepLoadsAndIsReadForItsResolutionElseItsStatus() throws {
    let longest = String(repeating: "é", count: 200)
    let document = BundleLoadTests.edited(
      try BundleLoadTests.document(), (Self.caseType + ["customer_next_step"])[...]
    ) { _ in
      .object([("completed", .string("Tell us if anything is left")), ("pending", .string(longest))])
    }
    let claims = try #require(try BundleFile.load(BundleLoadTests.resealed(document)).caseType("claims"))
    #expect(claims.customerNextStep(for: "pending", resolution: nil) == longest)
    #expect(claims.customerNextStep(for: "closed", resolution: "completed") == "Tell us if anything is left")
    #expect(claims.customerNextStep(for: "open", resolution: nil) == nil)
  }

  @Test(
    "a next step the checker refuses is refused with where",
    arguments: [
      ("waiting", "Send it", "unknown status or resolution 'waiting', the statuses are ", "customer_next_step"),
      (
        "pending", String(repeating: "x", count: 201),
        "invalid next step for status 'pending': the words are longer than 200 characters",
        "customer_next_step.pending"
      ),
    ])
  func aNextStepIsRefused(key: String, words: String, reason: String, path: String) throws {
    let error = try Self.refusal(at: Self.caseType + ["customer_next_step"]) { _ in .object([(key, .string(words))]) }
    #expect(error.contains(reason) && error.hasSuffix("at 'case_types.0.\(path)'"), "\(error)")
  }
}
