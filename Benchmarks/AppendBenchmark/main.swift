import BenchmarkSupport
import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The round leader's work under the store's lock (issue 18, `docs/performance.md`, "Branch
/// `lean`"): `FileCaseRepository.append` of batches of prepared creates, as `GroupCommit` hands
/// it a round (`repository.prepare` first, outside the timing), on a store in `--scratch`.
///
///     swift build -c release --product AppendBenchmark
///     .build/release/AppendBenchmark --scratch /work/benchtmp/NAME [--rounds 40] [--batch 32] [--nosync] [--keep]
///
/// The creates are those of `serve-latency.py` (a `technical` case, the form linking it to the
/// customer Jane Doe), decided by `CaseService.create` on a generating store (flushes left out,
/// `NoSyncFileSystem`) whose appends are taken as they are made; the measured store is a copy of
/// the generating store after its first create (the customer record made, as the serve
/// benchmarks' first `case create` makes it), so every taken change is a new case there. The
/// clock is fixed (`perSecond` cases a second from 2026-03-02 09:00 UTC), so two builds write the same
/// bytes: `--keep` keeps the measured store for `diff -r`. `--nosync` measures on
/// `NoSyncFileSystem` (no flush waits: the locked section's CPU and other system calls alone).
/// `--warmup N`: N rounds appended first, not measured: the measured store's journal names the
/// generating store's first create, another process's facts, until 64 changes have emptied it
/// (as a server's after the command-line create `serve-latency.py` makes first), so rounds
/// after 64 are the steady state.
/// Under callgrind, `--toggle-collect='*AppendBenchmarkAAV08measuredA0_*'` counts the measured appends alone.
struct AppendBenchmark {
  static let start = Timestamp("2026-03-02T09:00:00Z")!.instant
  static let form = [
    "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
    "Problem_Description": "no signal",
  ]
  /// Creates a second of the fixed clock: about `dcmc serve`'s rate (a few thousand a second),
  /// so most rounds' cases share their second's directory in `created/`, as a server's do.
  static let perSecond = 1024

  var scratch = ""
  var rounds = 40
  var warmup = 0
  var batch = 32
  var noSync = false
  var keep = false

  static let usage = "usage: AppendBenchmark --scratch DIR [--rounds N] [--warmup N] [--batch N<=256] [--nosync] [--keep]"

  static func main() {
    var benchmark = AppendBenchmark()
    BenchmarkArguments.parse("AppendBenchmark", usage: usage) { argument, arguments throws(BenchmarkArguments.UsageError) in
      switch argument {
      case "--scratch": benchmark.scratch = try arguments.value(of: argument)
      case "--rounds": benchmark.rounds = try arguments.count(of: argument)
      case "--warmup": benchmark.warmup = try arguments.count(of: argument, minimum: 0)
      case "--batch": benchmark.batch = try arguments.count(of: argument)
      case "--nosync": benchmark.noSync = true
      case "--keep": benchmark.keep = true
      default: return false
      }
      return true
    }
    guard !benchmark.scratch.isEmpty, benchmark.batch <= 256 else {
      print(usage)
      exit(2)
    }
    do { try benchmark.run() } catch {
      print("benchmark failed: \(error)")
      exit(1)
    }
  }

  func run() throws {
    let root = Scratch.make(in: scratch, "append")
    defer { if keep { print("kept \(root)") } else { try? Scratch.remove(root) } }
    let (generating, measured) = (root + "/generating", root + "/measured")
    let (service, taken) = try Self.generator(at: generating)
    _ = try service.create(type: "technical", fields: Self.form, request: nil, by: "alice")
    guard system("cp -a '\(generating)' '\(measured)'") == 0 else {
      throw BenchmarkFailure(message: "cannot copy \(generating) to \(measured)")
    }
    var changes: [CaseChangeSet] = []
    for index in 1...((warmup + rounds) * batch) {
      _ = try service.with(clock: FixedClock(Self.start.adding(seconds: index / Self.perSecond))).create(
        type: "technical", fields: Self.form, request: nil, by: "alice")
      changes += taken.lastAppended.withLock { $0 }
    }
    let fileSystem: any FileSystem = noSync ? NoSyncFileSystem() : PosixFileSystem()
    let repository = try FileCaseRepository.open(at: measured, fileSystem: fileSystem)
    print(
      "load average before: \(LoadAverage.text); \(rounds) rounds of \(batch) creates after \(warmup) not measured"
        + (noSync ? ", no flushes" : ""))
    for round in 0..<warmup {
      let prepared = try repository.prepare(Array(changes[(round * batch)..<((round + 1) * batch)]))
      _ = try repository.append(prepared, tick: nil)
    }
    var samples = Samples()
    var processor = 0.0
    let clock = ContinuousClock()
    for round in warmup..<(warmup + rounds) {
      let prepared = try repository.prepare(Array(changes[(round * batch)..<((round + 1) * batch)]))
      let (began, used) = (clock.now, Self.processorTime())
      let outcomes = try Self.measuredAppend(prepared, to: repository)
      samples.append((clock.now - began).seconds / Double(batch))
      processor += Self.processorTime() - used
      guard outcomes.allSatisfy({ $0 == .appended }) else { throw BenchmarkFailure(message: "round \(round): \(outcomes)") }
    }
    let micro = { (seconds: Double) in Figure.decimal(seconds * 1e6, digits: 1) }
    print("append a create: median \(micro(samples.median)) us, best \(micro(samples.best)) us (wall, per create of a round)")
    print("append a create: \(micro(processor / Double(rounds * batch))) us processor (user + system, all rounds)")
    print("load average after: \(LoadAverage.text)")
  }

  /// One measured round: its own function, so that callgrind counts it alone
  /// (`--toggle-collect='*AppendBenchmarkAAV08measuredA0_*'`; the generating store's appends
  /// run `FileCaseRepository.append` too).
  @inline(never)
  static func measuredAppend(_ changes: [CaseChangeSet], to repository: FileCaseRepository) throws -> [AppendOutcome] {
    try repository.append(changes, tick: nil)
  }

  /// A service on a new store at `path` (flushes left out) whose appends are taken
  /// (`CountingRepository.lastAppended`), with the reference definitions deployed.
  static func generator(at path: String) throws -> (CaseService, CountingRepository<FileCaseRepository>) {
    let repository = try FileCaseRepository.openOrCreate(at: path, fileSystem: NoSyncFileSystem())
    _ = try repository.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes)
    let taken = CountingRepository(repository)
    let definitions = DefinitionsLoader(repository: taken, zone: TimeZoneDatabase.rules(named:))
    var service = CaseService(
      repository: taken, queries: repository, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: FixedClock(start))
    service.customers = repository
    service.presence = repository
    return (service, taken)
  }

  /// This process's processor time so far, user plus system, in seconds.
  static func processorTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
      + Double(usage.ru_stime.tv_usec) / 1e6
  }
}

AppendBenchmark.main()
