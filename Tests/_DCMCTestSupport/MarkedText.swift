import DCMCDiagnostics

/// Text with location markers `1️⃣` ... `9️⃣`, which are removed: each names the location of
/// the character that follows it, so tests never count columns (swift-format's
/// `MarkedText`).
///
/// Locations are as diagnostics give them: 1-based lines and columns, a 0-based offset,
/// columns and offsets counted in Unicode scalars; `\n`, `\r\n` and a lone `\r` break lines.
public struct MarkedText: Sendable {
  private static let markers: [Character: Int] = [
    "1️⃣": 1, "2️⃣": 2, "3️⃣": 3, "4️⃣": 4, "5️⃣": 5, "6️⃣": 6, "7️⃣": 7, "8️⃣": 8, "9️⃣": 9,
  ]

  /// The text without its markers.
  public private(set) var text = ""
  /// Each marker's number to its location in `text`.
  public private(set) var locations: [Int: SourceLocation] = [:]

  public init(_ marked: String) {
    var line = 1
    var column = 1
    var offset = 0
    for character in marked {
      if let number = Self.markers[character] {
        locations[number] = SourceLocation(line: line, column: column, offset: offset)
        continue
      }
      text.append(character)
      for scalar in character.unicodeScalars {
        offset += 1
        if scalar == "\n" || (scalar == "\r" && character != "\r\n") {
          line += 1
          column = 1
        } else if scalar != "\r" {
          column += 1
        }
      }
    }
  }

  /// The location of marker `number`, which the marked text must hold.
  public subscript(_ number: Int) -> SourceLocation {
    guard let location = locations[number] else { preconditionFailure("the marked text has no marker \(number)") }
    return location
  }
}
