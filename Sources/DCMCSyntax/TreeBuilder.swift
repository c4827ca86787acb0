import DCMCDiagnostics

/// Builds located documents from libyaml events, applying the reader's rules as the events
/// arrive: the depth, scalar and expansion limits, tags, anchors and aliases, merge keys and
/// duplicate keys.
///
/// A document in which an error other than a duplicate key was found is not kept, so later
/// phases never report consequences of a tree the reader could not build faithfully.
struct TreeBuilder {
  enum Step {
    case proceed
    case stop
  }

  /// What a tag is written on, for the tags that only name the kind of node.
  enum TaggedKind {
    case scalar, mapping, sequence

    var noun: String {
      switch self {
      case .scalar: "a scalar"
      case .mapping: "a mapping"
      case .sequence: "a list"
      }
    }
  }

  /// The only tags documents may carry, with the kind of node each fits: those of the YAML
  /// core schema (`tag:yaml.org,2002:NAME`) that say no more than the node already does.
  /// Values are typed by the key they belong to (SPEC section 1), so a tag that would type
  /// one (`!!int`, `!!bool`, `!!null`, ...) or that names an application type (`!include`)
  /// is refused. `!!merge` fits only the merge key `<<` itself.
  static let acceptedTags: [Substring: TaggedKind] = [
    "str": .scalar, "map": .mapping, "seq": .sequence, "merge": .scalar,
  ]

  let file: String
  let limits: ReaderLimits
  let source: SourceBytes
  private(set) var documents: [Document] = []
  var diagnostics: [Diagnostic] = []
  /// Documents the stream started, kept or not.
  private(set) var documentCount = 0
  /// Whether the current document is still built faithfully (see the type's summary).
  var documentIsFaithful = true
  /// The collection being built (`.document` at the top level) and those that contain it.
  private(set) var top = Frame.document
  private var parents: [Frame] = []
  private var anchors: [String: BuiltNode] = [:]
  /// Where aliases to unknown anchors stand (each already DC1008, and an empty scalar in the
  /// tree): a merge of one is not reported again as DC1009.
  var unknownAliases: Set<SourceRange> = []
  /// Nodes added by alias expansions so far, over the whole file.
  private var expandedNodes = 0
  private var documentStart = SourceRange.startOf("")
  private var root: BuiltNode?
  private var byteCursor = (scalar: 0, byte: 0)

  init(file: String, limits: ReaderLimits, source: SourceBytes) {
    self.file = file
    self.limits = limits
    self.source = source
  }

  /// Takes in one event; `.stop` once the stream has ended or a limit was crossed.
  mutating func consume(_ event: Event) -> Step {
    switch event.kind {
    case .streamStart:
      return .proceed
    case .streamEnd:
      return .stop
    case .documentStart:
      documentCount += 1
      documentIsFaithful = true
      anchors = [:]
      root = nil
      top = .document
      parents = []
      documentStart = range(event.start, event.end)
      return .proceed
    case .documentEnd(let isImplicit):
      finishDocument(explicitEnd: isImplicit ? nil : event.end)
      return .proceed
    case .sequenceStart(let isFlow):
      return open(event, isMapping: false, isFlow: isFlow)
    case .mappingStart(let isFlow):
      return open(event, isMapping: true, isFlow: isFlow)
    case .sequenceEnd, .mappingEnd:
      close(event)
      return .proceed
    case .scalar(let scalar):
      return read(scalar, event)
    case .alias(let name):
      return expand(name, event)
    }
  }

  func range(_ start: SourceLocation, _ end: SourceLocation) -> SourceRange {
    SourceRange(file: file, start: start, end: end)
  }

  private mutating func finishDocument(explicitEnd: SourceLocation?) {
    defer { root = nil }
    guard documentIsFaithful else { return }
    var node = root?.node
    if let scalar = node?.scalar, scalar.style == .plain, scalar.value.isEmpty, node?.tag == nil {
      node = nil
    }
    var end = documentStart.end
    if let explicitEnd {
      end = explicitEnd
    } else if node != nil, let root {
      end = root.writtenRange.end
    }
    documents.append(Document(root: node, range: range(documentStart.start, end)))
  }

  private mutating func open(_ event: Event, isMapping: Bool, isFlow: Bool) -> Step {
    guard parents.count < limits.maxDepth else {
      diagnostics.append(Diagnostic(.nestingTooDeep, depthMessage, at: range(event.start, event.end)))
      return .stop
    }
    let tag = checkedTag(event.tag, at: event.start, on: isMapping ? .mapping : .sequence)
    var opened = Frame(
      kind: isMapping ? .mapping : .sequence, isFlow: isFlow, start: event.start, anchor: event.anchor, tag: tag)
    // `swap` moves the frames in and out of `top` without copying (and retaining) their arrays.
    swap(&opened, &top)
    parents.append(opened)
    return .proceed
  }

  private mutating func close(_ event: Event) {
    var frame = parents.removeLast()
    swap(&frame, &top)
    let nodeRange = range(frame.start, frame.isFlow ? event.end : frame.lastChildEnd)
    let content: Node.Content = frame.kind == .mapping ? .mapping(mappingEntries(of: frame)) : .sequence(frame.items)
    let built = BuiltNode(
      node: Node(content: content, range: nodeRange, tag: frame.tag), writtenRange: nodeRange, size: frame.size,
      height: frame.height)
    if let anchor = frame.anchor { anchors[anchor] = built }
    deliver(built)
  }

  private mutating func read(_ scalar: Scalar, _ event: Event) -> Step {
    guard scalar.value.utf8.count <= limits.maxScalarBytes else {
      let limit = ReaderLimits.describe(bytes: limits.maxScalarBytes)
      diagnostics.append(
        Diagnostic(.scalarTooLarge, "scalar is longer than the limit of \(limit)", at: range(event.start, event.end)))
      return .stop
    }
    let tag = checkedTag(event.tag, at: event.start, on: .scalar, value: scalar.value)
    var end = event.end
    if scalar.style == .literal || scalar.style == .folded {
      let startByte = source.byteOffset(ofScalar: event.start.offset, from: &byteCursor)
      let endByte = source.byteOffset(ofScalar: event.end.offset, from: &byteCursor)
      end = source.blockScalarEnd(start: event.start, startByte: startByte, end: event.end, endByte: endByte)
    }
    let nodeRange = range(event.start, end)
    let built = BuiltNode(
      node: Node(content: .scalar(scalar), range: nodeRange, tag: tag), writtenRange: nodeRange, size: 1, height: 0)
    if let anchor = event.anchor { anchors[anchor] = built }
    deliver(built)
    return .proceed
  }

  private mutating func expand(_ name: String, _ event: Event) -> Step {
    let aliasRange = range(event.start, event.end)
    guard let target = anchors[name] else {
      reportUnknownAnchor(name, at: aliasRange)
      unknownAliases.insert(aliasRange)
      let placeholder = Node(content: .scalar(Scalar(value: "", style: .plain)), range: aliasRange)
      deliver(BuiltNode(node: placeholder, writtenRange: aliasRange, size: 1, height: 0))
      return .proceed
    }
    expandedNodes += target.size
    guard expandedNodes <= limits.maxExpandedNodes else {
      diagnostics.append(
        Diagnostic(
          .aliasExpansionTooLarge,
          "expanding alias '\(name)' exceeds the limit of \(limits.maxExpandedNodes) nodes", at: aliasRange,
          help: "a file may add at most \(limits.maxExpandedNodes) nodes through aliases"))
      return .stop
    }
    guard parents.count + target.height <= limits.maxDepth else {
      diagnostics.append(Diagnostic(.nestingTooDeep, depthMessage, at: aliasRange))
      return .stop
    }
    deliver(BuiltNode(node: target.node, writtenRange: aliasRange, size: target.size, height: target.height))
    return .proceed
  }

  private mutating func reportUnknownAnchor(_ name: String, at aliasRange: SourceRange) {
    documentIsFaithful = false
    if top.anchor == name || parents.contains(where: { $0.anchor == name }) {
      diagnostics.append(
        Diagnostic(.unknownAnchor, "alias '\(name)' refers to the node that contains it", at: aliasRange))
      return
    }
    var diagnostic = Diagnostic(.unknownAnchor, "unknown anchor '\(name)'", at: aliasRange)
    if let similar = Suggestion.closest(to: name, in: anchors.keys.sorted()), let anchored = anchors[similar] {
      diagnostic = diagnostic.suggesting(
        "anchor", similar, declaredAt: anchored.writtenRange, replacing: aliasRange, with: "*" + similar)
    }
    diagnostics.append(diagnostic)
  }

  /// Hands a finished node to the collection being built, or makes it the document's root.
  private mutating func deliver(_ built: BuiltNode) {
    switch top.kind {
    case .document:
      root = built
    case .sequence:
      top.account(for: built)
      if top.items.isEmpty { top.items.reserveCapacity(8) }
      top.items.append(built.node)
    case .mapping:
      top.account(for: built)
      switch top.pendingKey {
      case nil:
        top.pendingKey = pendingKey(for: built)
      case .key(let key, let keyRange):
        if top.entries.isEmpty { top.entries.reserveCapacity(8) }
        top.entries.append(MappingEntry(key: key, keyRange: keyRange, value: built.node))
        top.pendingKey = nil
      case .merge(let keyRange):
        top.mergeKeyRange = keyRange
        top.merged = built
        top.pendingKey = nil
      case .ignored:
        top.pendingKey = nil
      }
    }
  }

  private var depthMessage: String {
    "nesting is deeper than the limit of \(limits.maxDepth) levels"
  }

  /// The tag to keep (`!!str` for `tag:yaml.org,2002:str`), or `nil`; any tag outside
  /// `acceptedTags`, or one on a kind of node it does not fit, is refused with DC1011.
  private mutating func checkedTag(
    _ tag: String?, at location: SourceLocation, on kind: TaggedKind, value: String? = nil
  ) -> String? {
    guard let tag else { return nil }
    let prefix = "tag:yaml.org,2002:"
    guard tag.hasPrefix(prefix) else {
      reportTag(tag.hasPrefix("!") ? tag : "!<\(tag)>", at: location)
      return nil
    }
    let name = tag.dropFirst(prefix.count)
    let short = "!!" + name
    guard let fits = Self.acceptedTags[name] else {
      reportTag(short, at: location)
      return nil
    }
    guard fits == kind, name != "merge" || value == "<<" else {
      reportTag(short, at: location, on: name == "merge" && kind == .scalar ? "a value other than '<<'" : kind.noun)
      return nil
    }
    return short
  }

  private mutating func reportTag(_ written: String, at location: SourceLocation, on misfit: String? = nil) {
    documentIsFaithful = false
    let suffix = misfit.map { " on \($0)" } ?? ""
    diagnostics.append(
      Diagnostic(
        .unsupportedTag, "unsupported tag '\(written)'\(suffix)", at: tagRange(at: location),
        help: "remove the tag: a value is read as its key expects, and only '!!str', '!!map' and '!!seq' are accepted"))
  }

  /// The tag written at or after `location`, the start of a node (which may begin with its
  /// anchor): from its `!` to the blank, flow indicator or end of line after it. An empty
  /// range at `location` when the source does not show it there.
  private mutating func tagRange(at location: SourceLocation) -> SourceRange {
    let bytes = source.bytes
    var index = source.byteOffset(ofScalar: location.offset, from: &byteCursor)
    var start = location
    func isEnd(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x2C || byte == 0x5B || byte == 0x5D
        || byte == 0x7B || byte == 0x7D
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "&") {
      // `&anchor !tag`: skip the anchor, then the blanks after it, a column per character.
      func advance() {
        if bytes[index] & 0xC0 != 0x80 {
          start.column += 1
          start.offset += 1
        }
        index += 1
      }
      while index < bytes.count, !isEnd(bytes[index]) { advance() }
      while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { advance() }
    }
    guard index < bytes.count, bytes[index] == UInt8(ascii: "!") else { return range(location, location) }
    var length = 0
    let verbatim = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "<")
    while index < bytes.count {
      let byte = bytes[index]
      if verbatim ? byte == UInt8(ascii: ">") : isEnd(byte) { break }
      if byte & 0xC0 != 0x80 { length += 1 }
      index += 1
    }
    if verbatim, index < bytes.count { length += 1 }
    let end = SourceLocation(line: start.line, column: start.column + length, offset: start.offset + length)
    return range(start, end)
  }
}
