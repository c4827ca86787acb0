import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML element, for checking the HTML page as XML: name, attributes, children, text.
final class XMLTree {
  let name: String
  let attributes: [String: String]
  var children: [XMLTree] = []
  var text = ""

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  struct Malformed: Error, CustomStringConvertible { var description: String }

  /// The document's root element, or `Malformed` with the parser's error.
  static func parse(_ text: String) throws -> XMLTree {
    let builder = Builder()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else {
      throw Malformed(description: "\(parser.parserError.map { "\($0)" } ?? "no root") at line \(parser.lineNumber)")
    }
    return root
  }

  /// This element and every element below it, in document order.
  var all: [XMLTree] { [self] + children.flatMap(\.all) }

  /// The text of this element and every element below it.
  var allText: String { text + children.map(\.allText).joined() }

  func elements(_ name: String) -> [XMLTree] { all.filter { $0.name == name } }

  private final class Builder: NSObject, XMLParserDelegate {
    var root: XMLTree?
    var stack: [XMLTree] = []

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String]
    ) {
      let element = XMLTree(name: name, attributes: attributes)
      if let parent = stack.last { parent.children.append(element) } else { root = element }
      stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
  }
}
