import DCMCModel

/// Where the cursor stands in a YAML document being typed, read from the text alone (the
/// line being edited need not parse): the mapping keys from the document's root, whether a
/// key or a value goes there, the keys the mapping already has, and the word being typed.
///
/// It reads block mappings by indentation, the flow mappings and sequences of the cursor's
/// line (`{ task: handle, outcome: | }`) and block scalars (`body: |`); that is how the
/// definitions are written.
package struct CompletionContext: Sendable, Equatable {
  package enum Slot: Sendable, Equatable {
    /// A key of the mapping at `path` goes here.
    case key
    /// The value of `key` (of the mapping at `path`), or an item of its sequence.
    case value(key: String)
  }

  /// The document's `kind:`, `id:` and `case_type:` (a scenario's), when written.
  package var kind: String?
  package var id: String?
  package var caseType: String?
  package var path: [String] = []
  package var slot = Slot.key
  /// The keys of the mapping at `path` already written, with their values when plain.
  package var siblings: [String: String] = [:]
  /// The identifier before the cursor (letters, digits, `_`), which completion replaces.
  package var word = ""
  /// Whether the cursor is in an unclosed `{{` of a text.
  package var isInPlaceholder = false
  /// The value's text before the cursor.
  package var valueText = ""

  /// The context at 0-based `line`, `column` (in Unicode scalars) of `text`.
  package init(text: String, line: Int, column: Int) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      Array(($0.last == "\r" ? $0.dropLast() : $0).unicodeScalars)
    }
    guard line < lines.count else { return }
    var first = line
    while first > 0, !Self.isSeparator(lines[first - 1]) { first -= 1 }
    var last = line
    while last + 1 < lines.count, !Self.isSeparator(lines[last + 1]) { last += 1 }
    for index in first...last where index != line {
      guard let entry = Self.entry(lines[index]), entry.column == 0 else { continue }
      switch entry.key {
      case "kind": kind = entry.value
      case "id": id = entry.value
      case "case_type": caseType = entry.value
      default: break
      }
    }
    let head = Array(lines[line].prefix(column))
    let startsItem = head.prefix { $0 == " " || $0 == "-" }.contains("-")
    var keyColumn = head.prefix { $0 == " " || $0 == "-" }.count
    if keyColumn == head.count, head.count < lines[line].count {
      keyColumn = lines[line].prefix { $0 == " " || $0 == "-" }.count
    }
    if let scalar = parentOfBlockScalar(lines, from: line, above: first, column: keyColumn) {
      path = scalar.path
      slot = .value(key: scalar.key)
      valueText = String(scalars: head)
      finishWord(head)
      return
    }
    path = parents(lines, from: line, above: first, column: keyColumn)
    if !startsItem { collectSiblings(lines, from: line, first: first, last: last, column: keyColumn) }
    scanLine(Array(head.dropFirst(keyColumn)))
    finishWord(head)
  }

  private static func isSeparator(_ line: [Unicode.Scalar]) -> Bool {
    line.starts(with: "---".unicodeScalars) && line.dropFirst(3).allSatisfy { $0 == " " }
  }

  /// A block line's first key: its column (after indentation and `- `), key, and plain value.
  static func entry(_ line: [Unicode.Scalar]) -> (column: Int, key: String, value: String?, startsItem: Bool)? {
    let column = line.prefix { $0 == " " || $0 == "-" }.count
    let rest = line.dropFirst(column)
    guard let first = rest.first, first != "#" else { return nil }
    guard let colon = rest.firstIndex(of: ":"), colon + 1 == line.count || line[colon + 1] == " " else { return nil }
    let key = String(scalars: rest[..<colon])
    guard key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" })
    else { return nil }
    var rawValue = Array(line[(colon + 1)...])
    if let comment = rawValue.indices.first(where: { rawValue[$0] == "#" && $0 > 0 && rawValue[$0 - 1] == " " }) {
      rawValue = Array(rawValue[..<comment])
    }
    var value = String(String(scalars: rawValue).trimmingSpaces)
    if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
      value = String(value.dropFirst().dropLast())
    }
    return (column, key, value.isEmpty ? nil : value, line.prefix(column).contains("-"))
  }

  /// The keys of the block mappings that hold `column` at `line`, from the root.
  private func parents(_ lines: [[Unicode.Scalar]], from line: Int, above first: Int, column: Int) -> [String] {
    var path: [String] = []
    var current = column
    var index = line
    while index > first, current > 0 {
      index -= 1
      guard let entry = Self.entry(lines[index]) else { continue }
      if entry.column < current {
        path.insert(entry.key, at: 0)
        current = entry.column
      }
    }
    return path
  }

  /// The key whose block scalar (`key: |` or `key: >`) holds `line`, with its path.
  private func parentOfBlockScalar(_ lines: [[Unicode.Scalar]], from line: Int, above first: Int, column: Int) -> (
    path: [String], key: String
  )? {
    var index = line
    while index > first {
      index -= 1
      guard lines[index].contains(where: { $0 != " " }) else { continue }
      guard let entry = Self.entry(lines[index]) else { continue }
      guard entry.column < column else { return nil }
      guard let value = entry.value, value.first == "|" || value.first == ">" else { return nil }
      return (parents(lines, from: index, above: first, column: entry.column), entry.key)
    }
    return nil
  }

  /// The keys written at `column` in the mapping of `line`, above and below it.
  private mutating func collectSiblings(
    _ lines: [[Unicode.Scalar]], from line: Int, first: Int, last: Int, column: Int
  ) {
    for step in [-1, 1] {
      var index = line + step
      while index >= first, index <= last {
        defer { index += step }
        guard let entry = Self.entry(lines[index]) else { continue }
        if entry.column < column || (step == 1 && entry.column == column && entry.startsItem) { break }
        guard entry.column == column else { continue }
        siblings[entry.key] = entry.value ?? ""
        if entry.startsItem { break }
      }
    }
  }

  /// Reads the cursor's line from its first key to the cursor: keys, flow mappings and
  /// sequences, quotes.
  private mutating func scanLine(_ scalars: [Unicode.Scalar]) {
    /// An open flow collection: a mapping (with its keys) or a sequence, and the key it is the value of.
    struct Frame {
      var isMapping: Bool
      var key: String?
      var siblings: [String: String] = [:]
    }
    var frames: [Frame] = []
    var key: String?
    var expectsKey = true
    var token = ""
    var quote: Unicode.Scalar?
    var blockSiblings = siblings
    func record(_ value: String, _ frames: inout [Frame]) {
      guard let key else { return }
      let trimmed = String(value.trimmingSpaces)
      if frames.isEmpty { blockSiblings[key] = trimmed } else if frames[frames.count - 1].isMapping {
        frames[frames.count - 1].siblings[key] = trimmed.trimmingQuotes
      }
    }
    for (offset, scalar) in scalars.enumerated() {
      if let open = quote {
        token.unicodeScalars.append(scalar)
        if scalar == open { quote = nil }
        continue
      }
      switch scalar {
      case "\"", "'":
        quote = scalar
        token.unicodeScalars.append(scalar)
      case "{", "[":
        frames.append(Frame(isMapping: scalar == "{", key: key))
        key = nil
        expectsKey = scalar == "{"
        token = ""
      case "}", "]":
        record(token, &frames)
        key = frames.popLast()?.key
        expectsKey = false
        token = ""
      case "," where !frames.isEmpty:
        if frames[frames.count - 1].isMapping {
          record(token, &frames)
          key = nil
          expectsKey = true
        }
        token = ""
      case ":" where expectsKey && (offset + 1 == scalars.count || scalars[offset + 1] == " "):
        key = String(token.trimmingSpaces)
        expectsKey = false
        token = ""
      default:
        token.unicodeScalars.append(scalar)
      }
    }
    siblings = frames.last(where: \.isMapping)?.siblings ?? blockSiblings
    path += frames.compactMap(\.key)
    if let key, !expectsKey {
      slot = .value(key: key)
    } else if let sequence = frames.last, !sequence.isMapping {
      path.removeLast()
      slot = .value(key: sequence.key ?? "")
    } else {
      slot = .key
    }
    valueText = token
  }

  private mutating func finishWord(_ head: [Unicode.Scalar]) {
    let word = head.reversed().prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    self.word = String(scalars: word.reversed())
    let opened = valueText.split(separator: "{{", omittingEmptySubsequences: false)
    isInPlaceholder = opened.count > 1 && !(opened.last ?? "").contains("}}")
  }
}

extension String {
  fileprivate init(scalars: some Sequence<Unicode.Scalar>) {
    self.init()
    unicodeScalars.append(contentsOf: scalars)
  }

  /// The text without one pair of surrounding quotes.
  fileprivate var trimmingQuotes: String {
    guard count >= 2, let quote = first, quote == "\"" || quote == "'", last == quote else { return self }
    return String(dropFirst().dropLast())
  }
}
