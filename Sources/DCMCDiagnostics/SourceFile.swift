/// The text of one input file, kept so that renderers can quote source lines.
public struct SourceFile: Sendable {
  /// The name diagnostics use for this file.
  public var name: String
  public var text: String
  /// Whether `text` is the file's: `false` for a file left unread (larger than the limit,
  /// DC1005), whose lines renderers do not quote (its "line 1" is no line of the file).
  public var isRead: Bool

  public init(name: String, text: String, isRead: Bool = true) {
    self.name = name
    self.text = text
    self.isRead = isRead
  }
}
