extension Unicode.Scalar {
  /// One of Unicode's bidirectional embeddings, overrides and isolates (U+202A-202E,
  /// U+2066-2069): they make the text around them display in another order than it is stored
  /// (`invoice\u{202E}fdp.exe` shows as `invoiceexe.pdf`). Customer names and new attachment
  /// names refuse them; messages show them escaped.
  public var isBidirectionalControl: Bool {
    (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }
}
