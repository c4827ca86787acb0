import DCMCDiagnostics
import DCMCSyntax

/// YAML text with location markers `1️⃣` ... `9️⃣`, removed before parsing. Each marker
/// names the location of the character that follows it, so tests never count columns.
struct MarkedText {
  static let markerNames: [Character: String] = [
    "1️⃣": "1", "2️⃣": "2", "3️⃣": "3", "4️⃣": "4", "5️⃣": "5", "6️⃣": "6", "7️⃣": "7", "8️⃣": "8", "9️⃣": "9",
  ]

  var text = ""
  var locations: [String: SourceLocation] = [:]

  init(_ marked: String) {
    var line = 1
    var column = 1
    var offset = 0
    for character in marked {
      if let name = Self.markerNames[character] {
        locations[name] = SourceLocation(line: line, column: column, offset: offset)
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

  subscript(_ name: String) -> SourceLocation {
    guard let location = locations[name] else { preconditionFailure("no marker \(name)") }
    return location
  }

  /// The text parsed as file `test.yaml`.
  func parse(limits: ReaderLimits = .standard) -> ParsedFile {
    YAMLReader.parse(name: "test.yaml", bytes: Array(text.utf8), limits: limits)
  }
}

/// Parses `text` as file `test.yaml`.
func parse(_ text: String, limits: ReaderLimits = .standard) -> ParsedFile {
  YAMLReader.parse(name: "test.yaml", bytes: Array(text.utf8), limits: limits)
}

extension ParsedFile {
  /// The root of the only document.
  var root: Node? { documents.count == 1 ? documents[0].root : nil }

  var codes: [DiagnosticCode] { diagnostics.map(\.code) }
}

extension Node {
  /// The scalar text at `path` (keys and list indexes), or `nil`.
  func text(_ path: Any...) -> String? {
    var node: Node? = self
    for step in path {
      if let key = step as? String {
        node = node?[key]
      } else if let index = step as? Int, let items = node?.items, items.indices.contains(index) {
        node = items[index]
      } else {
        return nil
      }
    }
    return node?.scalar?.value
  }
}
