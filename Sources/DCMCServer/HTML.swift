import DCMCReports

/// A piece of a page: text or an element, rendered with every text and attribute value
/// escaped, so a value from a form, a case or a file name can only ever show as text. Element
/// and attribute names come from this module's code, never from a request.
indirect enum HTML: Sendable {
  case text(String)
  case element(String, [(String, String)], [HTML])
  /// An element without content or end tag (`input`, `meta`, `link`).
  case void(String, [(String, String)])
  case group([HTML])
  /// A computed report embedded in a page as DCMCReports' `HTMLRenderer` draws it (the
  /// renderer escapes every value it writes). It carries the report, not markup, so no text
  /// can reach a page unescaped through it.
  case report(ReportCatalog.Computed)

  /// `<name attributes...>children</name>`.
  static func tag(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTML] = []) -> HTML {
    .element(name, attributes, children)
  }

  /// `<name attributes...>text</name>`.
  static func tag(_ name: String, _ attributes: [(String, String)] = [], text: String) -> HTML {
    .element(name, attributes, [.text(text)])
  }

  /// The HTML text; with `<!DOCTYPE html>` first when `document`.
  func rendered(document: Bool = false) -> String {
    var out = document ? "<!DOCTYPE html>\n" : ""
    write(to: &out)
    return out
  }

  private func write(to out: inout String) {
    switch self {
    case .text(let text): out += Self.escaped(text)
    case .element(let name, let attributes, let children):
      Self.open(name, attributes, to: &out)
      for child in children { child.write(to: &out) }
      out += "</\(name)>"
    case .void(let name, let attributes): Self.open(name, attributes, to: &out)
    case .group(let children): for child in children { child.write(to: &out) }
    case .report(let computed): out += HTMLRenderer.embedded(computed)
    }
  }

  private static func open(_ name: String, _ attributes: [(String, String)], to out: inout String) {
    out += "<" + name
    for (attribute, value) in attributes {
      out += " " + attribute
      // A boolean attribute (`required`) is written without a value.
      if !value.isEmpty || attribute == "value" { out += "=\"" + escaped(value) + "\"" }
    }
    out += ">"
  }

  /// `text` with the five markup characters as character references (the dashboard's escaper):
  /// safe in text and in a double-quoted attribute value.
  static func escaped(_ text: String) -> String { HTMLText.escaped(text) }
}
