/// The text of one input file, kept so that renderers can quote source lines.
public struct SourceFile: Sendable {
  /// The name diagnostics use for this file.
  public var name: String
  public var text: String

  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }
}
