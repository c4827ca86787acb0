import DCMCBundle

/// How many items of one aggregate a store holds (cases, customers, tokens...) and a SHA-256
/// of their content, item by item in a fixed order: two stores holding the same have the same
/// tally, whichever kind they are (`StoreTally`).
public struct AggregateTally: Sendable, Equatable {
  /// The aggregate's name, as `store copy` prints it (`cases`).
  public var name: String
  public var count: Int
  /// `sha256:` and 64 lowercase hex digits.
  public var hash: String

  public init(name: String, count: Int, hash: String) {
    self.name = name
    self.count = count
    self.hash = hash
  }
}

/// Adds items to an `AggregateTally`: each item's parts, each ended by a unit separator, the
/// item by a record separator, so no two lists of parts hash alike.
struct TallyHasher {
  let name: String
  private var sha = SHA256()
  private var count = 0

  init(_ name: String) { self.name = name }

  /// Counts one item made of `parts`.
  mutating func add(_ parts: String...) {
    for part in parts { addPart(Array(part.utf8)) }
    endItem()
  }

  /// Hashes `part` into the current item: an item's parts given one at a time, ended by
  /// `endItem`.
  mutating func addPart(_ part: [UInt8]) {
    sha.update(part)
    sha.update(CollectionOfOne(0x1F))
  }

  /// Ends the current item, and counts it.
  mutating func endItem() {
    sha.update(CollectionOfOne(0x1E))
    count += 1
  }

  mutating func tally() -> AggregateTally {
    AggregateTally(name: name, count: count, hash: "sha256:" + sha.finalizeHex())
  }
}
