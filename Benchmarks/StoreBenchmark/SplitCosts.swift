import DCMCStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What decides whether a batch's index entries are made on two threads
/// (`FileCaseRepository.splitEntries`): the round trip of a job through the repository's
/// helper thread against the `link` of one entry into a directory of many.
enum SplitCosts {
  /// `operations` empty jobs handed to `helper` and their answers taken (`HelperThread.run`):
  /// the wake of the helper and of its caller. Returns the seconds taken.
  static func handoff(operations: Int, helper: HelperThread) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    var answers = 0
    for _ in 0..<operations {
      let answer = helper.run({ 1 }, alongside: { 1 })
      answers += answer.theirs
    }
    precondition(answers == operations)
    return DiskCeilings.seconds(clock.now - start)
  }

  /// `operations` new names `link`ed to one empty file in `directory/entries`, which keeps
  /// them (it grows over the runs' rounds, as an index directory holds one name a case), as
  /// an index entry is made. `first`: the number of the first name. Returns the seconds taken.
  static func entries(operations: Int, first: Int, in directory: String) throws(DiskCeilings.Failure) -> Double {
    let folder = directory + "/entries"
    let shared = folder + "/shared"
    if mkdir(folder, 0o755) == 0 {
      let file = open(shared, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      guard file >= 0 else { throw DiskCeilings.Failure(message: "cannot create '\(shared)': \(reason())") }
      close(file)
    }
    let clock = ContinuousClock()
    let start = clock.now
    for number in first..<(first + operations) {
      let name = folder + "/CASE-\(number)"
      guard link(shared, name) == 0 else {
        throw DiskCeilings.Failure(message: "cannot link '\(name)': \(reason())")
      }
    }
    return DiskCeilings.seconds(clock.now - start)
  }

  private static func reason() -> String { String(cString: strerror(errno)) }
}
