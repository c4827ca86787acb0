import Testing

@testable import DCMCCLI

/// The accessors of required options and positionals answer what the parser checked is there,
/// and an action that reads one it never required (and was not given) gets a usage error, which
/// the shell prints with exit 2, instead of stopping the process.
@Suite struct ParsedArgumentsTests {
  static let output = OptionSpec.value("--output", "FILE", "where to write", required: true)
  static let format = OptionSpec.value("--format", "NAME", "how to write")
  static let id = PositionalSpec.required("ID", "the case")
  static let path = PositionalSpec.optional("PATH", "a file")

  static let action = ActionSpec(
    "try", "read its arguments", positionals: [id, path], options: [output, format]
  ) { _, _ in 0 }

  @Test func requiredValuesAreRead() throws {
    let parsed = try ParsedArguments(["TEC-000001", "--output", "out.json"], for: Self.action)
    #expect(try parsed[Self.output] == "out.json")
    #expect(try parsed[Self.id] == "TEC-000001")
  }

  @Test func readingWhatWasNeitherRequiredNorGivenIsAUsageError() throws {
    let parsed = try ParsedArguments(["TEC-000001", "--output", "out.json"], for: Self.action)
    let option = #expect(throws: UsageError.self) { try parsed[Self.format] }
    #expect(option?.message == "option '--format' is required")
    let positional = #expect(throws: UsageError.self) { try parsed[Self.path] }
    #expect(positional?.message == "'PATH' is required")
  }
}
