import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// SQLite's and etcd's crash tests, with Jepsen's set rule: a child appends in a loop and is
/// killed with SIGKILL after it has acknowledged a random number of commands; every
/// acknowledged command must be there, whole, and nothing that was never attempted.
struct CrashLoopTests {
  typealias Entry = MultiProcessTests.Entry

  /// Kills: 200 by default, in rounds of `children`; `DCMC_CRASH_ITERATIONS` sets more for
  /// a longer run.
  static var iterations: Int {
    ProcessInfo.processInfo.environment["DCMC_CRASH_ITERATIONS"].flatMap { Int($0) } ?? 200
  }

  /// Children appending at once in each round, each to its own stream, so that kills also
  /// land while a child holds the lock and the others wait for it. Half of them split every
  /// write in two with an `fdatasync` between (the helper's `split`), so that kills often
  /// leave a torn tail on disk; the others write each command in one `pwrite`, which a
  /// kill almost never tears.
  static let children = 4

  @Test func everyAcknowledgedCommandSurvivesAKillAtARandomInstant() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    var generator = SeededGenerator(seed: 0xD0C5_7012)
    for round in 0..<(Self.iterations + Self.children - 1) / Self.children {
      var runs: [(stream: StoreID, acknowledged: Int, child: HelperProcess)] = []
      for index in 0..<Self.children {
        let stream = try StoreID("crash-\(round)-\(index)")
        let acknowledged = Int.random(in: 0...8, using: &generator)
        let seed = String(generator.next() >> 1)
        let split = index % 2 == 1 ? ["split"] : []
        let child = try HelperProcess(["append", fixture.root, stream.rawValue, "t", "0", seed, "16384"] + split)
        runs.append((stream, acknowledged, child))
      }
      for run in runs {
        for number in 0..<run.acknowledged {
          try #require(run.child.readLine() == "\(number + 1)", "\(run.stream): the child stopped")
        }
        run.child.kill()
      }
      for run in runs {
        #expect(run.child.wait() == 128 + SIGKILL)
      }
      for run in runs {
        let history = try store.history(of: run.stream)
        let entries = try history?.decode(Entry.self) ?? []
        let commands = Self.commands(entries)
        try #require(commands != nil, "\(run.stream): a command is not whole")
        #expect(commands!.count >= run.acknowledged, "\(run.stream): an acknowledged command was lost")

        let repair = try store.append(["after"], to: run.stream.rawValue)
        #expect(repair.repairedBytes == history?.tornBytes ?? 0)
        let repaired = try #require(try store.history(of: run.stream))
        #expect(repaired.tornBytes == 0)
        #expect(repaired.records.dropLast() == history?.records[...] ?? [])
      }
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
