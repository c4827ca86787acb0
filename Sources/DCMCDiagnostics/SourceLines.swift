/// The text of one source file split into lines, so renderers can quote a line or the text
/// of a range.
///
/// Lines and columns are 1-based and columns count Unicode scalars, like `SourceLocation`.
/// Line breaks are the ones libyaml counts: LF, CR, CR LF, NEL (U+0085), LS (U+2028) and
/// PS (U+2029); a line's text never includes its break.
struct SourceLines: Sendable {
  private let scalars: [Unicode.Scalar]
  /// The scalar offset where each line starts; `lineStarts[0]` is 0.
  private let lineStarts: [Int]
  /// The scalar offset where each line's text ends (its break excluded).
  private let lineEnds: [Int]

  init(_ text: String) {
    let scalars = Array(text.unicodeScalars)
    var starts = [0]
    var ends: [Int] = []
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\r" || scalar == "\n" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}" {
        ends.append(index)
        let crlf = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
        index += crlf ? 2 : 1
        starts.append(index)
      } else {
        index += 1
      }
    }
    ends.append(scalars.count)
    self.scalars = scalars
    self.lineStarts = starts
    self.lineEnds = ends
  }

  /// The number of lines; a final line break starts an empty last line.
  var count: Int { lineStarts.count }

  /// The text of 1-based line `number` as scalars, or `nil` when the file has no such line.
  func line(_ number: Int) -> ArraySlice<Unicode.Scalar>? {
    guard number >= 1, number <= count else { return nil }
    return scalars[lineStarts[number - 1]..<lineEnds[number - 1]]
  }

  /// The 0-based scalar offset of a 1-based line and column, or `nil` when the location is
  /// not in the file. A column may point just past the end of its line (at the break).
  func offset(line: Int, column: Int) -> Int? {
    guard line >= 1, line <= count, column >= 1 else { return nil }
    let offset = lineStarts[line - 1] + column - 1
    return offset <= lineEnds[line - 1] ? offset : nil
  }

  /// The text between two locations, or `nil` when either is not in the file or they are
  /// out of order.
  func text(from start: SourceLocation, to end: SourceLocation) -> String? {
    guard let lower = offset(line: start.line, column: start.column),
      let upper = offset(line: end.line, column: end.column), lower <= upper
    else { return nil }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars[lower..<upper])
    return String(result)
  }
}
