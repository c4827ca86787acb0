import BenchmarkSupport

/// The push commands measured through the `dcmc` binary, process start included, on the store
/// with the short queue and the one with the long queue in turn within each run (so that other
/// work on the machine weighs on both alike), with `dcmc --version` in the same runs: what a
/// command costs with nothing to do. Each run acts as its own users (`PushStore`), so every
/// `presence set ready` makes an offer and every `task complete` frees an accepted task. The
/// tick, which expires every offer the generation made, runs once on each store, last.
struct PushMeasurement {
  /// Wall times of one command on the short and the long queue.
  struct Result {
    var label: String
    var short = Samples()
    var long = Samples()
  }

  let dcmc: String
  let outputPath: String

  /// `--at` of the measured commands: while the generation's offers stand.
  static let commandsAt = PushStoreGenerator.offersMade.adding(seconds: 10)
  /// `--at` of the tick: after the generation's offers' time-out, before the measured ones'.
  static let tickAt = PushStoreGenerator.offersMade.adding(seconds: 31)

  func measure(short: PushStore, long: PushStore, runs: Int) throws -> [Result] {
    var version = Result(label: "dcmc --version")
    var ready = Result(label: "presence set ready (offer made)")
    var complete = Result(label: "task complete (wrap-up)")
    for run in 0..<runs {
      for (store, side) in [(short, \Result.short), (long, \Result.long)] {
        let at = ["--store", store.path, "--at", "\(Self.commandsAt)"]
        version[keyPath: side].append(try time(["--version"]))
        ready[keyPath: side].append(try time(["presence", "set", "ready", "--as", store.notReady[run]] + at))
        let (user, task) = store.accepted[run]
        complete[keyPath: side].append(
          try time(["task", "complete", task, "--outcome", "done", "--as", user] + at))
      }
    }
    var tick = Result(label: "tick expiring \(long.ready) offers")
    tick.short.append(try time(["tick", "--store", short.path, "--at", "\(Self.tickAt)"]))
    tick.long.append(try time(["tick", "--store", long.path, "--at", "\(Self.tickAt)"]))
    return [version, ready, complete, tick]
  }

  /// The wall time of `dcmc arguments`, which must succeed.
  private func time(_ arguments: [String]) throws -> Double {
    let outcome = try ChildProcess(executable: dcmc, arguments: arguments, outputPath: outputPath).run()
    guard outcome.status == 0 else {
      throw BenchmarkFailure(
        message: "dcmc \(arguments.joined(separator: " ")) exited \(outcome.status); see \(outputPath)")
    }
    return outcome.wallSeconds
  }
}
