import DCMCCalendar
@testable import DCMCRuntime
import Testing

/// A case's reference is made from an ASCII template by reading its bytes (`Decision.reference(
/// ascii:)`), where it read the template by characters; seeded templates (placeholders, braces
/// that close nothing or nest, widths signed, huge, empty or not numbers) give what the
/// character reading gave, which still reads every other template.
@Suite struct ReferenceTemplateTests {
  /// The reference as it was made before, by characters.
  static func byCharacters(_ template: String, sequence: Int, date: LocalDate) -> String {
    var result = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      result += rest[..<open]
      let placeholder = rest[rest.index(after: open)..<close]
      switch placeholder {
      case "yyyy": result += Decision.padded(date.year, 4)
      case "mm": result += Decision.padded(date.month, 2)
      case "seq": result += String(sequence)
      default:
        if placeholder.hasPrefix("seq:"), let width = Int(placeholder.dropFirst(4)) {
          result += Decision.padded(sequence, min(width, 18))
        } else {
          result += rest[open...close]
        }
      }
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }

  static let pieces = [
    "TEC-", "{", "}", "{seq}", "{seq:6}", "{seq:0}", "{seq:+3}", "{seq:-2}", "{seq:99}", "{seq:}", "{seq:x}",
    "{yyyy}", "{mm}", "{dd}", "{{seq}", "{seq}}", "-", "/", "\r\n", "seq", "yyyy", " ", "é", "{\u{301}seq}", "N°",
  ]

  @Test func aTemplateGivesWhatReadingItByCharactersGave() {
    var state: UInt64 = 20
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let instant = Instant(secondsSinceEpoch: 1_772_400_000)
    for _ in 0..<10_000 {
      let template = (0..<next(7)).map { _ in Self.pieces[next(Self.pieces.count)] }.joined()
      let sequence = [0, 1, 7, 42, 123_456, 9_999_999][next(6)]
      let date = Timestamp(instant, utcOffset: 0).date
      let made = Decision.reference(template, sequence: sequence, at: instant, in: .utc)
      #expect(made == Self.byCharacters(template, sequence: sequence, date: date), "\(template)")
      if template.utf8.allSatisfy({ $0 < 0x80 }) {
        var bytes = template
        #expect(bytes.withUTF8 { Decision.reference(ascii: $0, sequence: sequence, date: date) } == made)
      }
    }
  }
}
