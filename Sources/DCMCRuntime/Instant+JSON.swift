import DCMCCalendar
import DCMCJSON

/// An instant in the store's JSON: ISO 8601 in UTC, `2026-03-02T08:00:00Z`, as
/// `Instant.description` prints it. Any offset is read (`2026-03-02T09:00:00+01:00`).
///
/// Written and read on every command (a state holds a score of them), so the UTC form is
/// made and parsed by arithmetic on its 20 bytes rather than through `Timestamp`.
extension Instant: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    guard case .string(let text) = json else { throw JSONShapeError(expected: "a time", found: json) }
    guard let instant = Instant(utc: text) ?? Timestamp(text)?.instant else {
      throw JSONShapeError("expected an ISO 8601 time with an offset, found '\(text.prefix(40))'")
    }
    self = instant
  }

  package var json: JSONValue { .string(utcText) }

  /// `description`, made faster for the years 1 to 9999 (the others are not written by the
  /// engine, and fall back to it).
  var utcText: String { withUTCText { String(decoding: $0, as: UTF8.self) } ?? description }

  /// What `body` makes of the 20 bytes of `description` (`2026-03-02T08:00:00Z`), made by
  /// arithmetic in a buffer; `nil` outside the years 1 to 9999, where it is not made so.
  func withUTCText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
    let second = (secondsSinceEpoch % 86_400 + 86_400) % 86_400
    let date = LocalDate(dayNumber: (secondsSinceEpoch - second) / 86_400)
    guard (1...9999).contains(date.year) else { return nil }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
      func put(_ value: Int, width: Int, at offset: Int) {
        var rest = value
        for index in (offset..<offset + width).reversed() {
          buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
          rest /= 10
        }
      }
      put(date.year, width: 4, at: 0)
      put(date.month, width: 2, at: 5)
      put(date.day, width: 2, at: 8)
      put(second / 3600, width: 2, at: 11)
      put(second % 3600 / 60, width: 2, at: 14)
      put(second % 60, width: 2, at: 17)
      (buffer[4], buffer[7], buffer[10]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"))
      (buffer[13], buffer[16], buffer[19]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z"))
      return body(UnsafeBufferPointer(rebasing: buffer[0..<20]))
    }
  }

  /// The instant of exactly `YYYY-MM-DDTHH:MM:SSZ` (what `utcText` writes); `nil` for any
  /// other text.
  init?(utc text: String) {
    var text = text
    let parsed = text.withUTF8 { bytes -> Int? in
      guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
        bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
        bytes[19] == UInt8(ascii: "Z")
      else { return nil }
      func number(_ offset: Int, _ width: Int) -> Int? {
        var value = 0
        for index in offset..<offset + width {
          let digit = bytes[index] &- UInt8(ascii: "0")
          guard digit < 10 else { return nil }
          value = value * 10 + Int(digit)
        }
        return value
      }
      guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
        let minute = number(14, 2), let second = number(17, 2), year >= 1, (1...12).contains(month), day >= 1,
        day <= LocalDate.daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
      else { return nil }
      return LocalDate(year: year, month: month, day: day).dayNumber * 86_400 + hour * 3600 + minute * 60 + second
    }
    guard let parsed else { return nil }
    self.init(secondsSinceEpoch: parsed)
  }
}
