/// The rule of a case type's `reference` (SPEC section 5) and a customer profile's (section
/// 14): the text of each case (customer) id, with
/// `{seq:N}` exactly once (the case's number in N digits, N from 1 to 12), and optionally
/// `{yyyy}` and `{mm}` (the creation date). A case id is kept as a name by the stores, so the
/// text may not start with `.` nor hold `/` or a control character (issue 14, item 17).
///
/// The one copy of the rule: the checker reports a format that breaks it (DC2015) and the
/// bundle loader refuses a bundle that holds one, so no bundle written by hand can carry a
/// format the compiler could not have produced, one every `case create` would then refuse.
public enum ReferenceFormat {
  /// Why `format` is not a reference format for the ids of `noun` ("case", "customer"), as
  /// one lowercase clause; `nil` when it is one.
  public static func problem(in format: String, idOf noun: String) -> String? {
    var rest = Substring(format)
    var sequences = 0
    while let open = rest.firstIndex(of: "{") {
      guard let close = rest[open...].firstIndex(of: "}") else { return "'{' is not closed" }
      let token = rest[rest.index(after: open)..<close]
      if token.hasPrefix("seq:"), let width = Int(token.dropFirst(4)), (1...12).contains(width) {
        sequences += 1
      } else if token != "yyyy" && token != "mm" {
        return "unknown placeholder '{\(token.prefix(20))}'"
      }
      rest = rest[rest.index(after: close)...]
    }
    if rest.contains("}") { return "'}' without '{'" }
    if sequences != 1 { return "it must contain '{seq:N}' exactly once" }
    if format.hasPrefix(".") { return "a \(noun) id cannot start with '.'" }
    if format.contains("/") { return "a \(noun) id cannot contain '/'" }
    if format.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) {
      return "a \(noun) id cannot contain a control character"
    }
    return nil
  }
}
