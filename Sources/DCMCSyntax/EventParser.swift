internal import CLibYAML
import DCMCDiagnostics

/// libyaml's event parser over a UTF-8 buffer that the caller keeps alive.
///
/// A `final class` because it owns a C handle that `deinit` frees. The input must not start
/// with a byte-order mark (the reader strips it, so that marks count from the first
/// character after it) and must be valid UTF-8.
final class EventParser {
  private let parser: UnsafeMutablePointer<yaml_parser_t>

  /// - Parameter input: UTF-8 bytes, non-empty, alive for the lifetime of the parser.
  init(input: UnsafeBufferPointer<UInt8>) {
    precondition(input.baseAddress != nil, "libyaml needs a non-empty input buffer")
    parser = .allocate(capacity: 1)
    let initialized = yaml_parser_initialize(parser)
    precondition(initialized != 0, "libyaml could not allocate a parser")
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(parser, input.baseAddress, input.count)
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deallocate()
  }

  /// The next event, or the problem libyaml reports.
  func next() throws(ParserFailure) -> Event {
    var event = yaml_event_t()
    guard yaml_parser_parse(parser, &event) != 0 else { throw failure() }
    defer { yaml_event_delete(&event) }
    return Self.convert(event)
  }

  private func failure() -> ParserFailure {
    let state = parser.pointee
    let problem = state.problem.map { String(cString: $0) } ?? "libyaml could not allocate memory"
    let context = state.context.map { String(cString: $0) }
    if state.error == YAML_READER_ERROR {
      return ParserFailure(
        problem: problem, place: .byteOffset(state.problem_offset), value: Int(state.problem_value),
        context: nil, contextLocation: nil)
    }
    return ParserFailure(
      problem: problem, place: .location(Self.location(state.problem_mark)), value: nil,
      context: context, contextLocation: context == nil ? nil : Self.location(state.context_mark))
  }

  private static func convert(_ event: yaml_event_t) -> Event {
    let start = location(event.start_mark)
    let end = location(event.end_mark)
    switch event.type {
    case YAML_STREAM_START_EVENT:
      return Event(kind: .streamStart, start: start, end: end)
    case YAML_DOCUMENT_START_EVENT:
      return Event(kind: .documentStart, start: start, end: end)
    case YAML_DOCUMENT_END_EVENT:
      return Event(kind: .documentEnd(isImplicit: event.data.document_end.implicit != 0), start: start, end: end)
    case YAML_SEQUENCE_START_EVENT:
      let data = event.data.sequence_start
      return Event(
        kind: .sequenceStart(isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE),
        anchor: string(data.anchor), tag: string(data.tag), start: start, end: end)
    case YAML_SEQUENCE_END_EVENT:
      return Event(kind: .sequenceEnd, start: start, end: end)
    case YAML_MAPPING_START_EVENT:
      let data = event.data.mapping_start
      return Event(
        kind: .mappingStart(isFlow: data.style == YAML_FLOW_MAPPING_STYLE),
        anchor: string(data.anchor), tag: string(data.tag), start: start, end: end)
    case YAML_MAPPING_END_EVENT:
      return Event(kind: .mappingEnd, start: start, end: end)
    case YAML_SCALAR_EVENT:
      let data = event.data.scalar
      let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
      return Event(
        kind: .scalar(Scalar(value: value, style: style(data.style))),
        anchor: string(data.anchor), tag: string(data.tag), start: start, end: end)
    case YAML_ALIAS_EVENT:
      return Event(kind: .alias(anchor: string(event.data.alias.anchor) ?? ""), start: start, end: end)
    default:
      return Event(kind: .streamEnd, start: start, end: end)
    }
  }

  private static func style(_ style: yaml_scalar_style_t) -> Scalar.Style {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: .literal
    case YAML_FOLDED_SCALAR_STYLE: .folded
    default: .plain
    }
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  /// libyaml's 0-based mark (characters of the UTF-8 input) as a 1-based location.
  private static func location(_ mark: yaml_mark_t) -> SourceLocation {
    SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: Int(mark.index))
  }
}
