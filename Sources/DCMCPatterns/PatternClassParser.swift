/// Parses character classes (`[a-z_]`, `[^\d]`) and the escapes that denote one scalar or a set.
enum PatternClassParser {
  /// The class whose `[` is just before `index`; leaves `index` after its `]`.
  static func parse(_ scalars: [UInt32], at index: inout Int) throws(PatternError) -> ScalarSet {
    let start = index
    var negated = false
    if index < scalars.count, scalars[index] == 0x5E {
      negated = true
      index += 1
    }
    var ranges: [ClosedRange<UInt32>] = []
    while true {
      guard index < scalars.count else { throw .invalid("class at scalar \(start) is not closed by ']'") }
      if scalars[index] == 0x5D { break }
      let low = try member(scalars, at: &index)
      if index + 1 < scalars.count, scalars[index] == 0x2D, scalars[index + 1] != 0x5D {
        index += 1
        let high = try member(scalars, at: &index)
        guard let lowScalar = single(low), let highScalar = single(high), lowScalar <= highScalar else {
          throw .invalid("class range at scalar \(start) is out of order or not between two characters")
        }
        ranges.append(lowScalar...highScalar)
      } else {
        ranges.append(contentsOf: low.ranges)
      }
    }
    index += 1
    let set = ScalarSet(ranges)
    return negated ? set.inverted : set
  }

  /// The character of a scalar value read from a `String`, so always valid; U+FFFD otherwise.
  static func character(_ value: UInt32) -> Character { Unicode.Scalar(value).map(Character.init) ?? "\u{FFFD}" }

  private static func single(_ set: ScalarSet) -> UInt32? {
    set.ranges.count == 1 && set.ranges[0].count == 1 ? set.ranges[0].lowerBound : nil
  }

  private static func member(_ scalars: [UInt32], at index: inout Int) throws(PatternError) -> ScalarSet {
    let scalar = scalars[index]
    index += 1
    guard scalar == 0x5C else { return ScalarSet(scalar: scalar) }
    guard index < scalars.count else { throw .invalid("pattern ends with '\\'") }
    if scalars[index] == 0x62 {
      index += 1
      return ScalarSet(scalar: 0x08)
    }
    return try escape(scalars, at: &index, inClass: true)
  }

  /// The escape whose `\` is just before `index`, other than `\b`, `\B` and backreferences.
  static func escape(_ scalars: [UInt32], at index: inout Int, inClass: Bool) throws(PatternError) -> ScalarSet {
    let scalar = scalars[index]
    let position = index
    index += 1
    switch PatternClassParser.character(scalar) {
    case "d": return .digits
    case "D": return ScalarSet.digits.inverted
    case "w": return .word
    case "W": return ScalarSet.word.inverted
    case "s": return .space
    case "S": return ScalarSet.space.inverted
    case "n": return ScalarSet(scalar: 0x0A)
    case "r": return ScalarSet(scalar: 0x0D)
    case "t": return ScalarSet(scalar: 0x09)
    case "f": return ScalarSet(scalar: 0x0C)
    case "v": return ScalarSet(scalar: 0x0B)
    case "0" where index >= scalars.count || !(0x30...0x39).contains(scalars[index]):
      return ScalarSet(scalar: 0)
    case "x": return ScalarSet(scalar: try hex(scalars, at: &index, digits: 2, from: position))
    case "u": return ScalarSet(scalar: try hex(scalars, at: &index, digits: 4, from: position))
    default:
      let isLetterOrDigit = ScalarSet.word.contains(scalar) && scalar != 0x5F
      if isLetterOrDigit || scalar > 0x7F {
        throw .invalid("unsupported escape at scalar \(position)")
      }
      return ScalarSet(scalar: scalar)
    }
  }

  private static func hex(
    _ scalars: [UInt32], at index: inout Int, digits: Int, from position: Int
  ) throws(PatternError) -> UInt32 {
    guard index + digits <= scalars.count,
      let value = UInt32(
        String(String.UnicodeScalarView(scalars[index..<index + digits].compactMap(Unicode.Scalar.init))), radix: 16)
    else { throw .invalid("escape at scalar \(position) needs \(digits) hexadecimal digits") }
    index += digits
    return value
  }
}
