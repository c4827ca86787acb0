import DCMCRuntime
internal import DCMCText

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
    // By characters (a "." a combining mark follows is another character), asked only of
    // text whose first byte is one.
    if text.utf8.first == UInt8(ascii: "."), text.hasPrefix(".") { return "starts with '.'" }
    if text.utf8.count > maximumBytes { return "is longer than \(maximumBytes) bytes" }
    var text = text
    return text.withUTF8(problem(in:))
  }

  /// The first problem scalar of the UTF-8 `bytes`, read byte by byte from the string's
  /// storage (every store path's ids pass here): each problem scalar is one byte, or (C1
  /// controls, U+0080 to U+009F) 0xC2 then 0x80 to 0x9F, and 0xC2 is never a continuation byte.
  private static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var previous: UInt8 = 0
    for byte in bytes {
      if byte == UInt8(ascii: "/") { return "contains '/'" }
      if byte == 0 { return "contains a nul character" }
      if byte < 0x20 || byte == 0x7f || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9f) {
        return "contains a control character"
      }
      previous = byte
    }
    return nil
  }

  /// Why `name` cannot be a new attachment's name, or `nil` when it can: one line of plain
  /// text (`OneLine`: no control character nor bidirectional formatting character), then an
  /// id's rule (`problem`). A bidirectional control reorders the text around it, so
  /// `invoice\u{202E}fdp.exe` showed on the desk as `invoiceexe.pdf`, a download that reads as
  /// a PDF and is a program. Checked where a file is attached, not in `problem`: stores may
  /// already hold such names, which stay readable.
  public static func attachmentNameProblem(_ name: String) -> String? {
    OneLine.problem(in: name, of: "an attachment's name") ?? problem(name)
  }

  /// C0 and C1 control characters and DEL.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.isControlCharacter }

  /// `text` when it can be an id; otherwise the refusal that says why.
  public static func checked(_ text: String) throws(ServiceError) -> String {
    if let reason = problem(text) { throw .refused(.invalidID(text, reason: "invalid id '\(printable(text))': \(reason)")) }
    return text
  }

  /// `id` shortened to 64 characters, with control and bidirectional formatting characters
  /// shown as `\u{..}` escapes, so a hostile id cannot break or reorder a one-line message.
  public static func printable(_ id: String) -> String {
    let text = String(String.UnicodeScalarView(id.unicodeScalars.prefix(64))).escapingControls
    return id.unicodeScalars.count > 64 ? text + "..." : text
  }
}
