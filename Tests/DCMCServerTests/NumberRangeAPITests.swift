import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// A number field's value that reads as 0 though it is not (`0.1e-400`) or as infinity
/// (`1e400`) is refused, 422 naming its field, and no case is made: as a JSON number (the
/// member of the body, `fields.Amount`; before 7 December 2026 `0.1e-400` was kept as 0 and
/// `1e400` was a 400 naming a byte) or as text (the form refusing it, named as the body holds it).
@Suite struct NumberRangeAPITests {
  static func finance(amount: String) -> String {
    APIEndpointTests.finance.replacingOccurrences(of: #""Amount": 180.5"#, with: #""Amount": \#(amount)"#)
  }

  @Test(arguments: ["0.1e-400", "-2e-324", "1e400"])
  func aNumberOutOfRangeIsRefusedNamingItsField(literal: String) throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    #expect(Self.finance(amount: literal) != APIEndpointTests.finance)
    let number = harness.send("POST", "/api/v1/cases", Self.finance(amount: literal), as: "tina")
    #expect(number.status == 422, "\(String(decoding: number.response.body, as: UTF8.self))")
    #expect(number.json?["errors"]?.elements.first?.text("field") == "fields.Amount")
    #expect(
      number.json?.text("detail")
        == "'fields.Amount' is out of range: a number other than 0 is from about 5e-324 to 1.7e308 in size")
    let text = harness.send("POST", "/api/v1/cases", Self.finance(amount: "\"\(literal)\""), as: "tina")
    #expect(text.status == 422 && text.json?["errors"]?.elements.first?.text("field") == "fields.Amount")
    let made = harness.send("POST", "/api/v1/cases", Self.finance(amount: "0e-400"), as: "tina")
    #expect(made.status == 201 && made.json?.text("id")?.hasSuffix("-000001") == true, "no case was made before")
  }
}
