import Testing

extension BinaryRunner.Output {
  /// Records an issue unless this output is a clean `dcmc store verify` of `store` (exit 0). The
  /// issue names the store, the exit status and verify's findings (its output and errors), after
  /// `context` when one is given (such as "after 50 commands").
  public func expectVerified(
    _ store: String, _ context: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let prefix = context.map { "\($0): " } ?? ""
    #expect(
      status == 0,
      "\(prefix)store verify of \(store) exited \(status)\n\(stdout)\(stderr)",
      sourceLocation: sourceLocation)
  }
}

extension BinaryRunner {
  /// Runs `dcmc store verify --store STORE ARGUMENTS...` (ARGUMENTS such as `--at`) and records an
  /// issue unless it is clean (`Output.expectVerified`). Returns the output.
  @discardableResult
  public static func verify(
    store: String, _ arguments: [String] = [], _ context: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Output {
    let output = try run(["store", "verify", "--store", store] + arguments)
    output.expectVerified(store, context, sourceLocation: sourceLocation)
    return output
  }
}
