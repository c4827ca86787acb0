/// Finds a key among a mapping's entries: by a linear scan while the mapping is small, by a
/// dictionary once it grows, so that a mapping with many keys still costs linear time.
struct KeyLookup {
  private static let linearLimit = 12
  private var index: [String: Int]?

  /// The position of `key` among `entries` (a slice starting at 0), or `nil`.
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

  /// Notes that `key` now sits at `position` (call after each append).
  mutating func record(_ key: String, at position: Int) {
    index?[key] = position
  }
}
