import DCMCApplication
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// A body's member that names something by its id (docs/server.md "Errors"): an id that
/// cannot be one (the rule of every id: not empty, at most 128 bytes, no '/', no control
/// character, not '.' first) is the request's mistake, 422 with a problem naming the member;
/// a well-formed id that names nothing is 404, as a path's is. Answered without a socket.
@Suite struct BodyIdentifierAPITests {
  /// Each member that takes an id, by the kind of thing it names: a request on it, as `user`,
  /// with `{ID}` standing for the id. A task's and a case's id in the path are made by the test.
  static let members: [(kind: String, member: String, method: String, path: String, body: String, user: String)] = [
    ("user", "to", "POST", "/api/v1/tasks/TEC-000001.1/assign", #"{"to": {ID}}"#, "sam"),
    ("user", "user", "POST", "/api/v1/presence", #"{"state": "ready", "user": {ID}}"#, "tina"),
    ("workgroup", "target", "POST", "/api/v1/tasks/TEC-000001.1/reassign", #"{"target": {ID}}"#, "sam"),
    ("outcome", "outcome", "POST", "/api/v1/tasks/TEC-000001.1/complete", #"{"outcome": {ID}}"#, "alice"),
    ("case type", "type", "POST", "/api/v1/cases", #"{"type": {ID}, "fields": {}}"#, "alice"),
    ("customer", "customer", "POST", "/api/v1/cases", "{\"customer\": {ID}, " + APIHarness.form.dropFirst(), "alice"),
    ("customer", "customer", "POST", "/api/v1/cases/TEC-000001/links", #"{"customer": {ID}}"#, "sam"),
    ("customer", "duplicate", "POST", "/api/v1/customers/CUS-000001/merge", #"{"duplicate": {ID}}"#, "sam"),
  ]

  /// A harness with Jane's Technical case (`TEC-000001`, customer `CUS-000001`), its task
  /// claimed and opened by alice.
  static func harness() throws -> APIHarness {
    let harness = try APIHarness(users: ["alice", "sam", "tina"])
    #expect(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: 0).status == 201)
    #expect(harness.send("POST", "/api/v1/tasks/TEC-000001.1/claim", as: "alice", at: 10).status == 200)
    #expect(harness.send("POST", "/api/v1/tasks/TEC-000001.1/open", as: "alice", at: 20).status == 200)
    return harness
  }

  static func send(_ harness: APIHarness, _ index: Int, _ id: String) -> (status: Int, json: JSONValue?) {
    let member = members[index]
    let body = member.body.replacing("{ID}", with: JSONValue.string(id).prettyText())
    let answer = harness.send(member.method, member.path, body, as: member.user, at: 60)
    return (answer.status, answer.json)
  }

  @Test(arguments: members.indices)
  func anIDThatCannotBeOneIs422NamingTheMember(index: Int) throws {
    let harness = try Self.harness()
    let member = Self.members[index].member
    let before = try harness.store.service.load("TEC-000001")
    for (id, problem) in [
      ("a/b", "contains '/'"), ("x\u{7}y", "contains a control character"), (".hidden", "starts with '.'"),
      (String(repeating: "a", count: 129), "is longer than 128 bytes"),
    ] {
      let answer = Self.send(harness, index, id)
      let detail = "'\(member)' \(problem)"
      #expect(answer.status == 422, "\(Self.members[index].kind) \(member) \(id.prefix(8))")
      #expect(answer.json?.text("code") == "invalid_input" && answer.json?.text("detail") == detail)
      let errors = answer.json?["errors"]?.elements ?? []
      #expect(errors.count == 1 && errors.first?.text("field") == member && errors.first?.text("detail") == detail)
    }
    // Nothing was done: the one case is as the harness made it.
    #expect(try harness.store.service.load("TEC-000001") == before)
    #expect(try harness.store.service.cases(CaseFilter()).count == 1)
  }

  /// The description says it: each member that takes an id is described by the rule, and its
  /// operation declares 422 and 404.
  @Test func theOpenAPIDescriptionDescribesEachIDMemberAndDeclares422() throws {
    let document = try #require(try APIHarness().send("GET", "/api/v1/openapi.json").json)
    let described: [(String, String, String)] = [
      ("/api/v1/tasks/{id}/assign", "post", "to"), ("/api/v1/presence", "post", "user"),
      ("/api/v1/tasks/{id}/reassign", "post", "target"), ("/api/v1/tasks/{id}/complete", "post", "outcome"),
      ("/api/v1/cases", "post", "type"), ("/api/v1/cases", "post", "customer"),
      ("/api/v1/cases", "post", "request_id"), ("/api/v1/cases/{id}/links", "post", "customer"),
      ("/api/v1/customers/{id}/merge", "post", "duplicate"), ("/api/v1/customers", "post", "request_id"),
    ]
    for (path, method, member) in described {
      let operation = try #require(document["paths"]?[path]?[method], "\(method) \(path)")
      let schema = operation["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?[member]
      #expect(schema?.text("description")?.hasPrefix("an id: at most 128 bytes") == true, "\(path) \(member)")
      #expect(operation["responses"]?["422"] != nil && operation["responses"]?["404"] != nil, "\(path)")
    }
  }

  /// A well-formed id that names nothing is the use case's 404, as before.
  @Test(arguments: members.indices)
  func aWellFormedIDThatNamesNothingIs404(index: Int) throws {
    let harness = try Self.harness()
    let id = Self.members[index].kind == "customer" ? "CUS-999999" : "nothing"
    let answer = Self.send(harness, index, id)
    let detail = answer.json?.text("detail") ?? ""
    #expect(answer.status == 404, "\(Self.members[index].kind) \(Self.members[index].member): \(detail)")
    // The use case's refusal, naming the id (not the router's "no such resource").
    #expect(answer.json?.text("code") == "not_found" && detail.contains("'\(id)'"), "\(detail)")
  }
}
