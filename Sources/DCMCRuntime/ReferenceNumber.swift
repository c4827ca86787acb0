/// The number (`{seq}`) an id was made with, read back from the id and its reference format:
/// the inverse of `Decision.reference`. A history records a case's or a customer's id, not
/// its number, so `store verify` and `store rebuild` derive the numbering files from it.
public enum ReferenceNumber {
  /// The number that `format` (`TEC-{yyyy}-{seq:6}`) made `id` with; `nil` when `format`
  /// cannot have made `id` (another text, a year that is not four digits, a number not
  /// padded to its width).
  public static func of(_ id: String, format: String) -> Int? {
    guard let parts = Self.parts(of: format) else { return nil }
    var rest = Substring(id).unicodeScalars[...]
    for part in parts.before {
      guard let after = part.consumed(from: rest, atStart: true) else { return nil }
      rest = after
    }
    for part in parts.after.reversed() {
      guard let before = part.consumed(from: rest, atStart: false) else { return nil }
      rest = before
    }
    let digits = String(String.UnicodeScalarView(rest))
    guard digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(digits),
      Decision.padded(number, parts.width) == digits
    else { return nil }
    return number
  }

  /// A piece of a format other than its number: text as written, or the digits of a date.
  private enum Part {
    case text(String.UnicodeScalarView)
    case digits(Int)

    /// `scalars` without this part at its start (`atStart`) or end; `nil` when it is not there.
    func consumed(from scalars: Substring.UnicodeScalarView, atStart: Bool) -> Substring.UnicodeScalarView? {
      switch self {
      case .text(let text):
        if atStart {
          return scalars.starts(with: text) ? scalars.dropFirst(text.count) : nil
        }
        return scalars.reversed().starts(with: text.reversed()) ? scalars.dropLast(text.count) : nil
      case .digits(let count):
        let piece = atStart ? scalars.prefix(count) : scalars.suffix(count)
        guard piece.count == count, piece.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return atStart ? scalars.dropFirst(count) : scalars.dropLast(count)
      }
    }
  }

  /// The parts of `format` before and after its one `{seq}` or `{seq:N}` (`N` the width,
  /// 0 for none), read as `Decision.reference` writes them; `nil` without exactly one.
  private static func parts(of format: String) -> (before: [Part], width: Int, after: [Part])? {
    var before: [Part] = []
    var after: [Part] = []
    var width: Int?
    var rest = Substring(format)
    func add(_ part: Part) {
      if width == nil { before.append(part) } else { after.append(part) }
    }
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      add(.text(String(rest[..<open]).unicodeScalars))
      let placeholder = rest[rest.index(after: open)..<close]
      switch placeholder {
      case "yyyy": add(.digits(4))
      case "mm": add(.digits(2))
      case "seq":
        guard width == nil else { return nil }
        width = 0
      default:
        if placeholder.hasPrefix("seq:"), let digits = Int(placeholder.dropFirst(4)) {
          guard width == nil else { return nil }
          width = min(digits, 18)
        } else {
          add(.text(String(rest[open...close]).unicodeScalars))
        }
      }
      rest = rest[rest.index(after: close)...]
    }
    add(.text(String(rest).unicodeScalars))
    guard let width else { return nil }
    return (before, width, after)
  }
}
