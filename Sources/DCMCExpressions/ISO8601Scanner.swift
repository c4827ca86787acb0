/// Reads the fixed-width ISO 8601 forms of date and datetime literals.
struct ISO8601Scanner {
  private let scalars: [Unicode.Scalar]
  private var position = 0

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
  }

  var isAtEnd: Bool { position == scalars.count }

  /// `YYYY-MM-DD`, validated against the calendar.
  mutating func date() -> Value.LocalDate? {
    guard let year = digits(4), skip("-"), let month = digits(2), skip("-"), let day = digits(2) else { return nil }
    return Value.LocalDate(year: year, month: month, day: day)
  }

  /// `YYYY-MM-DDTHH:MM:SS` then `Z` or a `±HH:MM` offset.
  mutating func dateTime() -> Value.DateTime? {
    guard let date = date(), skip("T"), let hour = digits(2), skip(":"), let minute = digits(2), skip(":"),
      let second = digits(2)
    else { return nil }
    let offset: Int
    if skip("Z") {
      offset = 0
    } else {
      let sign: Int
      if skip("+") {
        sign = 1
      } else if skip("-") {
        sign = -1
      } else {
        return nil
      }
      guard let hours = digits(2), skip(":"), let minutes = digits(2), hours <= 23, minutes <= 59 else { return nil }
      offset = sign * (hours * 3600 + minutes * 60)
    }
    return Value.DateTime(date: date, hour: hour, minute: minute, second: second, utcOffset: offset)
  }

  private mutating func skip(_ scalar: Unicode.Scalar) -> Bool {
    guard position < scalars.count, scalars[position] == scalar else { return false }
    position += 1
    return true
  }

  /// Exactly `count` ASCII digits as a number.
  private mutating func digits(_ count: Int) -> Int? {
    guard position + count <= scalars.count else { return nil }
    var number = 0
    for scalar in scalars[position..<position + count] {
      guard ("0"..."9").contains(scalar) else { return nil }
      number = number * 10 + Int(scalar.value - 48)
    }
    position += count
    return number
  }
}
