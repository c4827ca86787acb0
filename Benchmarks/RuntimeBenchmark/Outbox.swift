import BenchmarkSupport
import DCMCCalendar

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension RuntimeBench {
  /// `outbox deliver` through the binary on a store of `count` pending notifications, one
  /// process per notification against `--batch` (issue 14 item 16: 2,735 took 10.9 s), with
  /// the floors each stands on, in the same run: `sh -c` started `count` times, and `count`
  /// appends with `fdatasync` (one `notification.delivered` per case).
  func outbox(count: Int) throws {
    var start = Stopwatch.seconds()
    for _ in 0..<count { _ = Shell.run(["/bin/sh", "-c", "cat </dev/null >/dev/null"]) }
    let spawns = Stopwatch.seconds() - start
    let line = Array(repeating: UInt8(ascii: "x"), count: 120) + [10]
    let file = open(root + "/outbox-ceiling.log", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    start = Stopwatch.seconds()
    for _ in 0..<count {
      _ = line.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
      fdatasync(file)
    }
    let appends = Stopwatch.seconds() - start
    close(file)
    // The cases are made a week after Monday, one a second.
    let at = Timestamp(Self.monday.adding(seconds: 8 * 86_400 + count), utcOffset: 0).description
    var seconds: [Double] = []
    for (name, via) in [
      ("per-process", ["--via", "cat >/dev/null"]), ("batch", ["--batch", "--via", #"sed 's/.*"id":"\([^"]*\)".*/\1/'"#]),
    ] {
      _ = try makeStore("outbox-\(name)", count: count, dueStart: Self.monday)
      let outcome = try run(["outbox", "deliver"] + via + ["--store", root + "/outbox-\(name)", "--at", at])
      seconds.append(outcome.wallSeconds)
    }
    func each(_ total: Double) -> String { "\(Report.decimal(total, 2)) s, \(Report.decimal(total / Double(count) * 1000, 2)) ms each" }
    print("outbox deliver, \(count) pending notifications (one run each):")
    print("  one process per notification           \(each(seconds[0]))")
    print("  --batch                                 \(each(seconds[1]))")
    print("  floor of the first: sh -c started       \(each(spawns))")
    print("  floor of both: append + fdatasync       \(each(appends))")
    print("  --batch / per process: \(Report.decimal(seconds[1] / seconds[0] * 100, 0))%")
  }
}
