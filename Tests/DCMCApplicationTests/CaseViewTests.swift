import DCMCApplication
import DCMCJSON
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

  @Test func anOfferedTaskShowsToWhomAndUntilWhenAndAnotherShowsNull() throws {
    let store = try RepositoryKind.memory.make()
    var state = try store.technical()
    let text = { (view: TaskView) in String(decoding: view.json.compact(), as: UTF8.self) }
    #expect(text(TaskView(state.tasks[0], of: state)).contains(#""offer_expires":null,"offered_to":null,"#))
    let expires = state.createdAt.adding(seconds: 45)
    state.tasks[0].status = .offered
    state.tasks[0].offer = TaskOffer(to: "bob", expires: expires)
    let offered = TaskView(state.tasks[0], of: state)
    #expect(offered.status == .offered && offered.offeredTo == "bob" && offered.offerExpires == expires)
    #expect(text(offered).contains(#""offer_expires":"\#(expires)","offered_to":"bob","#))
  }
}
