import Foundation
import Testing
import _DCMCTestSupport

/// `case create --fields` (issue 14 item 17): JSON form data is read by the JSON parser, so an
/// emoji written as a surrogate pair escape is one character and a lone surrogate is refused
/// at its place; a YAML flow mapping is still YAML.
@Suite struct FormDataTests {
  static func create(_ session: RuntimeCommandTests.Session, form: String, at time: String) throws
    -> BinaryRunner.Output
  {
    try BinaryRunner.run(
      [
        "case", "create", "technical", "--fields", "-", "--json", "--store", session.store, "--as", "alice", "--at",
        time,
      ],
      stdin: Data(form.utf8))
  }

  @Test func item17AnEmojiWrittenAsASurrogatePairIsOneCharacterOfTheName() throws {
    let session = try RuntimeCommandTests.Session()
    defer { session.directory.remove() }
    _ = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    let form = #"""
      {"Customer_Name": "Ann \ud83d\ude00", "Customer_Email": "ann@example.com", "Product": "internet",
       "Problem_Description": "Slow \u00e9"}
      """#
    let created = try Self.create(session, form: form, at: "2026-03-02T09:00:00Z")
    #expect(created.status == 0, "\(created.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
    let fields = try #require(object["fields"] as? [String: Any])
    #expect(fields["Customer_Name"] as? String == "Ann 😀")
    #expect(fields["Problem_Description"] as? String == "Slow é")
    let file = try session.directory.write("form.json", form)
    let fromFile = try session.run(
      ["case", "create", "technical", "--fields", file.path, "--json"], as: "alice", at: "2026-03-02T09:01:00Z")
    #expect(fromFile.status == 0, "\(fromFile.stderr)")
    #expect(fromFile.stdout.contains("Ann 😀"))
  }

  @Test func item17ALoneSurrogateIsRefusedAtItsLineAndColumn() throws {
    let session = try RuntimeCommandTests.Session()
    defer { session.directory.remove() }
    _ = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    let form = "{\"Customer_Email\": \"ann@example.com\",\n \"Customer_Name\": \"Ann \\ud83d\"}\n"
    let refused = try Self.create(session, form: form, at: "2026-03-02T09:00:00Z")
    #expect(refused.status == 2)
    #expect(
      refused.stderr.hasPrefix(
        #"dcmc: the form data '<stdin>' is not valid JSON: unpaired surrogate '\ud83d' in a string at line 2, column 24"#
      ), "\(refused.stderr)")
    let list = try session.run(["case", "list"], at: "2026-03-02T09:01:00Z")
    #expect(list.stdout.isEmpty, "\(list.stdout)")
  }

  @Test func aYAMLFlowMappingIsStillReadAsYAML() throws {
    let session = try RuntimeCommandTests.Session()
    defer { session.directory.remove() }
    _ = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    let form = "{Customer_Name: Ann, Customer_Email: ann@example.com, Product: internet, Problem_Description: Slow}\n"
    let created = try Self.create(session, form: form, at: "2026-03-02T09:00:00Z")
    #expect(created.status == 0, "\(created.stderr)")
    #expect(created.stdout.contains(#""Customer_Name": "Ann""#))
    // Neither JSON nor YAML: a flow mapping with an unquoted key gets the YAML reading's error.
    let broken = try Self.create(session, form: "{Customer_Name: [Ann}\n", at: "2026-03-02T09:01:00Z")
    #expect(broken.status == 2)
    #expect(broken.stderr.hasPrefix("dcmc: the form data '<stdin>' is not valid YAML or JSON: "), "\(broken.stderr)")
  }
}
