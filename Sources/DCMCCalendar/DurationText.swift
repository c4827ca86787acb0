/// How a length of business time is written back to people: `2d 4h 30m`, with `s` only when
/// there are seconds, `0m` for zero. Days are kept as days (their length is the calendar's).
/// The one formatter of durations: the model's `Duration` (compiled bundles, diagnostics) and
/// the runtime's refusals (`task set --ola`) write through it.
public enum DurationText {
  public static func compact(days: Int, seconds: Int) -> String {
    var parts: [String] = []
    if days != 0 { parts.append("\(days)d") }
    let hours = seconds / 3600
    let minutes = seconds % 3600 / 60
    let secs = seconds % 60
    if hours != 0 { parts.append("\(hours)h") }
    if minutes != 0 { parts.append("\(minutes)m") }
    if secs != 0 { parts.append("\(secs)s") }
    return parts.isEmpty ? "0m" : parts.joined(separator: " ")
  }
}
