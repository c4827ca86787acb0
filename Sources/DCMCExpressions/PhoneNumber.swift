/// A phone number in E.164 (`+3225551234`), from any usual way of writing it: `+32 2 555 12
/// 34`, `0032 2 5551234` and, in region `BE`, `02 555 12 34` are one number.
///
/// Checked: the characters (digits, spaces, `-`, `.`, `/`, parentheses, one leading `+`), a
/// calling code that does not start with 0, and E.164's length (at most 15 digits, calling
/// code included; at least 7 here). Not checked: whether the calling code is assigned, or
/// whether the number has the length and range its region's numbering plan allows; the
/// number is kept, not dialled (`docs/customers.md`).
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
  /// `+` and 7 to 15 digits (`digitCount`).
  public let e164: String

  public var description: String { e164 }

  /// Why `text` is no phone number; `problem` is one clause, lowercase.
  public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    public let problem: String
    public var description: String { problem }

    public init(problem: String) { self.problem = problem }
  }

  /// The digits of a phone number with its calling code: at most 15 (E.164), at least 7 here.
  /// One limit for a customer record's number (`init`) and a `phone` field's value
  /// (`problem(with:)`, `FieldType.problem`).
  public static let digitCount = 7...15

  /// The number `text` names; a number without a calling code (neither `+` nor an
  /// international prefix) is one of `region`, the region dialled from.
  public init(_ text: String, region: PhoneRegion?) throws(Problem) {
    guard let number = try Self.number(text, region: region, anyRegion: false) else {
      throw Problem(problem: "has no calling code and no region is set to assume one")
    }
    e164 = "+" + number
  }

  /// Why `text` is no phone number whatever region it is dialled from; `nil` when it may be
  /// one: the rule of `init` without its region. A number with its calling code (`+32 2 555
  /// 12 34`) is checked whole; one without (`02 555 12 34`) has the characters of a phone
  /// number and 7 to 15 digits as written, since its calling code is the region's. The check
  /// of a `phone` field's value, so that a field takes no number a customer record refuses.
  public static func problem(with text: String) -> Problem? {
    do throws(Problem) {
      _ = try number(text, region: nil, anyRegion: true)
      return nil
    } catch {
      return error
    }
  }

  /// The digits of `text`'s E.164 number; `nil` for a number without a calling code when
  /// there is no region and `anyRegion` lets any region's be assumed.
  private static func number(_ text: String, region: PhoneRegion?, anyRegion: Bool) throws(Problem) -> String? {
    var body = Substring(text.trimmingWhitespace)
    guard !body.isEmpty else { throw Problem(problem: "is empty") }
    let international = body.first == "+"
    if international { body = body.dropFirst() }
    if let bad = body.first(where: { !(($0.isASCII && $0.isNumber) || " -./()".contains($0)) }) {
      throw Problem(problem: "contains '\(bad)', which is not part of a phone number")
    }
    // `+44 (0)20 7946 0958`: the trunk prefix some write in parentheses after a calling code.
    var written = String(body)
    let parenthesized = written.indices.first { written[$0...].hasPrefix("(0)") }
    if let start = parenthesized {
      written.removeSubrange(start..<written.index(start, offsetBy: 3))
    }
    let digits = written.filter { $0.isASCII && $0.isNumber }
    let number: String
    if international {
      number = digits
    } else if let prefix = region?.internationalPrefixes.filter({ digits.hasPrefix($0) }).max(by: {
      $0.count < $1.count
    }) {
      number = String(digits.dropFirst(prefix.count))
    } else {
      guard parenthesized == nil else {
        throw Problem(problem: "writes '(0)' without a calling code")
      }
      guard let region else {
        guard anyRegion else { return nil }
        try checkCount(digits.count)
        return nil
      }
      var national = Substring(digits)
      if let trunk = region.trunkPrefixes.first(where: { national.hasPrefix($0) }) {
        national = national.dropFirst(trunk.count)
      }
      number = region.callingCode + national
    }
    guard number.first != "0" else {
      throw Problem(problem: "has a calling code that starts with 0")
    }
    try checkCount(number.count)
    return number
  }

  private static func checkCount(_ count: Int) throws(Problem) {
    guard digitCount.contains(count) else {
      throw Problem(
        problem:
          "has \(count) digits; a phone number has \(digitCount.lowerBound) to \(digitCount.upperBound) with its calling code"
      )
    }
  }

  /// The number a stored E.164 text names, when it is one.
  public init?(e164 text: String) {
    guard text.first == "+", (8...16).contains(text.count),
      text.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
      text.dropFirst().first != "0"
    else { return nil }
    e164 = text
  }
}

extension String {
  /// The text without leading and trailing white space (spaces, tabs, line breaks).
  public var trimmingWhitespace: Substring {
    let start = firstIndex { !$0.isWhitespace } ?? endIndex
    let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
    return self[start..<end]
  }
}
