import DCMCJSON
import DCMCRuntime
import DCMCStore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Several processes on one store: the lock keeps every append, and dies with its holder.
struct MultiProcessTests {
  /// A record the helper writes: command `n` of child `tag` is records `k` = 1...`of`.
  struct Entry: JSONConvertible, Equatable {
    var tag: String
    var n: Int
    var k: Int
    var of: Int

    init(tag: String, n: Int, k: Int, of: Int) {
      (self.tag, self.n, self.k, self.of) = (tag, n, k, of)
    }

    init(json: JSONValue) throws(JSONShapeError) {
      let fields = try JSONFields(json)
      self.init(
        tag: try fields.required("tag"), n: try fields.required("n"), k: try fields.required("k"),
        of: try fields.required("of"))
    }

    var json: JSONValue { .members(["k": k.json, "n": n.json, "of": of.json, "tag": tag.json]) }
  }

  @Test func concurrentProcessesLoseNoAppendAndKeepSequenceNumbersContiguous() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let (children, commands) = (4, 50)
    let helpers = try (1...children).map { child in
      try HelperProcess(["append", fixture.root, "shared", "child-\(child)", "\(commands)", "\(child)", "64"])
    }
    // Readers take no lock: while the children append, every read must validate, and each
    // must be a prefix of the next (an append in progress is a torn tail, left out).
    let reader = try fixture.store()
    var seen: [HistoryRecord] = []
    for _ in 0..<300 {
      let records = try reader.history(of: StoreID("shared"))?.records ?? []
      #expect(records.starts(with: seen), "a reader saw a history that is not an extension of an earlier one")
      seen = records
    }
    for helper in helpers {
      var acknowledged: [String] = []
      while let line = helper.readLine() { acknowledged.append(line) }
      #expect(acknowledged == (1...commands).map(String.init))
      #expect(helper.wait() == 0)
    }
    let history = try #require(try fixture.store().history(of: StoreID("shared")))
    #expect(history.tornBytes == 0)
    #expect(history.records.starts(with: seen))
    #expect(history.records.map(\.sequence) == Array(1...history.records.count))
    let entries = try history.decode(Entry.self)
    var index = 0
    var next: [String: Int] = [:]
    while index < entries.count {
      let first = entries[index]
      #expect(first.n == next[first.tag, default: 1], "\(first.tag)'s commands are out of order or lost")
      next[first.tag] = first.n + 1
      let command = (1...first.of).map { Entry(tag: first.tag, n: first.n, k: $0, of: first.of) }
      #expect(Array(entries[index..<min(index + first.of, entries.count)]) == command, "a command was split")
      #expect(history.records[index + first.of - 1].endsCommand)
      index += first.of
    }
    #expect(next == Dictionary(uniqueKeysWithValues: (1...children).map { ("child-\($0)", commands + 1) }))
  }

  /// `flock` belongs to an open file description, and each `write` opens its own, so two
  /// threads of one process exclude each other as two processes do.
  @Test func threadsOfOneProcessExcludeEachOtherToo() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let (threads, commands) = (4, 25)
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      for command in 1...commands {
        #expect(throws: Never.self) { try store.append(["\(thread)-\(command)"], to: "shared") }
      }
    }
    let texts = try #require(try store.texts(of: "shared"))
    #expect(texts.count == threads * commands)
    for thread in 0..<threads {
      #expect(texts.filter { $0.hasPrefix("\(thread)-") } == (1...commands).map { "\(thread)-\($0)" })
    }
  }

  /// A helper process that holds the write lock of `fixture`'s store, which `store` then
  /// finds busy.
  static func lockHolder(of fixture: StoreFixture, _ store: Store) throws -> HelperProcess {
    let holder = try HelperProcess(["hold", fixture.root])
    #expect(holder.readLine() == "locked")
    #expect(throws: StoreError.lockBusy(path: fixture.root + "/store.lock")) {
      try store.write(waitForLock: false) { _ throws(StoreError) in }
    }
    return holder
  }

  @Test func theLockOfAProcessKilledWhileHoldingItIsFreeAtOnce() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let holder = try Self.lockHolder(of: fixture, store)
    holder.kill()
    #expect(holder.wait() == 128 + SIGKILL)
    try store.write(waitForLock: false) { transaction throws(StoreError) in
      _ = try transaction.append([Array("after the kill".utf8)], to: StoreID("s"))
    }
    #expect(try store.texts(of: "s") == ["after the kill"])
  }

  @Test func aProcessThatLetsGoOfTheLockLetsTheNextOneIn() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let holder = try Self.lockHolder(of: fixture, store)
    holder.closeInput()
    #expect(holder.wait() == 0)
    try store.write(waitForLock: false) { _ throws(StoreError) in }
  }
}
