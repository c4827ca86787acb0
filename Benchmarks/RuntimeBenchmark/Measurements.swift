import BenchmarkSupport
import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension RuntimeBench {
  /// Rounds of `commandRates`, each measuring the disk and both stores.
  static let rateRounds = 7

  /// The disk's append + fdatasync rate and the engine's rate of durable task commands.
  func commandRates() throws {
    let line = Array(repeating: UInt8(ascii: "x"), count: 300) + [10]
    let path = root + "/ceiling.log"
    let file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    var ceiling = Samples()
    var engine = Samples()
    var withoutFacts = Samples()
    let store = try makeStore("rates", count: 200, dueStart: Self.monday)
    // The same store keeping no report facts (a store without `facts/`, as one made before
    // them), measured in turns with the first: what the read model costs a durable command.
    let bare = try makeStore("rates-no-facts", count: 200, dueStart: Self.monday)
    guard rename(root + "/rates-no-facts/facts", root + "/facts-set-aside") == 0 else {
      throw BenchError(description: "cannot set the second store's facts/ aside")
    }
    let tasks = (1...200).map { (case: "TEC-" + Report.padded($0, 6), task: "TEC-" + Report.padded($0, 6) + ".1") }
    // After the last case was created (`makeStore`: a week after `monday`, a second apart).
    var now = Self.monday.adding(seconds: 8 * 86_400)
    // The rate, and the CPU seconds (user and system, this thread) per command: on a busy
    // machine the CPU a command takes varies far less than the time it waits for a core.
    func rate(_ service: CaseService) throws -> (rate: Double, cpu: Double) {
      let begin = Stopwatch.seconds()
      let cpuBegin = Stopwatch.cpuSeconds()
      // Assigned by their supervisor and released by bob in turn: bob's capacity is one task,
      // and a member may only claim the task `task next` gives.
      for _ in 0..<3 {
        for (caseID, task) in tasks {
          now = now.adding(seconds: 1)
          _ = try service.with(clock: FixedClock(now)).execute(.assign(task: task, to: "bob"), onCase: caseID, by: "sam")
          now = now.adding(seconds: 1)
          _ = try service.with(clock: FixedClock(now)).execute(.release(task: task), onCase: caseID, by: "bob")
        }
      }
      let commands = Double(6 * tasks.count)
      return (commands / (Stopwatch.seconds() - begin), (Stopwatch.cpuSeconds() - cpuBegin) / commands)
    }
    // Each round measures the disk, then both stores back to back, in alternating order (a
    // machine whose speed drifts favours neither), and gives its own ratios: the figures are
    // the medians of the rounds' ratios, each taken within a few seconds.
    var ratios = Samples()
    var costs = Samples()
    var cpuCosts = Samples()
    var cpu = (withFacts: Samples(), without: Samples())
    for round in 0..<Self.rateRounds {
      let start = Stopwatch.seconds()
      for _ in 0..<1000 {
        _ = line.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        fdatasync(file)
      }
      ceiling.append(1000 / (Stopwatch.seconds() - start))
      let withFacts: (rate: Double, cpu: Double)
      let without: (rate: Double, cpu: Double)
      if round % 2 == 0 {
        withFacts = try rate(store)
        without = try rate(bare)
      } else {
        without = try rate(bare)
        withFacts = try rate(store)
      }
      engine.append(withFacts.rate)
      withoutFacts.append(without.rate)
      ratios.append(withFacts.rate / ceiling.values[round])
      costs.append(1 - withFacts.rate / without.rate)
      cpu.withFacts.append(withFacts.cpu)
      cpu.without.append(without.cpu)
      cpuCosts.append(1 - without.cpu / withFacts.cpu)
    }
    close(file)
    let ratio = ratios.median
    let factsCost = costs.median
    print("disk: append + fdatasync                 \(Report.rate(ceiling))")
    print("engine: assign/release (one append each) \(Report.rate(engine))")
    print("engine, keeping no report facts          \(Report.rate(withoutFacts))")
    print("  engine / disk (median of the rounds' ratios): \(Report.decimal(ratio * 100, 0))%, target >= 50%: \(ratio >= 0.5 ? "met" : "MISSED")")
    print("  rate lost to the report facts, per round: \(costs.values.map { Report.decimal($0 * 100, 1) + "%" }.joined(separator: " "))")
    print("  rate lost to the report facts (median of the rounds): \(Report.decimal(factsCost * 100, 1))%, target <= 10%: \(factsCost <= 0.1 ? "met" : "MISSED")")
    print("  CPU per command (medians): \(Report.decimal(cpu.withFacts.median * 1e6, 0)) µs with facts, \(Report.decimal(cpu.without.median * 1e6, 0)) µs without; the facts' share of it, per round: \(cpuCosts.values.map { Report.decimal($0 * 100, 1) + "%" }.joined(separator: " ")), median \(Report.decimal(cpuCosts.median * 100, 1))%")
  }

  /// `task complete` and `case show` through the binary, on a small and a large store.
  func cliCommands(smallCases: Int, largeCases: Int) throws {
    var shows: [(Int, Samples, Double)] = []
    for count in [smallCases, largeCases] {
      let store = try makeStore("cli-\(count)", count: count, dueStart: Self.monday)
      let directory = root + "/cli-\(count)"
      var complete = Samples()
      var show = Samples()
      var memory = 0.0
      for index in 1...20 {
        let id = "TEC-" + Report.padded(index, 6)
        // After the last case was created (`makeStore`: a week after `monday`, a second apart).
        let at = Timestamp(Self.monday.adding(seconds: 8 * 86_400 + 3600), utcOffset: 0).description
        _ = try store.with(clock: FixedClock(Self.monday.adding(seconds: 8 * 86_400))).execute(
          .claim(task: id + ".1"), onCase: id, by: "bob")
        let done = try run(["task", "complete", id + ".1", "--outcome", "resolved", "--as", "bob", "--at", at, "--store", directory])
        complete.append(done.wallSeconds)
        let shown = try run(["case", "show", "TEC-" + Report.padded(count - index, 6), "--store", directory, "--json"])
        show.append(shown.wallSeconds)
        memory = max(memory, shown.peakResidentBytes)
      }
      print("CLI on \(count) cases: task complete \(Report.millis(complete)), case show \(Report.millis(show)), case show peak \(Report.decimal(memory / 1e6, 1)) MB")
      if count == largeCases {
        print("  task complete median < 10 ms: \(complete.median < 0.010 ? "met" : "MISSED")")
      }
      shows.append((count, show, memory))
    }
    let ratio = shows[1].1.median / shows[0].1.median
    print("  case show, \(largeCases) / \(smallCases) cases (medians): \(Report.decimal(ratio, 2))x; memory \(Report.decimal(shows[1].2 / shows[0].2, 2))x")
  }

  /// `tick` through the binary with `due` cases' timers due, on a small and a large store.
  func ticks(smallCases: Int, largeCases: Int, due: Int) throws {
    var medians: [Double] = []
    for count in [smallCases, largeCases] {
      _ = try makeStore("tick-\(count)", count: count, dueBatch: due, dueStart: Self.monday)
      var samples = Samples()
      // Three ticks, each firing the due batch's next timer: the OLA warning (Tue 10:00),
      // then the OLA breach with the escalation and the SLA warning (Tue 13:00), then the
      // SLA breach and the expert review's breach (Tue 17:00).
      for time in ["2026-03-03T10:30:00+01:00", "2026-03-03T13:30:00+01:00", "2026-03-03T17:30:00+01:00"] {
        let outcome = try run(["tick", "--at", time, "--store", root + "/tick-\(count)"])
        samples.append(outcome.wallSeconds)
      }
      print("CLI tick on \(count) open cases, \(due) due: \(Report.millis(samples))")
      medians.append(samples.median)
    }
    print("  tick median on \(largeCases) < 100 ms: \(medians[1] < 0.1 ? "met" : "MISSED"); \(largeCases) / \(smallCases): \(Report.decimal(medians[1] / medians[0], 2))x, target <= 1.5x: \(medians[1] <= 1.5 * medians[0] ? "met" : "MISSED")")
  }

  func run(_ arguments: [String]) throws -> ChildProcess.Outcome {
    let outcome = try ChildProcess(executable: dcmc, arguments: arguments, outputPath: root + "/child.out").run()
    guard outcome.status == 0 else {
      throw BenchError(description: "dcmc \(arguments.joined(separator: " ")) exited \(outcome.status)")
    }
    return outcome
  }
}

enum Stopwatch {
  static func seconds() -> Double { reading(CLOCK_MONOTONIC) }

  /// The CPU time (user and system) this thread has used.
  static func cpuSeconds() -> Double { reading(CLOCK_THREAD_CPUTIME_ID) }

  private static func reading(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

enum Shell {
  /// Runs a program and waits for it; its exit status.
  static func run(_ arguments: [String]) -> Int32 {
    var child: pid_t = 0
    var argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    guard posix_spawn(&child, arguments[0], nil, nil, &argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    waitpid(child, &status, 0)
    return status
  }
}

enum Report {
  static func padded(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  static func decimal(_ value: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    guard places > 0 else { return String(scaled) }
    // The sign apart: -0.5 has no whole part to carry it (a round's facts cost can be negative).
    return (scaled < 0 ? "-" : "") + "\(abs(scaled) / Int(scale))." + padded(abs(scaled) % Int(scale), places)
  }

  static func rate(_ samples: Samples) -> String {
    "\(decimal(samples.median, 0))/s median, \(decimal(samples.values.max() ?? 0, 0))/s best"
  }

  static func millis(_ samples: Samples) -> String {
    "median \(decimal(samples.median * 1000, 1)) ms, best \(decimal(samples.best * 1000, 1)) ms"
  }
}
