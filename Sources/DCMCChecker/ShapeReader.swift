import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

/// Reads typed values out of located nodes, reporting shape problems (unknown keys, wrong
/// types, malformed scalars) as diagnostics. Every reader returns `nil` after reporting, so
/// callers drop the broken part and later passes never see it.
struct ShapeReader {
  var diagnostics: [Diagnostic] = []
  /// Ids of definitions that failed their shape check: references to them are not
  /// reported again (one root cause, one diagnostic).
  var brokenIDs: Set<String> = []
  /// The text of the file being read, so placeholders can be located inside scalars.
  var source: SourceText?

  init(source: SourceFile?) {
    self.source = source.map { SourceText($0.text) }
  }

  mutating func report(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  // MARK: Mappings and lists

  /// The node as a mapping whose keys must be among `allowed`; unknown keys are reported
  /// with a suggestion when one is close.
  mutating func mapping(_ node: Node, allowed: [String], subject: String, checkKeys: Bool = true) -> MappingView? {
    guard let entries = node.entries else {
      wrongType(node, expected: "a mapping", for: subject)
      return nil
    }
    for entry in entries where checkKeys && !MappingView.contains(allowed, entry.key) {
      let diagnostic = Diagnostic(
        .unknownKey, "unknown key '\(entry.key.prefix(40))' in \(subject)", at: entry.keyRange)
      if let close = Suggestion.closest(to: entry.key, in: allowed) {
        report(diagnostic.suggesting("key", close, declaredAt: nil, replacing: entry.keyRange))
      } else {
        var listed = diagnostic
        listed.notes.append(Note("allowed keys: \(allowed.joined(separator: ", "))"))
        report(listed)
      }
    }
    return MappingView(node: node, entries: entries, subject: subject)
  }

  mutating func list(_ node: Node, for what: @autoclosure () -> String) -> [Node]? {
    guard let items = node.items else {
      wrongType(node, expected: "a list", for: what())
      return nil
    }
    return items
  }

  /// The value of a required key, or a DC2005 diagnostic.
  mutating func required(_ view: MappingView, _ key: String) -> Node? {
    if let value = view.value(key) { return value }
    report(Diagnostic(.missingKey, "\(view.subject) is missing required key '\(key)'", at: view.headRange))
    return nil
  }

  // MARK: Scalars

  /// Any non-null scalar's text.
  mutating func string(_ node: Node, for what: @autoclosure () -> String) -> Located<String>? {
    guard let scalar = node.scalar, !node.isNull else {
      wrongType(node, expected: "a string", for: what())
      return nil
    }
    return Located(scalar.value, at: node.range)
  }

  mutating func string(_ view: MappingView, _ key: String, required: Bool = false) -> Located<String>? {
    guard let node = required ? self.required(view, key) : view.value(key) else { return nil }
    return string(node, for: "'\(key)'")
  }

  /// A definition id: letters, digits and `_`, starting with a letter, at most 64.
  mutating func id(_ node: Node, for what: @autoclosure () -> String) -> Located<String>? {
    guard let text = string(node, for: what()) else { return nil }
    guard Self.isValidID(text.value) else {
      report(
        Diagnostic(
          .invalidId, "invalid id '\(text.value.prefix(80))'", at: text.range,
          help: "an id has letters, digits and '_', starts with a letter and is at most 64 characters long"))
      return nil
    }
    return text
  }

  mutating func id(_ view: MappingView, _ key: String, required: Bool = false) -> Located<String>? {
    guard let node = required ? self.required(view, key) : view.value(key) else { return nil }
    return id(node, for: "'\(key)'")
  }

  /// A reference to a definition (or a task, stage, user...) by its id: any string. Its form
  /// is not checked here: the linker reports a name that resolves to nothing (with a
  /// suggestion), and stays silent about the id of a definition that failed its own checks,
  /// which may well be malformed itself.
  mutating func reference(_ node: Node, for what: @autoclosure () -> String) -> Located<String>? {
    string(node, for: what())
  }

  mutating func reference(_ view: MappingView, _ key: String, required: Bool = false) -> Located<String>? {
    guard let node = required ? self.required(view, key) : view.value(key) else { return nil }
    return reference(node, for: "'\(key)'")
  }

  static func isValidID(_ text: String) -> Bool {
    let scalars = text.unicodeScalars
    guard let first = scalars.first, scalars.count <= 64, first.isASCIILetter else { return false }
    return scalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
  }

  /// `true` or `false`, written plain; nothing else (no `yes`, `on`, `"true"`).
  mutating func bool(_ view: MappingView, _ key: String) -> Bool? {
    guard let node = view.value(key) else { return nil }
    if let scalar = node.plainScalar, scalar.value == "true" || scalar.value == "false" {
      return scalar.value == "true"
    }
    var fixIts: [FixIt] = []
    if let scalar = node.scalar, ["true", "false"].contains(scalar.value.lowercased()) {
      fixIts.append(FixIt(replacing: node.range, with: scalar.value.lowercased()))
    }
    report(
      Diagnostic(
        .wrongType, "expected 'true' or 'false' for '\(key)', found \(describe(node))", at: node.range,
        help: "a boolean is written 'true' or 'false'", fixIts: fixIts))
    return nil
  }

  /// A plain integer within `bounds`.
  mutating func integer(_ node: Node, in bounds: ClosedRange<Int>, for what: @autoclosure () -> String) -> Located<Int>?
  {
    guard let scalar = node.plainScalar, let value = Int(scalar.value) else {
      wrongType(node, expected: "an integer", for: what())
      return nil
    }
    guard bounds.contains(value) else {
      report(
        Diagnostic(
          .wrongType, "\(what()) must be between \(bounds.lowerBound) and \(bounds.upperBound), found \(value)",
          at: node.range))
      return nil
    }
    return Located(value, at: node.range)
  }

  /// A positive duration; `allowsSeconds`: `30s` in the short form too (clock times).
  mutating func duration(_ node: Node, for what: @autoclosure () -> String, allowsSeconds: Bool = false)
    -> Located<Duration>?
  {
    guard let text = string(node, for: what()) else { return nil }
    switch Duration.parse(text.value, allowsSeconds: allowsSeconds) {
    case .success(let duration):
      return Located(duration, at: text.range)
    case .failure(.malformed):
      let examples =
        allowsSeconds ? "'30s', '1m30s', '2m' or ISO 8601 'PT30S'" : "'90m', '16h', '3d', '2d 4h' or ISO 8601 'PT12H', 'P3D'"
      report(
        Diagnostic(
          .invalidDuration, "invalid duration '\(text.value.prefix(40))' for \(what())", at: text.range,
          help: "write a duration like \(examples)"))
    case .failure(.notPositive):
      report(
        Diagnostic(
          .nonPositiveDuration, "duration for \(what()) must be positive, found '\(text.value.prefix(40))'",
          at: text.range))
    }
    return nil
  }

  mutating func priority(_ node: Node, for what: @autoclosure () -> String) -> Priority? {
    guard let text = string(node, for: what()) else { return nil }
    if let priority = Priority(text.value) { return priority }
    report(
      Diagnostic(
        .invalidPriority, "invalid priority '\(text.value.prefix(40))'", at: text.range,
        help: "a priority is an integer from 0 to 100, or low, medium, high or critical"))
    return nil
  }

  mutating func percent(_ node: Node, for what: @autoclosure () -> String) -> Located<Percent>? {
    guard let text = string(node, for: what()) else { return nil }
    if let percent = Percent(text.value) { return Located(percent, at: text.range) }
    report(
      Diagnostic(
        .invalidPercent, "invalid percentage '\(text.value.prefix(40))' for \(what())", at: text.range,
        help: "write a percentage from 1% to 100%, like '75%'"))
    return nil
  }

  /// One of the raw values of `T`, or DC2014 listing them.
  mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _: T.Type, for what: @autoclosure () -> String)
    -> Located<T>?
  where T.RawValue == String {
    guard let text = string(node, for: what()) else { return nil }
    if let value = T(rawValue: text.value) { return Located(value, at: text.range) }
    let allowed = T.allCases.map(\.rawValue)
    let diagnostic = Diagnostic(
      .invalidValue, "unknown \(what()) '\(text.value.prefix(40))'", at: text.range,
      help: "expected one of: \(allowed.joined(separator: ", "))")
    if let close = Suggestion.closest(to: text.value, in: allowed) {
      report(diagnostic.suggesting("value", close, declaredAt: nil, replacing: text.range))
    } else {
      report(diagnostic)
    }
    return nil
  }

  // MARK: Helpers

  /// `items` without the ones whose key an earlier item already has; each repeat is
  /// reported at its own place, with a note at the first.
  mutating func withoutRepeats<T, Key: Hashable>(
    _ items: [T], key: (T) -> Located<Key>, code: DiagnosticCode, note: String = "first listed here",
    message: (T) -> String
  ) -> [T] {
    // The list is returned as it is when nothing repeats, which is almost always.
    var first: [Key: SourceRange] = Dictionary(minimumCapacity: items.count)
    var kept: [T]?
    for (position, item) in items.enumerated() {
      let located = key(item)
      if let earlier = first[located.value] {
        report(Diagnostic(code, message(item), at: located.range, notes: [Note(note, at: earlier)]))
        if kept == nil { kept = Array(items[..<position]) }
        continue
      }
      first[located.value] = located.range
      kept?.append(item)
    }
    return kept ?? items
  }

  /// Decodes each item with `decode`; an item that fails leaves its `id` in `brokenIDs`.
  mutating func each<T>(_ items: [Node], _ decode: (inout ShapeReader, Node) -> T?) -> [T] {
    items.compactMap { item in
      if let value = decode(&self, item) { return value }
      if let id = item["id"]?.scalar?.value { brokenIDs.insert(id) }
      return nil
    }
  }

  mutating func wrongType(_ node: Node, expected: String, for what: @autoclosure () -> String) {
    report(Diagnostic(.wrongType, "expected \(expected) for \(what()), found \(describe(node))", at: node.range))
  }

  func describe(_ node: Node) -> String {
    switch node.content {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .scalar(let scalar):
      node.isNull ? "null" : "'\(node.tag.map { $0 + " " } ?? "")\(scalar.value.prefix(40))'"
    }
  }
}

extension Node {
  /// The scalar when it is written plain and without a tag: the only way to write a
  /// boolean, a number or null. `!!str true` is the text "true", like `"true"`.
  var plainScalar: Scalar? {
    guard tag == nil, let scalar, scalar.style == .plain else { return nil }
    return scalar
  }

  /// A plain, untagged null (`~`, `null`, nothing); `!!str` makes even an empty value a text.
  var isNull: Bool { plainScalar?.isNull ?? false }
}

extension Unicode.Scalar {
  var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
