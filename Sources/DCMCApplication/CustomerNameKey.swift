public import DCMCRuntime

/// A customer's name as `customer find` compares it (SPEC section 14): in lower case
/// (`String.lowercased()`, Unicode's default case mapping: `É` finds `é`, `SS` does not find
/// `ß`), in Unicode's composed normal form (NFC: `e` and a combining diaeresis find `ë`, as
/// Swift's `==` already takes them for one), as its bytes of UTF-8. Keys are ordered, and a
/// prefix matched, byte by byte, which is the order of their Unicode scalars: the one rule of
/// every adapter, which the file store's name index keeps without opening a record.
///
/// NFC comes from the standard library's own normaliser (`_nfcCodeUnits`, underscored but
/// public; dcmc links no Foundation). A store whose keys were made before NFC (a name written
/// decomposed) is brought in step by `store rebuild` (file) or migration 10 (PostgreSQL).
public struct CustomerNameKey: Sendable, Hashable, Comparable {
  /// The name in lower case and NFC, as UTF-8.
  public let bytes: [UInt8]

  public init(_ name: String) {
    bytes = name.lowercased()._nfcCodeUnits
  }

  /// Whether a name with this key starts with the text of `prefix`, in any letter case.
  public func hasPrefix(_ prefix: CustomerNameKey) -> Bool {
    bytes.starts(with: prefix.bytes)
  }

  public static func < (lhs: CustomerNameKey, rhs: CustomerNameKey) -> Bool {
    lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
  }

  /// The order of `CustomerRepository.customers(namePrefix:limit:)`: by key, then by id
  /// (its bytes of UTF-8).
  public static func areInOrder(_ lhs: CustomerState, _ rhs: CustomerState) -> Bool {
    let (left, right) = (CustomerNameKey(lhs.name), CustomerNameKey(rhs.name))
    return left != right ? left < right : lhs.id.utf8.lexicographicallyPrecedes(rhs.id.utf8)
  }
}
