#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the test helper processes (`StoreTortureHelper`, `CaseStoreTortureHelper`) print,
/// unbuffered: a line the test has read was written before the helper's next step, where a
/// kill may land.
public enum HelperOutput {
  /// Writes `text` to standard output at once; exits with status 3 when it cannot.
  public static func say(_ text: String) {
    guard write(text, to: STDOUT_FILENO) else { exit(3) }
  }

  /// Writes `<helper>: text` to standard error and exits with status 1.
  public static func fail(_ text: String) -> Never {
    let helper = CommandLine.arguments.first?.split(separator: "/").last.map(String.init) ?? "helper"
    _ = write("\(helper): \(text)\n", to: STDERR_FILENO)
    exit(1)
  }

  /// Writes all of `text` to `descriptor`; false when a write fails.
  private static func write(_ text: String, to descriptor: Int32) -> Bool {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return false }
      bytes = bytes.dropFirst(count)
    }
    return true
  }
}
