import DCMCApplication
import DCMCJSON
import Testing
import _DCMCTestSupport

/// `GET /api/v1/deployments` lists every deployment with its number, user and time, oldest
/// first, the last current; `GET /api/v1/deployments/{bundle}` shows a bundle with its latest
/// deployment.
struct DeploymentRoutesTests {
  static let variant = ReferenceBundle.renamed

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
