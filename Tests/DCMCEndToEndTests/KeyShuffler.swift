import Foundation

/// Rewrites YAML so every single-line flow mapping lists its keys in reverse order and the
/// first two keys of each document trade places, without moving any line: a definition's
/// recorded line stays the same, so its bundle must stay byte-identical.
enum KeyShuffler {
  static func shuffle(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Block scalars (`body: |`) are text, not YAML: their lines are left alone.
    var blockIndent: Int?
    for index in lines.indices {
      let line = lines[index]
      let indent = line.prefix { $0 == " " }.count
      if let limit = blockIndent {
        if line.trimmingCharacters(in: .whitespaces).isEmpty || indent > limit { continue }
        blockIndent = nil
      }
      lines[index] = reversingFlowMappings(line)
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let last = trimmed.split(separator: "#").first?.trimmingCharacters(in: .whitespaces).last,
        last == "|" || last == ">"
      {
        blockIndent = indent
      }
    }
    // Swap the first two top-level `key: scalar` lines of each document (e.g. kind and id).
    var index = 0
    while index < lines.count {
      let start = index
      while index < lines.count, lines[index] != "---" { index += 1 }
      let keys = (start..<index).filter { isTopLevelScalar(lines[$0]) }
      if keys.count >= 2, keys[1] == keys[0] + 1 { lines.swapAt(keys[0], keys[1]) }
      index += 1
    }
    return lines.joined(separator: "\n")
  }

  private static func isTopLevelScalar(_ line: String) -> Bool {
    guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { return false }
    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    return !value.isEmpty && !value.hasPrefix("#") && !value.hasPrefix("|") && !value.hasPrefix(">")
  }

  /// The line with each flow mapping `{ a: 1, b: 2 }` that opens and closes on it reversed
  /// (`{ b: 2, a: 1 }`), nested ones included; quoted text and comments are left alone.
  static func reversingFlowMappings(_ line: String) -> String {
    let characters = Array(line)
    var output = ""
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "#", index == 0 || characters[index - 1] == " " {
        output += String(characters[index...])
        break
      }
      if character == "\"" || character == "'" {
        let end = closingQuote(characters, from: index)
        output += String(characters[index...end])
        index = end + 1
        continue
      }
      if character == "{", let end = matchingBrace(characters, from: index) {
        let inner = String(characters[(index + 1)..<end])
        let entries = splitTopLevel(inner).map { reversingFlowMappings($0.trimmingCharacters(in: .whitespaces)) }
        output += "{ " + entries.reversed().joined(separator: ", ") + " }"
        index = end + 1
        continue
      }
      output.append(character)
      index += 1
    }
    return output
  }

  private static func closingQuote(_ characters: [Character], from start: Int) -> Int {
    var index = start + 1
    while index < characters.count {
      if characters[index] == "\\", characters[start] == "\"" {
        index += 2
        continue
      }
      if characters[index] == characters[start] { return index }
      index += 1
    }
    return characters.count - 1
  }

  private static func matchingBrace(_ characters: [Character], from start: Int) -> Int? {
    var depth = 0
    var index = start
    while index < characters.count {
      switch characters[index] {
      case "\"", "'": index = closingQuote(characters, from: index)
      case "{", "[": depth += 1
      case "}", "]":
        depth -= 1
        if depth == 0 { return characters[index] == "}" ? index : nil }
      default: break
      }
      index += 1
    }
    return nil
  }

  private static func splitTopLevel(_ text: String) -> [String] {
    let characters = Array(text)
    var parts: [String] = []
    var current = ""
    var depth = 0
    var index = 0
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "\"", "'":
        let end = closingQuote(characters, from: index)
        current += String(characters[index...end])
        index = end + 1
        continue
      case "{", "[": depth += 1
      case "}", "]": depth -= 1
      case "," where depth == 0:
        parts.append(current)
        current = ""
        index += 1
        continue
      default: break
      }
      current.append(character)
      index += 1
    }
    if !current.trimmingCharacters(in: .whitespaces).isEmpty { parts.append(current) }
    return parts
  }
}
