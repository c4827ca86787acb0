import DCMCApplication
import DCMCJSON
import Testing
import _DCMCTestSupport

/// `GET /api/v1/deployments` lists the deployments with their number, user and time, oldest
/// first, the last current, a page at a time; `GET /api/v1/deployments/{bundle}` shows a bundle
/// with its latest deployment.
struct DeploymentRoutesTests {
  static let variant = ReferenceBundle.renamed

  /// The numbers and `current` of each page of the list, following each page's `Link` from
  /// `query`, and whether every link kept the query's `limit`.
  static func pages(_ harness: APIHarness, _ query: [String: String])
    -> (numbers: [[String]], current: [String], kept: Bool)
  {
    var (numbers, current, kept): ([[String]], [String], Bool) = ([], [], true)
    var query = query
    for _ in 0..<30 {
      let page = harness.send("GET", "/api/v1/deployments", as: "alice", query: query)
      #expect(page.status == 200)
      let listed = page.json?.elements ?? []
      numbers.append(listed.compactMap { $0.text("number") })
      current += listed.compactMap { $0.text("current") }
      guard let next = CaseListPagingAPITests.next(page.response) else { break }
      kept = kept && next.path == "/api/v1/deployments" && next.query["limit"] == query["limit"]
      query = next.query
    }
    return (numbers, current, kept)
  }

  /// Pages as `GET /api/v1/cases` does, by deployment number, on every store (the
  /// PostgreSQL store pages in SQL): the next page linked while later deployments follow, the
  /// last page without a link, `current` the history's last wherever the page ends.
  @Test(arguments: RepositoryKind.allCases) func theListIsPagedWithTheNextPageLinked(kind: RepositoryKind) throws {
    let harness = try APIHarness(kind: kind)
    defer { harness.store.remove() }
    // The harness deployed A; then B, A, B, A: five deployments.
    for step in 1...4 {
      let deployed = step % 2 == 1 ? Self.variant : ReferenceBundle.compiled
      _ = try harness.store.at(3600 * step).deploy(deployed.bundle, bytes: deployed.bytes, by: "ops")
    }
    let paged = Self.pages(harness, ["limit": "2"])
    #expect(paged.numbers == [["1", "2"], ["3", "4"], ["5"]] && paged.kept)
    #expect(paged.current == ["false", "false", "false", "false", "true"])
    // A full last page has no link: one deployment more was asked to know.
    let exact = harness.send("GET", "/api/v1/deployments", as: "alice", query: ["limit": "5"])
    #expect(exact.json?.elements.count == 5 && exact.response.header("Link") == nil)
    let later = harness.send("GET", "/api/v1/deployments", as: "alice", query: ["after": "3"])
    #expect(later.json?.elements.compactMap { $0.text("number") } == ["4", "5"] && later.response.header("Link") == nil)
    let past = harness.send("GET", "/api/v1/deployments", as: "alice", query: ["after": "5"])
    #expect(past.status == 200 && past.json?.elements.isEmpty == true && past.response.header("Link") == nil)
    for query in [["limit": "101"], ["after": "x"]] {
      #expect(harness.send("GET", "/api/v1/deployments", as: "alice", query: query).status == 422)
    }
  }

  @Test func withoutALimitAPageHoldsTwentyDeployments() throws {
    let harness = try APIHarness()
    for step in 1...DeploymentView.defaultLimit {
      let deployed = step % 2 == 1 ? Self.variant : ReferenceBundle.compiled
      _ = try harness.store.at(step).deploy(deployed.bundle, bytes: deployed.bytes, by: "ops")
    }
    let paged = Self.pages(harness, [:])
    #expect(paged.numbers.map(\.count) == [DeploymentView.defaultLimit, 1])
    #expect(paged.current.filter { $0 == "true" }.count == 1 && paged.current.last == "true")
  }

  @Test(arguments: [
    ["limit": "0"], ["limit": "101"], ["limit": "ten"], ["after": "-1"], ["after": "+1"], ["after": "1.5"],
    ["after": "x"], ["after": "99999999999999999999"], ["after": "sha256:00"],
  ])
  func aBadLimitOrAfterIs422(query: [String: String]) throws {
    let harness = try APIHarness()
    let answer = harness.send("GET", "/api/v1/deployments", as: "alice", query: query)
    #expect(answer.status == 422 && answer.json?.text("code") == "invalid_input")
    #expect(answer.json?.text("detail")?.contains("'\(query.keys.first ?? "")'") == true)
  }

  @Test func everyDeploymentIsListedWithItsUserAndTime() throws {
    let harness = try APIHarness()
    let (a, b) = (ReferenceBundle.compiled.bundle.hash, Self.variant.bundle.hash)
    // The harness deployed A by nobody at Monday 09:00; then B by ops an hour later, A again by ci.
    #expect(try harness.store.at(3600).deploy(Self.variant.bundle, bytes: Self.variant.bytes, by: "ops"))
    #expect(
      try harness.store.at(7200).deploy(
        ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, by: "ci") == false)
    let list = harness.send("GET", "/api/v1/deployments", as: "alice")
    #expect(list.status == 200)
    let listed = list.json?.elements ?? []
    #expect(listed.map { $0.text("number") } == ["1", "2", "3"])
    #expect(listed.map { $0.text("bundle") } == [a, b, a])
    #expect(listed.map { $0.text("deployed_by") } == ["null", "ops", "ci"])
    #expect(
      listed.map { $0.text("deployed_at") } == ["2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"])
    #expect(listed.map { $0.text("current") } == ["false", "false", "true"])

    // A bundle deployed twice shows its latest deployment.
    let shownA = harness.send("GET", "/api/v1/deployments/\(a)", as: "alice").json
    #expect(shownA?.text("number") == "3" && shownA?.text("deployed_by") == "ci" && shownA?.text("current") == "true")
    let shownB = harness.send("GET", "/api/v1/deployments/\(b)", as: "alice").json
    #expect(shownB?.text("number") == "2" && shownB?.text("deployed_by") == "ops" && shownB?.text("current") == "false")
    #expect(shownB?.text("deployed_at") == "2026-03-02T09:00:00Z")
  }
}
