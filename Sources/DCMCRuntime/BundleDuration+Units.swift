import DCMCBundle

extension BundleDuration {
  /// The duration in the unit its definition was written in: `16h` is `(16, "Hours")`, `3d`
  /// `(3, "Days")`, whatever the calendar's day; one written in several units (`2d 4h`) in
  /// the smallest of them that divides it (20 Hours with an 8-hour day); one without text (a
  /// supervisor's OLA) in the largest unit that divides it. One is singular (`1 Day`).
  package func inWrittenUnit(dayLength: Int) -> (amount: Int, unit: String) {
    let units: [(letter: Character, seconds: Int, name: String)] = [
      ("s", 1, "Second"), ("m", 60, "Minute"), ("h", 3600, "Hour"), ("d", dayLength, "Day"),
    ]
    // `text` is normalised (`2d 4h 30m`): the written units, smallest first.
    let words = text.split(separator: " ")
    let written = units.filter { unit in words.contains { $0.last == unit.letter } }
    let unit = (written + units.reversed()).first { $0.seconds > 0 && totalSeconds % $0.seconds == 0 } ?? units[0]
    let amount = totalSeconds / unit.seconds
    return (amount, unit.name + (amount == 1 ? "" : "s"))
  }
}
