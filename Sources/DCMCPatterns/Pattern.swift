/// A field `pattern` compiled to a Thompson NFA and matched by simulating it (a Pike VM, as
/// RE2 does): time O(n·m) for n scalars of text and m instructions, whatever the pattern,
/// so no pattern can make a command hang. A pattern matches anywhere in the text unless it
/// is anchored with `^` and `$`, as in JSON Schema; it works on Unicode scalars.
public struct Pattern: Sendable {
  /// The largest repetition count, in `{m}`, `{m,}` and `{m,n}`.
  public static let maximumCount = 1000
  /// The most instructions a compiled pattern may have (repetitions are expanded), which
  /// bounds m in the matching time O(n·m).
  public static let maximumSize = 20_000

  let program: [PatternInstruction]

  /// Compiles `text`, or says why it cannot be a field pattern.
  public init(_ text: String) throws(PatternError) {
    var parser = PatternParser(text)
    var compiler = PatternCompiler()
    try compiler.emit(try parser.parse())
    compiler.append(.match)
    program = compiler.program
  }

  /// Whether the pattern matches somewhere in `text`.
  public func matches(_ text: String) -> Bool { run(text).matched }

  /// How many thread steps matching `text` takes: at most (n + 1)·(4m + 1), since each
  /// position adds each state at most once, for tests that check linearity without a clock.
  package func steps(toMatch text: String) -> Int { run(text).steps }

  /// The number of instructions, m.
  package var size: Int { program.count }
}
