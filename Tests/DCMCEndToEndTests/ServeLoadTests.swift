import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc serve` stopped by SIGTERM while clients post creates (issue 18): every create it
/// answered with a 2xx is in the store afterwards, `store verify` is clean and it exits 0.
@Suite(.serialized) struct ServeLoadTests {
  func dcmc(_ arguments: [String], store: String) throws -> BinaryRunner.Output {
    try BinaryRunner.run(arguments, environment: ["DCM_STORE": store])
  }

  /// The lines `pipe` gives until it has `count` of them, or to its end; `nil` count: to its end.
  func lines(of pipe: Pipe, atLeast count: Int?) -> [String] {
    var bytes: [UInt8] = []
    while count.map({ bytes.lazy.filter { $0 == 10 }.count < $0 }) ?? true {
      let data = pipe.fileHandleForReading.availableData
      if data.isEmpty { break }
      bytes += data
    }
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  @Test func everyAcknowledgedCreateSurvivesASIGTERMUnderWriteLoad() throws {
    guard let python = SearchPath.executable(named: "python3") else { return }
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    #expect(try dcmc(["deploy", "definitions"], store: store).status == 0)
    let created = try dcmc(["token", "create", "alice", "--json"], store: store)
    let json = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
    let token = try #require(json?["token"] as? String)

    let output = Pipe()
    let server = try BinaryRunner.start(
      ["serve", "--listen", "127.0.0.1:0", "--threads", "8", "--store", store], output: output)
    let line = lines(of: output, atLeast: 1).first ?? ""
    let base = String(line.dropFirst("listening on ".count))
    let form = #"{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}"#
    let load = Process()
    load.executableURL = URL(fileURLWithPath: python)
    load.arguments = [
      BinaryRunner.repositoryRoot.appendingPathComponent(".ci/http_load.py").path, base, "/api/v1/cases", token, form,
      "8", "200",
    ]
    let answers = Pipe()
    load.standardOutput = answers
    try load.run()
    // SIGTERM once the load is under way: creates are in flight and more keep coming.
    var acknowledged = lines(of: answers, atLeast: 40)
    server.terminate()
    server.waitUntilExit()
    acknowledged += lines(of: answers, atLeast: nil)
    load.waitUntilExit()
    #expect(server.terminationStatus == 0)
    #expect(acknowledged.count >= 40)
    #expect(acknowledged.count < 8 * 200, "the server answered every request: SIGTERM came too late to test")

    let list = try dcmc(["case", "list", "--json"], store: store)
    let cases = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
    let stored = Set(cases.compactMap { $0["id"] as? String })
    let lost = acknowledged.filter { !stored.contains($0) }
    #expect(lost.isEmpty, "acknowledged and lost: \(lost.prefix(5))")
    #expect(Set(acknowledged).count == acknowledged.count, "one case acknowledged twice")
    let verify = try dcmc(["store", "verify"], store: store)
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
  }
}
