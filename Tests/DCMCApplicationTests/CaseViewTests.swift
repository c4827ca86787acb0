import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// The JSON views of SPEC section 13: form values keep the types of their fields.
@Suite struct CaseViewTests {
  @Test func formValuesAreTypedByTheirFieldsAndTextThatLooksLikeANumberStaysText() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.at(0).create(
      type: "finance",
      fields: [
        "Customer_Name": "42", "Customer_Email": "jane@example.com", "Customer_Phone": "+32475112233",
        "Request_Type": "refund", "Amount": "120.50", "Invoice_Number": "INV-204311",
      ], request: nil, by: "fiona")
    let fields = try store.service.view(created).fields
    #expect(fields["Amount"] == .number("120.5"))
    #expect(fields["Customer_Name"] == .text("42"))
    #expect(fields["Customer_Phone"] == .text("+32475112233"))
    #expect(fields["Request_Type"] == .text("refund"))
    #expect(CaseView.needsDefinitions(created))
  }

  @Test func aCaseWhoseValuesReadOneWayOnlyIsViewedWithoutItsBundle() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    #expect(!CaseView.needsDefinitions(created))
    #expect(CaseView(created, definitions: nil) == (try store.service.view(created)))
  }
}
