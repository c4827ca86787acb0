import DCMCJSON
import DCMCServer
import Foundation
import Testing

/// `GET /api/v1/openapi.json` is made from the route table: it lists exactly the operations
/// the API routes, and needs no token.
@Suite struct OpenAPITests {
  /// The endpoints of issue 18, as method and path.
  static let operations: Set<String> = [
    "GET /api/v1/openapi.json", "GET /api/v1/deployments", "GET /api/v1/deployments/{bundle}",
    "GET /api/v1/cases", "POST /api/v1/cases", "GET /api/v1/cases/{id}", "PATCH /api/v1/cases/{id}",
    "GET /api/v1/cases/{id}/history", "POST /api/v1/cases/{id}/pend", "POST /api/v1/cases/{id}/resume",
    "GET /api/v1/tasks", "POST /api/v1/tasks/next", "POST /api/v1/tasks/{id}/claim",
    "POST /api/v1/tasks/{id}/release", "POST /api/v1/tasks/{id}/escalate", "POST /api/v1/tasks/{id}/assign",
    "POST /api/v1/tasks/{id}/complete", "GET /api/v1/offers", "POST /api/v1/tasks/{id}/accept",
    "POST /api/v1/tasks/{id}/decline", "GET /api/v1/presence", "POST /api/v1/presence", "GET /api/v1/presence/{user}",
    "GET /api/v1/presence/{user}/history", "POST /api/v1/customers", "GET /api/v1/customers",
    "GET /api/v1/customers/{id}", "PATCH /api/v1/customers/{id}", "GET /api/v1/customers/{id}/cases",
    "POST /api/v1/customers/{id}/merge", "GET /api/v1/customers/{id}/export", "GET /api/v1/outbox",
    "POST /api/v1/outbox/{case}/{notification}/ack", "GET /api/v1/reports", "GET /api/v1/reports/{name}",
    "GET /api/v1/events", "POST /api/v1/cases/{id}/cancel", "POST /api/v1/cases/{id}/attachments",
    "POST /api/v1/cases/{id}/links", "POST /api/v1/tasks/{id}/open", "POST /api/v1/tasks/{id}/reassign",
    "PATCH /api/v1/tasks/{id}", "POST /api/v1/tasks/{id}/reschedule", "POST /api/v1/customers/{id}/status-links",
    "DELETE /api/v1/customers/{id}/status-links",
  ]

  @Test func theDescriptionListsExactlyTheRoutes() throws {
    let harness = try APIHarness()
    let answer = harness.send("GET", "/api/v1/openapi.json")
    #expect(answer.status == 200)
    let document = try #require(answer.json)
    #expect(document.text("openapi") == "3.1.0")
    guard case .object(let paths)? = document["paths"] else {
      Issue.record("no paths")
      return
    }
    var described: Set<String> = []
    var operationIDs: Set<String> = []
    for (path, item) in paths {
      guard case .object(let methods) = item else { continue }
      for (method, operation) in methods {
        described.insert("\(method.uppercased()) \(path)")
        operationIDs.insert(operation.text("operationId") ?? "")
        // Each described operation is routed: a request to it is never 404 or 405.
        let concrete = path.replacingOccurrences(of: "{id}", with: "X.1").replacingOccurrences(
          of: "{bundle}", with: "x")
        let answer = harness.send(method.uppercased(), concrete, as: "alice")
        #expect(answer.status != 405 && answer.json?.text("detail") != "no such resource", "\(method) \(path)")
      }
    }
    #expect(described == Self.operations)
    #expect(operationIDs.count == Self.operations.count)
    // Every operation but the description itself needs a bearer token.
    let secured = paths.flatMap { path, item -> [Bool] in
      guard case .object(let methods) = item else { return [] }
      return methods.map { _, operation in operation["security"]?.elements.isEmpty == false || path.hasSuffix(".json") }
    }
    #expect(secured.allSatisfy { $0 })
  }

  /// The paged lists declare the `Link` header that names their next page, and a customer's
  /// case declares every member it has (stop 31's audit: both were missing).
  @Test func pagedListsDeclareTheirLinkAndACustomersCaseItsMembers() throws {
    let harness = try APIHarness()
    let document = try #require(harness.send("GET", "/api/v1/openapi.json").json)
    for path in ["/api/v1/cases", "/api/v1/customers/{id}/cases", "/api/v1/deployments"] {
      let success = document["paths"]?[path]?["get"]?["responses"]?["200"]
      #expect(success?["headers"]?["Link"]?["schema"]?.text("type") == "string", "\(path)")
    }
    #expect(document["paths"]?["/api/v1/cases/{id}"]?["get"]?["responses"]?["200"]?["headers"] == nil)
    guard case .object(let properties)? = document["components"]?["schemas"]?["CustomerCase"]?["properties"] else {
      Issue.record("no CustomerCase properties")
      return
    }
    let members = Set(properties.map { $0.key })
    #expect(members.isSuperset(of: ["opened_text", "updated_text", "expected_by_text", "opened_at"]), "\(members)")
  }
}
