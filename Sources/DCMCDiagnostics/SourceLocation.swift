/// A position in a source file.
///
/// Lines and columns are 1-based; columns and `offset` count Unicode scalars, not bytes,
/// because that is what libyaml's marks count and what editors show.
///
/// Stored as three 32-bit numbers (12 bytes instead of 24): every node, key and located
/// value of the tree carries two locations, and copying them is a large part of reading a
/// file. Files are at most a few MiB (`ReaderLimits`), far below 2^31 scalars; a larger
/// value is a broken invariant and traps.
public struct SourceLocation: Sendable, Hashable, Comparable {
  private var storedLine: Int32
  private var storedColumn: Int32
  private var storedOffset: Int32

  /// 1-based line number.
  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = Int32(newValue) }
  }
  /// 1-based column, in Unicode scalars.
  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = Int32(newValue) }
  }
  /// 0-based offset from the start of the file, in Unicode scalars.
  public var offset: Int {
    get { Int(storedOffset) }
    set { storedOffset = Int32(newValue) }
  }

  public init(line: Int, column: Int, offset: Int) {
    storedLine = Int32(line)
    storedColumn = Int32(column)
    storedOffset = Int32(offset)
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
  }
}

/// A half-open span `start..<end` in one file.
public struct SourceRange: Sendable, Hashable {
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
