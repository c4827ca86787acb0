import DCMCDiagnostics

extension TreeBuilder {
  /// What the node after `key` belongs to: refuses a key that is not a scalar (DC1012) and a
  /// second merge key (DC1002).
  mutating func pendingKey(for key: BuiltNode, in frame: Frame) -> Frame.PendingKey {
    guard let scalar = key.node.scalar else {
      documentIsFaithful = false
      diagnostics.append(
        Diagnostic(
          .complexKey, "mapping key must be a scalar, found \(key.node.kindDescription)", at: key.writtenRange))
      return .ignored
    }
    let isMergeKey = (scalar.style == .plain && scalar.value == "<<") || key.node.tag == "!!merge"
    guard isMergeKey else { return .key(scalar.value, key.writtenRange) }
    if let first = frame.mergeKeyRange {
      reportDuplicate("<<", at: key.writtenRange, first: first)
      return .ignored
    }
    return .merge(key.writtenRange)
  }

  /// A finished mapping's entries: its own, keeping the first of each key (DC1002 for the
  /// others), then the merged ones whose key it does not have yet, earlier sources first.
  mutating func mappingEntries(of frame: Frame) -> [MappingEntry] {
    var lookup = KeyLookup()
    var entries: [MappingEntry] = []
    entries.reserveCapacity(frame.entries.count)
    for entry in frame.entries {
      if let first = lookup.position(of: entry.key, in: entries) {
        reportDuplicate(entry.key, at: entry.keyRange, first: entries[first].keyRange)
        continue
      }
      lookup.record(entry.key, at: entries.count)
      entries.append(entry)
    }
    guard let merged = frame.merged else { return entries }
    for source in mergeSources(merged) {
      for entry in source where lookup.position(of: entry.key, in: entries) == nil {
        lookup.record(entry.key, at: entries.count)
        entries.append(entry)
      }
    }
    return entries
  }

  /// The mappings a merge key's value brings in, in order; DC1009 when it is not a mapping
  /// or a list of mappings.
  private mutating func mergeSources(_ merged: BuiltNode) -> [[MappingEntry]] {
    switch merged.node.content {
    case .mapping(let entries):
      return [entries]
    case .sequence(let items):
      var sources: [[MappingEntry]] = []
      for item in items {
        guard let entries = item.entries else {
          reportMerge("list merged by '<<' holds \(item.kindDescription), not a mapping", at: merged.writtenRange)
          return []
        }
        sources.append(entries)
      }
      return sources
    case .scalar:
      reportMerge("value of merge key '<<' is \(merged.node.kindDescription), not a mapping", at: merged.writtenRange)
      return []
    }
  }

  private mutating func reportMerge(_ message: String, at range: SourceRange) {
    documentIsFaithful = false
    diagnostics.append(
      Diagnostic(.invalidMerge, message, at: range, help: "merge a mapping ('<<: *base') or a list of mappings"))
  }

  private mutating func reportDuplicate(_ key: String, at range: SourceRange, first: SourceRange) {
    diagnostics.append(
      Diagnostic(.duplicateKey, "duplicate key '\(key)'", at: range, notes: [Note("first occurrence is here", at: first)]))
  }
}
