import DCMCStore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SQLite's and etcd's crash tests, with Jepsen's set rule: a child appends in a loop and is
/// killed with SIGKILL after it has acknowledged a random number of commands; every
/// acknowledged command must be there, whole, and nothing that was never attempted.
struct CrashLoopTests {
  typealias Entry = MultiProcessTests.Entry

  /// Iterations: 200 by default; `DCMC_CRASH_ITERATIONS` sets more for a longer run.
  static var iterations: Int {
    ProcessInfo.processInfo.environment["DCMC_CRASH_ITERATIONS"].flatMap { Int($0) } ?? 200
  }

  @Test func everyAcknowledgedCommandSurvivesAKillAtARandomInstant() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    var generator = SeededGenerator(state: 0xD0C5_7012)
    for iteration in 1...Self.iterations {
      let stream = try StoreID("crash-\(iteration)")
      let acknowledged = Int.random(in: 0...8, using: &generator)
      let seed = String(generator.next() >> 1)
      let child = try HelperProcess(["append", fixture.root, stream.rawValue, "t", "0", seed, "16384"])
      for number in 0..<acknowledged {
        try #require(child.readLine() == "\(number + 1)", "iteration \(iteration): the child stopped")
      }
      child.kill()
      #expect(child.wait() == 128 + SIGKILL)

      let history = try store.history(of: stream)
      let entries = try history?.decode(Entry.self) ?? []
      let commands = Self.commands(entries)
      try #require(commands != nil, "iteration \(iteration): a command is not whole")
      #expect(commands!.count >= acknowledged, "iteration \(iteration): an acknowledged command was lost")

      let repair = try store.append(["after"], to: stream.rawValue)
      #expect(repair.repairedBytes == history?.tornBytes ?? 0)
      let repaired = try #require(try store.history(of: stream))
      #expect(repaired.tornBytes == 0)
      #expect(repaired.records.dropLast() == history?.records[...] ?? [])
    }
    #expect(try store.recover().isEmpty)
  }

  /// The commands in `entries`, each whole (records 1...of, numbered 1, 2, … in order), or
  /// `nil` when a command is split, out of order or repeated.
  static func commands(_ entries: [Entry]) -> [Int]? {
    var numbers: [Int] = []
    var index = 0
    while index < entries.count {
      let first = entries[index]
      guard first.n == numbers.count + 1, index + first.of <= entries.count else { return nil }
      for k in 1...first.of where entries[index + k - 1] != Entry(tag: first.tag, n: first.n, k: k, of: first.of) {
        return nil
      }
      numbers.append(first.n)
      index += first.of
    }
    return numbers
  }
}
