import DCMCBundle
import DCMCCompiler
import Testing

/// A case type's `customer:` and `customer_status:` are compiled as written (snake_case keys,
/// the words of the statuses written only), and left out of the bundle when not written.
@Suite struct CustomerKeysCompileTests {
  static let stages = """
    stages:
      - id: work
        tasks:
          - id: handle
            target: agents
            outcomes:
              resolved: { close: resolved }

    """

  @Test func theMappingAndTheWordsWrittenAreCompiled() throws {
    let (bundle, bytes) = CompileFixture.compile([
      ("shared.yaml", CompileFixture.shared),
      CompileFixture.caseType(
        """
          - { id: Mobile, type: phone }
        customer: { phone: Mobile, name: Name }
        customer_status: { pending: "Waiting for your documents", closed: "Done" }

        """ + Self.stages),
    ])
    let claims = try #require(bundle.caseType("claims"))
    #expect(claims.customer == BundleCustomerMapping(name: "Name", email: nil, phone: "Mobile"))
    #expect(claims.customerStatus == ["pending": "Waiting for your documents", "closed": "Done"])
    #expect(claims.customerWords(for: "open") == "We are working on it")
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(
      text.contains(#""customer_status": {"closed": "Done", "pending": "Waiting for your documents"}"#), "\(text)")
    #expect(try BundleFile.load(bytes) == bundle)
  }

  @Test func aCaseTypeWithoutThemHasNeitherKeyInTheBundle() throws {
    let (bundle, bytes) = CompileFixture.compile([
      ("shared.yaml", CompileFixture.shared), CompileFixture.caseType(Self.stages),
    ])
    #expect(bundle.caseType("claims")?.customer == nil)
    #expect(bundle.caseType("claims")?.customerStatus == nil)
    #expect(bundle.caseType("claims")?.customerNextStep == nil)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(!text.contains("\"customer\"") && !text.contains("customer_status") && !text.contains("customer_next_step"))
  }

  /// Stop 34: what a customer can do (how to send what a pending case waits for) is compiled as
  /// written, by status or resolution, and only when written (above).
  @Test func theNextStepsWrittenAreCompiled() throws {
    let (bundle, bytes) = CompileFixture.compile([
      ("shared.yaml", CompileFixture.shared),
      CompileFixture.caseType(
        """
        customer_next_step: { pending: "Reply to our email with the documents", resolved: "Reply if unclear" }

        """ + Self.stages),
    ])
    let claims = try #require(bundle.caseType("claims"))
    #expect(claims.customerNextStep == ["pending": "Reply to our email with the documents", "resolved": "Reply if unclear"])
    #expect(claims.customerNextStep(for: "pending", resolution: nil) == "Reply to our email with the documents")
    #expect(claims.customerNextStep(for: "closed", resolution: "resolved") == "Reply if unclear")
    #expect(claims.customerNextStep(for: "open", resolution: nil) == nil)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(
      text.contains(
        #""customer_next_step": {"pending": "Reply to our email with the documents", "resolved": "Reply if unclear"}"#),
      "\(text)")
    #expect(try BundleFile.load(bytes) == bundle)
  }

  @Test func theReferenceDefinitionsMapTheirCustomersAndFinanceOverridesPending() throws {
    let (bundle, _) = CompileFixture.compile(try CompileFixture.referenceFiles())
    for caseType in bundle.caseTypes {
      #expect(
        caseType.customer
          == BundleCustomerMapping(name: "Customer_Name", email: "Customer_Email", phone: "Customer_Phone"),
        "\(caseType.id)")
    }
    #expect(bundle.caseType("finance")?.customerWords(for: "pending") == "Waiting for your documents")
    #expect(bundle.caseType("technical")?.customerWords(for: "pending") == "Waiting for you")
    #expect(bundle.caseType("finance")?.customerNextStep(for: "pending", resolution: nil)?.hasPrefix("Reply to our email") == true)
    // Stop 35: every reference case type can be pending (`case pend`), and each says what its
    // customer does then; none says anything while the case is worked on.
    for caseType in bundle.caseTypes {
      #expect(caseType.customerNextStep(for: "pending", resolution: nil) != nil, "\(caseType.id)")
      #expect(caseType.customerNextStep(for: "open", resolution: nil) == nil, "\(caseType.id)")
    }
  }
}
