import DCMCApplication
import DCMCFiles
import DCMCJSON
import DCMCSyntax

/// The form data of `case create --fields FILE`: a mapping of field to value, in JSON or
/// YAML, from a file or standard input (`-`).
///
/// Data whose first character other than white space is `{` is read by DCMCJSON's parser,
/// the one JSON parser of dcmc (RFC 8259: a surrogate pair escape such as `\ud83d\ude00` is
/// one character, a lone surrogate is refused at its place); when it is not JSON but is a
/// YAML flow mapping, the YAML reading stands; when it is neither, the JSON parser's error is
/// shown unless it refused the first key, which a YAML flow mapping does not quote. Anything
/// else is read as YAML. libyaml alone
/// refused every surrogate escape, so a JSON form with an emoji in a name could not be read.
enum FormData {
  /// The field values, taken as written (the form check types them by the case type's
  /// fields): JSON strings as they are, numbers in their canonical form, booleans as `true`
  /// or `false`, and null or an empty YAML value as the empty string.
  static func read(_ path: String) throws(UsageError) -> [String: String] {
    let name = path == "-" ? "<stdin>" : path
    let bytes = try load(path, name: name)
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    guard body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") else {
      return try yaml(YAMLReader.parse(name: name, bytes: bytes), name: name)
    }
    let parsed: JSONValue
    do throws(JSONValue.ParseError) {
      parsed = try JSONValue.parse(body, limits: JSONValue.Limits(maxBytes: maximumBytes))
    } catch {
      // Neither: data refused as JSON at its first key (a YAML flow mapping's is not quoted)
      // gets the YAML reading's error, any other the JSON parser's.
      let file = YAMLReader.parse(name: name, bytes: bytes)
      let firstKey = body.indices.first { body[$0] == UInt8(ascii: "{") }.flatMap { open in
        body[(open + 1)...].firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
      }
      if !file.diagnostics.isEmpty, error.offset > (firstKey ?? 0) {
        let (line, column) = position(ofByte: error.offset, in: body)
        throw UsageError(
          "the form data '\(name)' is not valid JSON: \(error.message) at line \(line), column \(column)")
      }
      return try yaml(file, name: name)
    }
    return try json(parsed, name: name)
  }

  /// The most bytes read: the YAML reader's limit.
  static let maximumBytes = ReaderLimits.standard.maxFileBytes

  private static func load(_ path: String, name: String) throws(UsageError) -> [UInt8] {
    let outcome: BoundedReader.Outcome
    do {
      outcome =
        try path == "-"
        ? BoundedReader.readStandardInput(limit: maximumBytes)
        : BoundedReader.read(path: path, limit: maximumBytes)
    } catch {
      throw UsageError("cannot read the form data: cannot read '\(name)': \(error.reason)")
    }
    switch outcome {
    case .bytes(let bytes): return bytes
    case .tooLarge:
      throw UsageError("cannot read the form data: '\(name)' is larger than the limit of \(maximumBytes >> 20) MiB")
    }
  }

  private static func json(_ value: JSONValue, name: String) throws(UsageError) -> [String: String] {
    switch FormValues.strings(value) {
    case .success(let data): return data
    case .failure(let problem):
      guard let key = problem.field else { throw UsageError("the form data '\(name)' \(problem.detail)") }
      throw UsageError("form field '\(key)' in '\(name)' \(problem.detail)")
    }
  }

  private static func yaml(_ file: ParsedFile, name: String) throws(UsageError) -> [String: String] {
    if let problem = file.diagnostics.first {
      let start = problem.range.start
      throw UsageError(
        "the form data '\(name)' is not valid YAML or JSON: \(problem.message) at line \(start.line), "
          + "column \(start.column)")
    }
    guard file.documents.count == 1, case .mapping(let entries)? = file.documents[0].root?.content else {
      throw UsageError("the form data '\(name)' is not one mapping of field to value")
    }
    var data: [String: String] = [:]
    for entry in entries {
      guard case .scalar(let scalar) = entry.value.content else {
        throw UsageError("form field '\(entry.key)' in '\(name)' is not a single value")
      }
      data[entry.key] = scalar.isNull ? "" : scalar.value
    }
    return data
  }

  /// The 1-based line and column (in Unicode scalars) of byte `offset` of `bytes`.
  static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for byte in bytes.prefix(offset) {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }
}
