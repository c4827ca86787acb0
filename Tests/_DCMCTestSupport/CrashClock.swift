import Foundation

/// What the crash tests that kill `dcmc` processes share: the instant of each command, one
/// minute after the last, and the counter that places a kill inside a command.
public struct CrashClock: Sendable {
  private var minute = 0

  public init() {}

  /// One minute later each time, from Monday 2 March 2026 09:01 in Brussels, in UTC as the
  /// JSON of events says it: `2026-03-02T08:01:00Z`.
  public mutating func next() -> String {
    minute += 1
    let (hour, rest) = (8 + minute / 60, minute % 60)
    return "2026-03-02T\(hour < 10 ? "0" : "")\(hour):\(rest < 10 ? "0" : "")\(rest):00Z"
  }

  /// `syscr` + `syscw` of process `pid` (`/proc/<pid>/io`): the reads and writes it has made,
  /// counted by the kernel; `nil` once it is gone.
  public static func readsAndWrites(of pid: Int32) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8) else { return nil }
    var total = 0
    for line in text.split(separator: "\n") where line.hasPrefix("syscr:") || line.hasPrefix("syscw:") {
      total += Int(line.split(separator: " ").last ?? "") ?? 0
    }
    return total
  }
}
