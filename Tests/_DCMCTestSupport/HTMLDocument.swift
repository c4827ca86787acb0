/// A strict reader of the HTML the pages write, for tests that check a page's structure
/// rather than grep its text: elements with double-quoted attributes, the five character
/// references the pages' escaper writes, void elements, and nothing else. Whatever it does not
/// expect is an error: an unclosed or misnested element, a `<` or a bare `&` in text or in an
/// attribute, an unquoted attribute, a raw-text element (`script`, `style`) anywhere, except
/// an empty `script` whose `src` is a path of the server, a self-closing tag (`<rect/>`)
/// outside the inline SVG where XML syntax is the rule.
public struct HTMLDocument: Sendable {
  public struct Element: Sendable {
    public var name: String
    public var attributes: [String: String]
    public var children: [Node]

    /// Attribute `name`'s value (a boolean attribute's is empty); `nil` when absent.
    public subscript(_ name: String) -> String? { attributes[name] }

    /// The text of the element and its descendants.
    public var text: String {
      children.map { node in
        switch node {
        case .text(let text): text
        case .element(let element): element.text
        }
      }.joined()
    }

    /// This element and every element below it, in document order.
    public var all: [Element] {
      [self] + children.flatMap { node -> [Element] in
        if case .element(let element) = node { return element.all }
        return []
      }
    }
  }

  public enum Node: Sendable {
    case text(String)
    case element(Element)
  }

  public struct Malformed: Error, CustomStringConvertible {
    public var description: String
  }

  /// The root element (`html`).
  public let root: Element

  static let voids: Set<String> = ["meta", "link", "input", "br", "img", "hr"]
  static let references = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "#39": "'"]

  /// Reads `text`: `<!DOCTYPE html>`, then one element.
  public init(_ text: String) throws(Malformed) {
    var scalars = Array(text.unicodeScalars)[...]
    let doctype = Array("<!DOCTYPE html>".unicodeScalars)
    guard scalars.starts(with: doctype) else { throw Malformed(description: "no doctype") }
    scalars = scalars.dropFirst(doctype.count).drop { $0 == "\n" }
    var stack = [Element(name: "#document", attributes: [:], children: [])]
    while let first = scalars.first {
      if first == "<" {
        scalars = scalars.dropFirst()
        if scalars.first == "/" {
          let name = String(String.UnicodeScalarView(scalars.dropFirst().prefix { $0 != ">" }))
          scalars = scalars.dropFirst(name.unicodeScalars.count + 2)
          guard stack.count > 1, stack.last?.name == name else {
            throw Malformed(description: "'</\(name)>' closes '\(stack.last?.name ?? "")'")
          }
          let element = stack.removeLast()
          stack[stack.count - 1].children.append(.element(element))
        } else {
          let (element, closed) = try Self.openTag(&scalars)
          // A script is read only as a reference to a file the server serves: `src`, no content.
          let external = element.name == "script" && element["src"]?.hasPrefix("/") == true && scalars.first == "<"
            && scalars.dropFirst().starts(with: "/script>".unicodeScalars)
          guard external || !["script", "style", "iframe", "object"].contains(element.name) else {
            throw Malformed(description: "a '\(element.name)' element")
          }
          if closed {
            guard element.name == "svg" || stack.contains(where: { $0.name == "svg" }) else {
              throw Malformed(description: "'<\(element.name)/>' closes itself outside an svg")
            }
            stack[stack.count - 1].children.append(.element(element))
          } else if Self.voids.contains(element.name) {
            stack[stack.count - 1].children.append(.element(element))
          } else {
            stack.append(element)
          }
        }
      } else {
        let raw = scalars.prefix { $0 != "<" }
        scalars = scalars.dropFirst(raw.count)
        stack[stack.count - 1].children.append(.text(try Self.unescaped(raw)))
      }
    }
    guard stack.count == 1 else { throw Malformed(description: "'\(stack.last?.name ?? "")' is not closed") }
    let elements = stack[0].children.compactMap { node -> Element? in
      if case .element(let element) = node { return element }
      return nil
    }
    guard elements.count == 1, let root = elements.first else { throw Malformed(description: "not one root element") }
    self.root = root
  }

  /// Every element named `name`, in document order.
  public func elements(_ name: String) -> [Element] { root.all.filter { $0.name == name } }

  /// The element whose `id` is `id`.
  public func element(id: String) -> Element? { root.all.first { $0["id"] == id } }

  /// An element's start tag, and whether it closes itself (`/>`).
  private static func openTag(_ scalars: inout ArraySlice<Unicode.Scalar>) throws(Malformed) -> (Element, Bool) {
    // Capitals for SVG's names (`viewBox`).
    func isName(_ scalar: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
    let name = String(String.UnicodeScalarView(scalars.prefix(while: isName)))
    guard !name.isEmpty else { throw Malformed(description: "a '<' that starts no tag") }
    scalars = scalars.dropFirst(name.unicodeScalars.count)
    var attributes: [String: String] = [:]
    while true {
      guard let next = scalars.first else { throw Malformed(description: "'<\(name)' does not end") }
      if next == ">" || (next == "/" && scalars.dropFirst().first == ">") {
        scalars = scalars.dropFirst(next == ">" ? 1 : 2)
        return (Element(name: name, attributes: attributes, children: []), next == "/")
      }
      guard next == " " else { throw Malformed(description: "'\(next)' in tag '\(name)'") }
      scalars = scalars.dropFirst()
      let attribute = String(String.UnicodeScalarView(scalars.prefix(while: isName)))
      guard !attribute.isEmpty else { throw Malformed(description: "an empty attribute name in '\(name)'") }
      guard attributes[attribute] == nil else { throw Malformed(description: "attribute '\(attribute)' twice") }
      scalars = scalars.dropFirst(attribute.unicodeScalars.count)
      guard scalars.first == "=" else {
        attributes[attribute] = ""
        continue
      }
      guard scalars.dropFirst().first == "\"" else { throw Malformed(description: "'\(attribute)' is not quoted") }
      scalars = scalars.dropFirst(2)
      let raw = scalars.prefix { $0 != "\"" }
      guard raw.count < scalars.count else { throw Malformed(description: "'\(attribute)' does not end") }
      scalars = scalars.dropFirst(raw.count + 1)
      attributes[attribute] = try unescaped(raw)
    }
  }

  private static func unescaped(_ raw: ArraySlice<Unicode.Scalar>) throws(Malformed) -> String {
    var out = String.UnicodeScalarView()
    var rest = raw
    while let first = rest.first {
      rest = rest.dropFirst()
      switch first {
      case "&":
        let name = String(String.UnicodeScalarView(rest.prefix { $0 != ";" }))
        guard name.count < 6, rest.count > name.unicodeScalars.count, let value = references[name] else {
          throw Malformed(description: "a bare '&' or an unknown reference")
        }
        out.append(contentsOf: value.unicodeScalars)
        rest = rest.dropFirst(name.unicodeScalars.count + 1)
      case "<", ">", "\"": throw Malformed(description: "a raw '\(first)' in text")
      default: out.append(first)
      }
    }
    return String(out)
  }
}
