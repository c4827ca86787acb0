import DCMCDiagnostics
import DCMCSyntax
import _DCMCTestSupport

extension MarkedText {
  /// The text parsed as file `test.yaml`.
  func parse(limits: ReaderLimits = .standard) -> ParsedFile { DCMCSyntaxTests.parse(text, limits: limits) }
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
