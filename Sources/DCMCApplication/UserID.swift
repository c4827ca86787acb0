/// The rule for ids that users give (a case's id, a request id, an attachment's name): the
/// same whatever the store, so a scenario, the CLI and the server accept the same ids.
///
/// Refused: the empty id, `.` and `..`, an id that starts with `.`, `/`, NUL and every other
/// control character (U+0000-U+001F, U+007F-U+009F), and ids longer than `maximumBytes` bytes
/// of UTF-8 (the file store makes a file name of each, with room for its suffixes).
public enum UserID {
  /// The longest id, in bytes of UTF-8.
  public static let maximumBytes = 128

  /// Why `text` cannot be an id, or `nil` when it can; `maximumBytes` is for names derived
  /// from ids, a little longer.
  public static func problem(_ text: String, maximumBytes: Int = maximumBytes) -> String? {
    if text.isEmpty { return "is empty" }
    if text == "." || text == ".." { return "is a directory reference" }
    if text.hasPrefix(".") { return "starts with '.'" }
    if text.utf8.count > maximumBytes { return "is longer than \(maximumBytes) bytes" }
    for scalar in text.unicodeScalars {
      if scalar == "/" { return "contains '/'" }
      if scalar.value == 0 { return "contains a nul character" }
      if isControl(scalar) { return "contains a control character" }
    }
    return nil
  }

  /// Why `name` cannot be a new attachment's name, or `nil` when it can: an id's rule
  /// (`problem`), and no bidirectional formatting character (U+202A-202E, U+2066-2069). Those
  /// reorder the text around them, so `invoice\u{202E}fdp.exe` showed on the desk as
  /// `invoiceexe.pdf`, a download that reads as a PDF and is a program. Checked where a file is
  /// attached, not in `problem`: stores may already hold such names, which stay readable.
  public static func attachmentNameProblem(_ name: String) -> String? {
    if let problem = problem(name) { return problem }
    if name.unicodeScalars.contains(where: isBidirectionalFormatting) {
      return "contains a bidirectional formatting character (U+202A-202E, U+2066-2069)"
    }
    return nil
  }

  /// The embeddings, overrides and isolates of Unicode's bidirectional algorithm.
  static func isBidirectionalFormatting(_ scalar: Unicode.Scalar) -> Bool {
    (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
  }

  /// C0 and C1 control characters and DEL.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
  }

  /// `text` when it can be an id; otherwise the refusal that says why.
  static func checked(_ text: String) throws(ServiceError) -> String {
    if let reason = problem(text) { throw .refused(.invalidID(text, reason: "invalid id '\(printable(text))': \(reason)")) }
    return text
  }

  /// `id` shortened to 64 characters, with control and bidirectional formatting characters
  /// shown as `\u{..}` escapes, so a hostile id cannot break or reorder a one-line message.
  public static func printable(_ id: String) -> String {
    var text = ""
    for scalar in id.unicodeScalars.prefix(64) {
      let hidden = isControl(scalar) || isBidirectionalFormatting(scalar)
      text += hidden ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }
    return id.unicodeScalars.count > 64 ? text + "..." : text
  }
}
