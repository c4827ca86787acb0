import DCMCDiagnostics

/// One libyaml parser event, copied out of libyaml's buffers into Swift values.
///
/// Locations are already converted to dcmc's convention: 1-based lines and columns, columns
/// and offsets in Unicode scalars (libyaml's marks count characters of its UTF-8 input).
struct Event {
  enum Kind {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd(isImplicit: Bool)
    case sequenceStart(isFlow: Bool)
    case sequenceEnd
    case mappingStart(isFlow: Bool)
    case mappingEnd
    case scalar(Scalar)
    case alias(anchor: String)
  }

  var kind: Kind
  /// The anchor (`&name`) declared on the node, without the `&`.
  var anchor: String?
  /// The resolved tag (`tag:yaml.org,2002:str`, `!custom`), when one is written.
  var tag: String?
  var start: SourceLocation
  var end: SourceLocation
}
