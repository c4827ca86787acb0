extension Unicode.Scalar {
  /// A C0 or C1 control character or DEL (U+0000-001F, U+007F-009F): ids, names and messages
  /// refuse or escape them.
  public var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

  /// One of Unicode's bidirectional embeddings, overrides and isolates (U+202A-202E,
  /// U+2066-2069): they make the text around them display in another order than it is stored
  /// (`invoice\u{202E}fdp.exe` shows as `invoiceexe.pdf`). Customer names and new attachment
  /// names refuse them; messages show them escaped.
  public var isBidirectionalControl: Bool {
    (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }
}
