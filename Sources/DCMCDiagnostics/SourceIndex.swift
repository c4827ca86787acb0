/// The split source files a render quotes from, built once per render for the files that
/// diagnostics, notes and fix-its point into.
struct SourceIndex: Sendable {
  private var files: [String: SourceLines] = [:]

  init(sources: [String: SourceFile], diagnostics: [Diagnostic]) {
    var names = Set<String>()
    for diagnostic in diagnostics {
      names.insert(diagnostic.range.file)
      for note in diagnostic.notes { if let range = note.range { names.insert(range.file) } }
      for fixIt in diagnostic.fixIts { names.insert(fixIt.range.file) }
    }
    for name in names {
      if let source = sources[name], source.isRead { files[name] = SourceLines(source.text) }
    }
  }

  /// The lines of `file`, or `nil` when its text is unavailable.
  func lines(of file: String) -> SourceLines? { files[file] }

  /// The source text a range covers, or `nil` when unavailable.
  func text(of range: SourceRange) -> String? {
    files[range.file]?.text(from: range.start, to: range.end)
  }

  /// A fix-it in words: `replace 'asess' with 'assess'`, `insert 'x'`, `remove 'y'`. When the
  /// source is unavailable the replaced span is given as `line:column-line:column`.
  func describe(_ fixIt: FixIt) -> String {
    let replacement = "'\(Self.visible(fixIt.replacement))'"
    guard let original = text(of: fixIt.range) else {
      let range = fixIt.range
      let span = "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)"
      return "replace \(span) with \(replacement)"
    }
    if original.isEmpty { return "insert \(replacement)" }
    if fixIt.replacement.isEmpty { return "remove '\(Self.visible(original))'" }
    return "replace '\(Self.visible(original))' with \(replacement)"
  }

  /// Text for one line of output: line breaks and tabs shown as `\n`, `\r` and `\t`.
  static func visible(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
