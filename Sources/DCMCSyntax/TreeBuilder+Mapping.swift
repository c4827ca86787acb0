import DCMCDiagnostics

extension TreeBuilder {
  /// What the node after `key` belongs to: refuses a key that is not a scalar (DC1012) and a
  /// second merge key (DC1002).
  mutating func pendingKey(for key: BuiltNode) -> Frame.PendingKey {
    guard let scalar = key.node.scalar else {
      documentIsFaithful = false
      diagnostics.append(
        Diagnostic(
          .complexKey, "mapping key must be a scalar, found \(key.node.kindDescription)", at: key.writtenRange))
      return .ignored
    }
    let isMergeKey = (scalar.style == .plain && scalar.value == "<<") || key.node.tag == "!!merge"
    guard isMergeKey else { return .key(scalar.value, key.writtenRange) }
    if let first = top.mergeKeyRange {
      reportDuplicate("<<", at: key.writtenRange, first: first)
      return .ignored
    }
    return .merge(key.writtenRange)
  }

  /// A finished mapping's entries: its own, keeping the first of each key (DC1002 for the
  /// others), then the merged ones whose key it does not have yet, earlier sources first.
  /// The frame's array is returned as is when there is nothing to drop or merge.
  ///
  /// Linear in the entries: keys are looked up among the frame's own entries, whose first
  /// occurrences are exactly the kept ones, so no view of the kept array is alive while it
  /// grows (a slice of it held across `append` made each append copy the whole array).
  mutating func mappingEntries(of frame: Frame) -> [MappingEntry] {
    var lookup = KeyLookup()
    /// The kept entries once one was dropped; until then, the frame's entries are kept.
    var kept: [MappingEntry]?
    for (position, entry) in frame.entries.enumerated() {
      if let first = lookup.position(of: entry.key, in: frame.entries[..<position]) {
        reportDuplicate(entry.key, at: entry.keyRange, first: frame.entries[first].keyRange)
        if kept == nil { kept = Array(frame.entries[..<position]) }
        continue
      }
      lookup.record(entry.key, at: position)
      kept?.append(entry)
    }
    var entries = kept ?? frame.entries
    guard let merged = frame.merged else { return entries }
    var keys = Set(entries.map(\.key))
    for source in mergeSources(merged) {
      for entry in source where keys.insert(entry.key).inserted {
        entries.append(entry)
      }
    }
    return entries
  }

  /// The mappings a merge key's value brings in, in order; DC1009 when it is not a mapping
  /// or a list of mappings, but for an alias to an unknown anchor (DC1008 already), which
  /// brings nothing.
  private mutating func mergeSources(_ merged: BuiltNode) -> [[MappingEntry]] {
    switch merged.node.content {
    case .mapping(let entries):
      return [entries]
    case .sequence(let items):
      var sources: [[MappingEntry]] = []
      for item in items where !unknownAliases.contains(item.range) {
        guard let entries = item.entries else {
          reportMerge("list merged by '<<' holds \(item.kindDescription), not a mapping", at: merged.writtenRange)
          return []
        }
        sources.append(entries)
      }
      return sources
    case .scalar where unknownAliases.contains(merged.writtenRange):
      return []
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
      Diagnostic(
        .duplicateKey, "duplicate key '\(key)'", at: range, notes: [Note("first occurrence is here", at: first)]))
  }
}
