/// Finds a key among a mapping's entries: by a linear scan while the mapping is small, by a
/// dictionary once it grows, so that a mapping with many keys still costs linear time.
struct KeyLookup {
  private static let linearLimit = 12
  private var index: [String: Int]?

  /// The position of the first `key` among `entries` (the entries before the one looked up,
  /// a slice starting at 0), or `nil`.
  mutating func position(of key: String, in entries: ArraySlice<MappingEntry>) -> Int? {
    if let index { return index[key] }
    if entries.count < Self.linearLimit { return entries.firstIndex { $0.key == key } }
    var built = [String: Int](minimumCapacity: entries.count * 2)
    for (position, entry) in entries.enumerated() where built[entry.key] == nil {
      built[entry.key] = position
    }
    index = built
    return built[key]
  }

  /// Notes that `key`, just looked up and not found, sits at `position` (call for each new
  /// key, in order, so the index stays that of the entries looked at so far).
  mutating func record(_ key: String, at position: Int) {
    index?[key] = position
  }
}
