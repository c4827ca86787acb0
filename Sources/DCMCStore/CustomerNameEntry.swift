import DCMCApplication
import DCMCBundle
import DCMCRuntime

/// A record's entry in the name index, an empty file `customers/names/<b1>/…/<b8>/<hex>-<id>`:
/// `<hex>` is the lowercase hex of the first bytes of its name's key (`CustomerNameKey`), at
/// most `cappedBytes`, and `<b1>/…/<b8>` the hex of the key's first `depth` bytes (`-` past
/// its end), its bucket: one directory level per byte, so a level holds at most 257 names
/// and a bucket only the records whose names share their first eight bytes. The hex of bytes sorts as the bytes do and `-` before any hex digit,
/// so a bucket's entries listed in byte order are in the order of `CustomerNameKey.areInOrder`,
/// except among entries whose key was capped, which their records put in order.
///
/// An entry is a `StoreID` (at most 128 bytes): an id longer than 47 bytes leaves room for
/// fewer bytes of the name (`(127 - id bytes) / 2`), and the longest ids (128 bytes) for
/// none, so such a record is found by email and phone only.
struct CustomerNameEntry: Hashable {
  /// How many bytes of the key name the bucket's directories: enough that a crowded prefix
  /// ("mar") spreads over many buckets, walked in order, few enough that an entry costs
  /// at most that many directories.
  static let depth = 8
  /// The most bytes of the key an entry holds.
  static let cappedBytes = 40
  /// The bucket's component past the key's end.
  static let end = StoreID(derived: "-")

  var bucket: [StoreID]
  var name: StoreID

  /// The entry of `state`; `nil` when the record is merged (in no index) or its id is too long.
  init?(_ state: CustomerState) {
    guard state.mergedInto == nil else { return nil }
    let key = CustomerNameKey(state.name).bytes
    let capped = Self.cap(forID: state.id)
    guard capped >= 0, let name = try? StoreID(SHA256.hex(key.prefix(capped)) + "-" + state.id) else { return nil }
    self.bucket = Self.bucket(of: key)
    self.name = name
  }

  /// A listed entry; `nil` when `name` is not one (no `-`, a part that is not hex, no id) or
  /// `bucket` is not its bucket.
  init?(bucket: [StoreID], name: StoreID) {
    guard let dash = name.rawValue.firstIndex(of: "-"),
      let key = Self.bytes(ofHex: name.rawValue[..<dash]),
      let id = try? StoreID(String(name.rawValue[name.rawValue.index(after: dash)...])),
      key.count <= Self.cap(forID: id.rawValue), bucket.count == Self.depth
    else { return nil }
    let isCapped = key.count == Self.cap(forID: id.rawValue)
    // The bytes the entry holds must name the bucket; past them, a capped key's bucket is
    // unknown and a whole key's is `-`.
    let expected = Self.bucket(of: key)
    for (level, component) in bucket.enumerated() where level < key.count || !isCapped {
      guard component == expected[level] else { return nil }
    }
    self.bucket = bucket
    self.name = name
  }

  /// The entry's path relative to the store's root.
  var path: String { Self.path(bucket, name) }

  static func path(_ bucket: [StoreID], _ name: StoreID) -> String {
    "customers/names/" + StorePath(bucket + [name]).description
  }

  /// The part of the name before `-`: the key's hex, possibly capped.
  var hex: Substring { name.rawValue[..<(name.rawValue.firstIndex(of: "-") ?? name.rawValue.endIndex)] }

  /// The record's id.
  var id: String { String(name.rawValue.dropFirst(hex.count + 1)) }

  /// Whether the key may go on past what the entry holds: its record says where.
  var isCapped: Bool { hex.count / 2 == Self.cap(forID: id) }

  /// The bytes of the key an entry of a record with this id holds.
  static func cap(forID id: String) -> Int {
    min(cappedBytes, (127 - id.utf8.count) / 2)
  }

  /// The bucket of a key: the hex of its first `depth` bytes, `-` past its end.
  static func bucket(of key: some Collection<UInt8>) -> [StoreID] {
    let bytes = Array(key.prefix(depth))
    return (0..<depth).map { $0 < bytes.count ? StoreID(derived: SHA256.hex([bytes[$0]])) : end }
  }

  /// Whether `name` can be a bucket's component: `-`, or the hex of a byte.
  static func isBucket(_ name: String) -> Bool {
    name == end.rawValue || (name.utf8.count == 2 && bytes(ofHex: Substring(name)) != nil)
  }

  /// The bytes of lowercase hex; `nil` when `text` is not.
  static func bytes(ofHex text: Substring) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    for index in stride(from: 0, to: utf8.count, by: 2) {
      guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
      bytes.append(high << 4 | low)
    }
    return bytes
  }

  private static func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case 0x30...0x39: digit - 0x30
    case 0x61...0x66: digit - 0x61 + 10
    default: nil
    }
  }
}
