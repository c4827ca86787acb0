import DCMCBundle

extension BundleDuration {
  /// The duration in the unit its definition was written in: `16h` is `(16, "Hours")`, `3d`
  /// `(3, "Days")`, whatever the calendar's day; one written in several units (`2d 4h`) in
  /// the smallest of them that divides it (20 Hours with an 8-hour day); one without text (a
  /// supervisor's OLA) in the largest unit that divides it. One is singular (`1 Day`).
  package func inWrittenUnit(dayLength: Int) -> (amount: Int, unit: String) {
    let units: [(letter: UInt8, seconds: Int, name: String)] = [
      (UInt8(ascii: "s"), 1, "Second"), (UInt8(ascii: "m"), 60, "Minute"), (UInt8(ascii: "h"), 3600, "Hour"),
      (UInt8(ascii: "d"), dayLength, "Day"),
    ]
    // `text` is normalised ASCII (`2d 4h 30m`): the written units, smallest first, are the
    // letters before each space and at the end (read as bytes: a case's notification variables
    // ask for this, and splitting the text into words of characters cost 9 k instructions).
    let bytes = Array(text.utf8)
    let ends = bytes.indices.filter { $0 == bytes.count - 1 || bytes[$0 + 1] == UInt8(ascii: " ") }
    let written = units.filter { unit in ends.contains { bytes[$0] == unit.letter } }
    let unit = (written + units.reversed()).first { $0.seconds > 0 && totalSeconds % $0.seconds == 0 } ?? units[0]
    let amount = totalSeconds / unit.seconds
    return (amount, unit.name + (amount == 1 ? "" : "s"))
  }
}
