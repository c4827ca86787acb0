import BenchmarkSupport
import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A page of the file store's case list (`CaseFilter.limit`, what `GET /api/v1/cases` and
/// `case list --limit` ask) on stores of 10,000 and 100,000 cases: the first page and one from
/// the middle of the list, read through the index of the cases by creation (`created/`) and
/// with the index moved away, which is the read of every case a store without it (and main
/// before branch `pagefile`) does for each page. The same two pages of the open cases
/// (`CaseFilter.open`; every case of these stores is open): through `created/` the page reads
/// only its open cases (branch `storefix`); with it moved away, every case `open/` names is
/// read, as main before `storefix` did for each page.
///
///     swift build -c release --product PageBenchmark
///     .build/release/PageBenchmark --scratch /work/benchtmp/NAME [--cases 10000,100000] [--runs 9]
///
/// The stores are made through `CaseService.create` over `NoSyncFileSystem` (one `sync` at the
/// end), one case every 7 seconds from 2026-03-02, so 100,000 span eight days; a store found
/// complete at `SCRATCH/page-N` is reused. Times are wall time of the page's `cases` call in
/// this process, the files in the page cache (a warm-up read first).
struct PageBenchmark {
  static let start = Timestamp("2026-03-02T09:00:00+01:00")!.instant
  static let step = 7

  var scratch = ""
  var sizes = [10_000, 100_000]
  var runs = 9

  static func main() {
    var benchmark = PageBenchmark()
    var arguments = BenchmarkArguments(Array(CommandLine.arguments.dropFirst()))
    do {
      while let argument = arguments.next() {
        switch argument {
        case "--scratch": benchmark.scratch = try arguments.value(of: argument)
        case "--cases":
          let text = try arguments.value(of: argument, "a list of counts")
          benchmark.sizes = text.split(separator: ",").compactMap { Int($0) }.filter { $0 > 1 }
        case "--runs": benchmark.runs = try arguments.count(of: argument)
        default: throw BenchmarkArguments.unknown(argument)
        }
      }
      guard !benchmark.scratch.isEmpty, !benchmark.sizes.isEmpty else {
        throw BenchmarkArguments.UsageError(message: "usage: PageBenchmark --scratch DIR [--cases N,N] [--runs N]")
      }
    } catch {
      print((error as? BenchmarkArguments.UsageError)?.message ?? "\(error)")
      exit(2)
    }
    do { try benchmark.run() } catch {
      print("benchmark failed: \(error)")
      exit(1)
    }
  }

  func run() throws {
    print("load average before: \(LoadAverage.text)")
    var figures: [Figure] = []
    for size in sizes {
      let path = scratch + "/page-\(size)"
      try Self.store(at: path, cases: size)
      let repository = try FileCaseRepository.open(at: path)
      let middle = CasePosition(createdAt: Self.start.adding(seconds: Self.step * (size / 2)), id: Self.id(size / 2 + 1))
      let pages = [
        ("first page", CaseFilter(limit: 101)), ("middle page", CaseFilter(after: middle, limit: 101)),
        ("first open page", CaseFilter(open: true, limit: 101)),
        ("middle open page", CaseFilter(open: true, after: middle, limit: 101)),
      ]
      for (name, filter) in pages {
        let expected = (size / 2 + 2)...(size / 2 + 102)
        let found = try repository.cases(filter).cases
        guard found.count == 101, name.hasPrefix("first") || found.map(\.id) == expected.map(Self.id) else {
          throw BenchmarkFailure(message: "the \(name) of \(size) cases is not the 101 cases after its cursor")
        }
        figures.append(try Self.measure("\(name), \(size) cases, index", runs: runs) { try repository.cases(filter) })
        try Self.withoutIndex(path) {
          figures.append(
            try Self.measure("\(name), \(size) cases, every case", runs: max(1, runs / 3)) {
              try repository.cases(filter)
            })
        }
      }
    }
    _ = Figure.printTable(figures, notes: ["load average after: \(LoadAverage.text)"])
  }

  /// The id of the `number`-th case.
  static func id(_ number: Int) -> String {
    let digits = String(number)
    return "TEC-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }

  /// Runs `body` `runs` times after a warm-up: its best and median wall time.
  static func measure(_ label: String, runs: Int, _ body: () throws -> Any) throws -> Figure {
    _ = try body()
    var samples = Samples()
    let clock = ContinuousClock()
    for _ in 0..<runs {
      let began = clock.now
      _ = try body()
      samples.append((clock.now - began).seconds)
    }
    print("  \(label): median \(Figure.decimal(samples.median * 1000, digits: 2)) ms")
    return Figure(
      label: label, unit: .milliseconds, best: samples.best, median: samples.median, judged: samples.median, limit: nil)
  }

  /// Runs `body` with `created/` moved aside (a store made before the index), then puts it back.
  static func withoutIndex(_ path: String, _ body: () throws -> Void) throws {
    guard rename(path + "/created", path + "/.created-away") == 0 else {
      throw BenchmarkFailure(message: "cannot move \(path)/created aside")
    }
    defer { rename(path + "/.created-away", path + "/created") }
    try body()
  }

  /// The store of `cases` cases at `path`, made unless a complete one is there (its marker
  /// file `.complete`, written after the `sync`).
  static func store(at path: String, cases: Int) throws {
    if access(path + "/.complete", F_OK) == 0 {
      print("reusing the store of \(cases) cases at \(path)")
      return
    }
    guard access(path, F_OK) != 0 else { throw BenchmarkFailure(message: "'\(path)' is not a complete store; remove it") }
    let clock = ContinuousClock()
    let began = clock.now
    let repository = try FileCaseRepository.openOrCreate(at: path, fileSystem: NoSyncFileSystem())
    _ = try repository.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes)
    let zone: @Sendable (String) -> ZoneRules? = TimeZoneDatabase.rules(named:)
    let service = repository.service(zone: zone, clock: FixedClock(start))
    let form = [
      "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
      "Problem_Description": "The modem drops every evening",
    ]
    for index in 0..<cases {
      _ = try service.with(clock: FixedClock(start.adding(seconds: step * index))).create(
        type: "technical", fields: form, request: nil, customer: nil, by: "alice")
    }
    sync()
    guard creat(path + "/.complete", 0o644) >= 0 else { throw BenchmarkFailure(message: "cannot mark \(path) complete") }
    print("generated \(cases) cases in \(Figure.decimal((clock.now - began).seconds, digits: 1)) s: \(path)")
  }
}

PageBenchmark.main()
