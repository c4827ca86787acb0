import Foundation
import Testing
import _DCMCTestSupport

/// A store of format 1 (`Tests/DCMCStoreTests/Fixtures/store-v1`, made by the dcmc before
/// the explicit event schema, with every event type) through this binary: read and verified
/// without a write, shown as the previous binary showed it (`store-v1-expected/`), then
/// upgraded by its first write without a byte of its histories changed, and used on.
@Suite struct StoreUpgradeTests {
  static let fixtures = BinaryRunner.repositoryRoot.appendingPathComponent("Tests/DCMCStoreTests/Fixtures")
  static let cases = ["RPL-202603-00001", "TEC-000001", "TEC-000002", "TEC-000003", "TEC-000004"]

  struct Copy {
    let directory: TemporaryDirectory
    var path: String { directory.url.appendingPathComponent("store").path }

    init() throws {
      directory = try TemporaryDirectory()
      try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("store-v1").path, toPath: path)
    }

    func run(_ arguments: [String], as user: String? = nil, at time: String = "2026-03-06T15:30:00Z") throws
      -> BinaryRunner.Output
    {
      try BinaryRunner.run(arguments + ["--store", path, "--at", time] + (user.map { ["--as", $0] } ?? []))
    }

    func json(_ arguments: [String], as user: String? = nil, at time: String = "2026-03-06T15:30:00Z") throws -> Any {
      let output = try run(arguments + ["--json"], as: user, at: time)
      #expect(output.status == 0, "\(arguments): \(output.stderr)")
      return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    }

    /// Every file of the store by its path in it.
    func files() throws -> [String: Data] {
      var files: [String: Data] = [:]
      let walker = FileManager.default.enumerator(atPath: path)
      while let relative = walker?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = path + "/" + relative
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
          files[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
        }
      }
      return files
    }
  }

  static func expected(_ name: String) throws -> Any {
    try JSONSerialization.jsonObject(
      with: Data(contentsOf: fixtures.appendingPathComponent("store-v1-expected").appendingPathComponent(name)))
  }

  /// Where `actual` differs from `expected` as JSON data: objects may have keys `expected`
  /// lacks (SPEC section 13 adds keys), and a form field's value may be typed where the
  /// previous binary wrote its text (`75` for `"75"`).
  static func differences(_ actual: Any, _ expected: Any, at path: String = "", isField: Bool = false) -> [String] {
    switch (actual, expected) {
    case (let actual as [String: Any], let expected as [String: Any]):
      return expected.keys.sorted().flatMap { key in
        guard let value = actual[key] else { return ["\(path).\(key) is missing"] }
        return differences(value, expected[key]!, at: path + "." + key, isField: path.hasSuffix(".fields"))
      }
    case (let actual as [Any], let expected as [Any]):
      guard actual.count == expected.count else { return ["\(path) has \(actual.count) items, not \(expected.count)"] }
      return zip(actual, expected).enumerated().flatMap { differences($1.0, $1.1, at: "\(path).\($0)") }
    default:
      let text = scalar(actual)
      if text == scalar(expected) || (isField && text == expected as? String) { return [] }
      return ["\(path) is \(text ?? "?"), not \(scalar(expected) ?? "?")"]
    }
  }

  /// A scalar read by `JSONSerialization`, as JSON text: `"a"`, `75`, `true`, `null`.
  static func scalar(_ value: Any?) -> String? {
    guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed) else {
      return nil
    }
    return String(decoding: data, as: UTF8.self)
  }

  @Test("a format-1 store reads as before without a write; its first write upgrades it and keeps every history byte")
  func formatOneStore() throws {
    let store = try Copy()
    defer { store.directory.remove() }
    let original = try store.files()

    let verified = try #require(try store.json(["store", "verify"]) as? [String: Any])
    #expect(verified["ok"] as? Bool == true, "\(verified)")
    #expect(verified["cases"] as? Int == 5)
    var histories: [String: [[String: Any]]] = [:]
    for id in Self.cases {
      let shown = try store.json(["case", "show", id])
      #expect(Self.differences(shown, try Self.expected("\(id).show.json")) == [], "\(id)")
      let history = try #require(try store.json(["case", "history", id]) as? [[String: Any]])
      let before = try #require(try Self.expected("\(id).history.json") as? [[String: Any]])
      #expect(history.count == before.count, "\(id)")
      for (event, old) in zip(history, before) {
        for key in ["seq", "at", "by"] {
          #expect(
            Self.scalar(event[key]) == Self.scalar(old[key]), "\(id) event \(Self.scalar(old["seq"]) ?? "?"): \(key)")
        }
      }
      histories[id] = history
    }
    #expect(Self.differences(try store.json(["outbox", "list"]), try Self.expected("outbox.json")) == [])
    #expect(Self.differences(try store.json(["task", "list"]), try Self.expected("tasks.json")) == [])
    #expect(try store.files() == original, "reading wrote to the store")
    #expect(original["store.json"] == Data(#"{"format":"dcmc-store","version":1}"#.utf8 + [10]))

    // The first write: eve claims the queued expert review of TEC-000002.
    let claimed = try store.run(["task", "claim", "TEC-000002.2"], as: "eve")
    #expect(claimed.status == 0, "\(claimed.stderr)")
    let upgraded = try store.files()
    #expect(upgraded["store.json"] == Data(#"{"format":"dcmc-store","version":2}"#.utf8 + [10]))
    try Self.expectHistoriesKept(original, upgraded, grown: ["TEC-000002"])
    let history = try #require(try store.json(["case", "history", "TEC-000002"]) as? [[String: Any]])
    #expect(history.count == 24)
    #expect(history.last?["type"] as? String == "task.assigned")
    #expect(history.last?["task"] as? String == "TEC-000002.2")
    #expect(history.last?["to"] as? String == "eve")
    #expect((try store.json(["store", "verify"]) as? [String: Any])?["ok"] as? Bool == true)

    // Work goes on: eve resolves the case, a tick fires TEC-000004's timers, a new case
    // takes the next number, a notification is acknowledged.
    #expect(try store.run(["task", "open", "TEC-000002.2"], as: "eve", at: "2026-03-06T15:31:00Z").status == 0)
    let completed = try store.run(
      ["task", "complete", "TEC-000002.2", "--outcome", "resolved"], as: "eve", at: "2026-03-06T15:40:00Z")
    #expect(completed.status == 0, "\(completed.stderr)")
    let closed = try #require(try store.json(["case", "show", "TEC-000002"]) as? [String: Any])
    #expect(closed["status"] as? String == "closed")
    let tick = try store.run(["tick"], at: "2026-03-09T12:00:00Z")
    #expect(tick.status == 0, "\(tick.stderr)")
    let fired = try #require(try store.json(["case", "history", "TEC-000004"]) as? [[String: Any]])
    #expect(fired.count > histories["TEC-000004"]!.count)
    #expect(fired.contains { $0["type"] as? String == "timer.fired" && $0["by"] is NSNull })
    let created = try #require(
      try store.json(
        ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice",
        at: "2026-03-09T12:05:00Z") as? [String: Any])
    #expect(created["id"] as? String == "TEC-000005")
    #expect(try store.run(["outbox", "ack", "TEC-000002/n2"], at: "2026-03-09T12:06:00Z").status == 0)
    let last = try #require(try store.json(["store", "verify"], at: "2026-03-09T12:07:00Z") as? [String: Any])
    #expect(last["ok"] as? Bool == true, "\(last)")
    #expect(last["cases"] as? Int == 6)
    let rebuilt = try store.run(["store", "rebuild"], at: "2026-03-09T12:08:00Z")
    #expect(rebuilt.stdout.hasSuffix("nothing to repair\n"), "\(rebuilt.stdout)")
    try Self.expectHistoriesKept(original, try store.files(), grown: ["TEC-000002", "TEC-000004"])
  }

  /// Its attachment is kept as `attachments/TEC-000002/1-note.txt`, a name from before copies
  /// were named by their content: `store copy` refused it, exit 2, as "not in the source",
  /// so such a store could not be moved to PostgreSQL or another directory. It keeps no
  /// report facts either, which the copy's appends write: the copy says so and how to give
  /// the source its facts, after which it compares equal.
  @Test func aFormatOneStoreIsCopiedWithItsAttachment() throws {
    let copy = try Copy()
    defer { copy.directory.remove() }
    let target = copy.directory.url.appendingPathComponent("copy").path
    let first = try BinaryRunner.run(["store", "copy", copy.path, target])
    #expect(first.status == 1, "\(first.stdout)\(first.stderr)")
    #expect(
      first.stderr
        == "dcmc: the copy differs from the source in report facts; the source keeps no report facts (a store "
        + "made before dcmc kept them): 'dcmc store rebuild --store \(copy.path)' makes them from its histories, "
        + "then copy again\n")
    // The copy differs from its source: it keeps the mark of an unfinished copy, and every
    // other command refuses it, naming the copy that finishes it (audit36 L7).
    let unfinished = try BinaryRunner.run(["store", "verify", "--store", target, "--at", "2026-03-06T15:30:00Z"])
    #expect(unfinished.status == 2 && unfinished.stdout.isEmpty)
    #expect(
      unfinished.stderr
        == "dcmc: store '\(target)' is an unfinished copy (a 'dcmc store copy' into it did not end): run "
        + "'dcmc store copy \(copy.path) \(target)' again to finish it; no other command uses it until then\n")
    #expect(try copy.run(["store", "rebuild"]).status == 0)
    let result = try BinaryRunner.run(["store", "copy", copy.path, target])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: target + "/attachments/TEC-000002/1-note.txt"))
        == Data(contentsOf: URL(fileURLWithPath: copy.path + "/attachments/TEC-000002/1-note.txt")))
    let verify = try BinaryRunner.run(["store", "verify", "--store", target, "--at", "2026-03-06T15:30:00Z"])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
  }

  /// Each history of `before` starts `after`'s, byte for byte; the logs of `grown` have
  /// grown by records of format 2, the others not at all.
  static func expectHistoriesKept(_ before: [String: Data], _ after: [String: Data], grown: Set<String>) throws {
    for (path, old) in before where path.hasPrefix("streams/") {
      let new = try #require(after[path], "\(path) is gone")
      #expect(new.prefix(old.count) == old, "\(path): a byte of its history changed")
      let id = String(path.dropFirst("streams/".count).dropLast(".log".count))
      #expect((new.count > old.count) == grown.contains(id), "\(path)")
      for line in String(decoding: new.dropFirst(old.count), as: UTF8.self).split(separator: "\n") {
        let payload = line.split(separator: " ", maxSplits: 4)[4]
        let record = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        #expect(record["type"] is String && record["change"] == nil, "\(path): \(payload)")
      }
    }
  }
}
