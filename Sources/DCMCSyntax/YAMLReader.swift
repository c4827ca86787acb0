import DCMCDiagnostics
internal import DCMCFiles

/// Reads YAML files into located documents (see `Node`), with diagnostics for every problem
/// it finds while reading.
///
/// Built on libyaml's event parser. The bounds of `ReaderLimits` are enforced before
/// parsing (file size) or as the events arrive (depth, scalar size, alias expansion), so a
/// hostile file costs little time and memory. Files are UTF-8, optionally with a
/// byte-order mark, which is not part of the text: line 1, column 1 is the character after it.
public enum YAMLReader {
  /// Parses bytes already in memory.
  ///
  /// - Parameters:
  ///   - name: the name diagnostics and ranges use for the file.
  ///   - bytes: the file's content, UTF-8.
  public static func parse(name: String, bytes: [UInt8], limits: ReaderLimits = .standard) -> ParsedFile {
    guard bytes.count <= limits.maxFileBytes else { return tooLarge(name: name, limits: limits) }
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    guard let text = String(validating: body, as: UTF8.self) else { return invalidUTF8(name: name, body: body) }
    var builder = TreeBuilder(file: name, limits: limits, source: SourceBytes(bytes: body))
    var finished = body.isEmpty
    if !body.isEmpty {
      finished = body.withUnsafeBufferPointer { buffer in
        readEvents(from: EventParser(input: buffer), into: &builder)
      }
    }
    // No document, or only empty ones (`---` markers around comments: a file commented out
    // under its marker is as empty as one without it). A document dropped for an error is
    // not empty: it was reported.
    let onlyEmpty = builder.documents.count == builder.documentCount && builder.documents.allSatisfy { $0.root == nil }
    if finished, onlyEmpty {
      builder.diagnostics.append(Diagnostic(.emptyFile, "file holds no YAML document", at: .startOf(name)))
    }
    return ParsedFile(
      source: SourceFile(name: name, text: text), documents: builder.documents, diagnostics: builder.diagnostics)
  }

  /// Reads a regular file (or "-" = standard input, named "<stdin>") without ever holding
  /// more than limits.maxFileBytes + 1 bytes: a larger file gives a DC1005 diagnostic, not
  /// an error. A path that names anything but a regular file is refused, unread.
  public static func load(path: String, limits: ReaderLimits = .standard) throws(ReadError) -> ParsedFile {
    let name = path == "-" ? "<stdin>" : path
    let outcome: BoundedReader.Outcome
    do {
      outcome =
        try path == "-"
        ? BoundedReader.readStandardInput(limit: limits.maxFileBytes)
        : BoundedReader.read(path: path, limit: limits.maxFileBytes)
    } catch {
      throw .unreadable(path: name, reason: error.reason)
    }
    switch outcome {
    case .bytes(let bytes): return parse(name: name, bytes: bytes, limits: limits)
    case .tooLarge: return tooLarge(name: name, limits: limits)
    }
  }

  /// Feeds the parser's events to the builder until the stream ends (`true`) or a limit or
  /// a syntax error stops it (`false`).
  private static func readEvents(from parser: EventParser, into builder: inout TreeBuilder) -> Bool {
    do throws(ParserFailure) {
      while true {
        let event = try parser.next()
        guard builder.consume(event) == .proceed else {
          if case .streamEnd = event.kind { return true }
          return false
        }
      }
    } catch {
      builder.diagnostics.append(error.diagnostic(file: builder.file, source: builder.source))
      return false
    }
  }

  /// What reading a file larger than `limits.maxFileBytes` gives, for a caller that learnt
  /// its size without reading it (the language server's reads of the disk).
  public static func tooLarge(name: String, limits: ReaderLimits) -> ParsedFile {
    let limit = ReaderLimits.describe(bytes: limits.maxFileBytes)
    let diagnostic = Diagnostic(.fileTooLarge, "file is larger than the limit of \(limit)", at: .startOf(name))
    return ParsedFile(source: SourceFile(name: name, text: "", isRead: false), documents: [], diagnostics: [diagnostic])
  }

  private static func invalidUTF8(name: String, body: [UInt8]) -> ParsedFile {
    let source = SourceBytes(bytes: body)
    let bad = SourceBytes.firstInvalidUTF8(in: body) ?? 0..<0
    let location = source.location(ofByte: bad.lowerBound)
    let end = SourceLocation(line: location.line, column: location.column + 1, offset: location.offset + 1)
    let shown = body[bad].map { byte in
      let hex = String(byte, radix: 16, uppercase: true)
      return "0x" + (hex.count == 1 ? "0" : "") + hex
    }
    let diagnostic = Diagnostic(
      .invalidUTF8,
      shown.count == 1 ? "invalid UTF-8 byte \(shown[0])" : "invalid UTF-8 sequence \(shown.joined(separator: " "))",
      at: SourceRange(file: name, start: location, end: end), help: "save the file as UTF-8")
    return ParsedFile(
      source: SourceFile(name: name, text: String(decoding: body, as: UTF8.self)), documents: [],
      diagnostics: [diagnostic])
  }
}
