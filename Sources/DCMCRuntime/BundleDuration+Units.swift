import DCMCBundle

extension BundleDuration {
  /// The duration in the unit its definition was written in: `16h` is `(16, "Hours")`, `3d`
  /// `(3, "Days")`, whatever the calendar's day; one written in several units (`2d 4h`) in
  /// the smallest of them that divides it (20 Hours with an 8-hour day); one without text (a
  /// supervisor's OLA) in the largest unit that divides it. One is singular (`1 Day`).
  package func inWrittenUnit(dayLength: Int) -> (amount: Int, unit: String) {
    // `text` is normalised ASCII (`2d 4h 30m`): the written units are the letters before each
    // space and at the end, read as bytes into a set of bits (a case's notifications ask for
    // this twice a create; the arrays of units and word ends it built cost 5 k instructions).
    var written = 0
    var last: UInt8?
    for byte in text.utf8 {
      if byte == UInt8(ascii: " "), let last { written |= Self.unitBit(last) }
      last = byte
    }
    if let last { written |= Self.unitBit(last) }
    // The smallest written unit that divides the duration, else the largest that does.
    let divides = { (unit: Int) in
      let seconds = Self.unit(unit, dayLength: dayLength).seconds
      return seconds > 0 && totalSeconds % seconds == 0
    }
    let chosen =
      (0..<4).first { written & (1 << $0) != 0 && divides($0) } ?? (0..<4).reversed().first(where: divides) ?? 0
    let unit = Self.unit(chosen, dayLength: dayLength)
    let amount = totalSeconds / unit.seconds
    return (amount, unit.name + (amount == 1 ? "" : "s"))
  }

  /// The units smallest first: 0 seconds, 1 minutes, 2 hours, 3 the calendar's days.
  private static func unit(_ index: Int, dayLength: Int) -> (seconds: Int, name: String) {
    switch index {
    case 0: (1, "Second")
    case 1: (60, "Minute")
    case 2: (3600, "Hour")
    default: (dayLength, "Day")
    }
  }

  /// The bit of the unit whose letter is `byte` (`s`, `m`, `h`, `d`); 0 for any other byte.
  private static func unitBit(_ byte: UInt8) -> Int {
    switch byte {
    case UInt8(ascii: "s"): 1
    case UInt8(ascii: "m"): 2
    case UInt8(ascii: "h"): 4
    case UInt8(ascii: "d"): 8
    default: 0
    }
  }
}
