/// A position in a source file.
///
/// Lines and columns are 1-based; columns and `offset` count Unicode scalars, not bytes,
/// because that is what libyaml's marks count and what editors show.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
  /// 1-based line number.
  public var line: Int
  /// 1-based column, in Unicode scalars.
  public var column: Int
  /// 0-based offset from the start of the file, in Unicode scalars.
  public var offset: Int

  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// A half-open span `start..<end` in one file.
public struct SourceRange: Sendable, Hashable, Codable {
  /// The file as the user named it (a relative path stays relative), or `<stdin>`.
  public var file: String
  public var start: SourceLocation
  public var end: SourceLocation

  public init(file: String, start: SourceLocation, end: SourceLocation) {
    self.file = file
    self.start = start
    self.end = end
  }

  /// An empty range at the start of `file`, for problems that concern the whole file.
  public static func startOf(_ file: String) -> SourceRange {
    let origin = SourceLocation(line: 1, column: 1, offset: 0)
    return SourceRange(file: file, start: origin, end: origin)
  }
}
