/// Why a field `pattern` cannot be compiled. Each `description` is one lowercase clause.
public enum PatternError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Not a regular expression of the supported ECMAScript subset; the detail says where it breaks.
  case invalid(String)
  /// A construct that only a backtracking matcher can run: a backreference or a lookaround.
  case needsBacktracking(String)
  /// A repetition count over `Pattern.maximumCount`, or a compiled pattern over
  /// `Pattern.maximumSize` instructions.
  case tooLarge(String)

  public var description: String {
    switch self {
    case .invalid(let detail): detail
    case .needsBacktracking(let construct): "\(construct) cannot be matched in linear time"
    case .tooLarge(let detail): detail
    }
  }
}
