import DCMCApplication

/// A user-supplied id that is safe to use as one file name inside the store.
///
/// The only way to make one is `init(_:)`, which refuses: the empty id, `.` and `..`, an id
/// that starts with `.` (names starting with `.` are the store's temporary files), `/`,
/// NUL and every other control character (U+0000-U+001F, U+007F-U+009F), and ids longer
/// than `maximumBytes` bytes of UTF-8. With at most 128 bytes, the longest name the store
/// derives from an id (`.<id>.<suffix>.tmp`) stays well under the 255 bytes of `NAME_MAX`.
public struct StoreID: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The longest id, in bytes of UTF-8.
  public static let maximumBytes = UserID.maximumBytes

  /// The id, exactly as given.
  public let rawValue: String

  public init(_ rawValue: String) throws(StoreError) {
    if let reason = StoreID.problem(rawValue) { throw .invalidID(rawValue, reason: reason) }
    self.rawValue = rawValue
  }

  /// A name the store derives from constants and valid ids, such as `<id>.log`: checked
  /// like an id, except that it may be up to 32 bytes longer than `maximumBytes`.
  init(derived name: String) {
    let problem = StoreID.problem(name, maximumBytes: StoreID.maximumBytes + 32)
    precondition(problem == nil, "derived store name '\(name)' \(problem ?? "")")
    rawValue = name
  }

  public var description: String { rawValue }

  public static func < (lhs: StoreID, rhs: StoreID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Why `text` cannot be an id, or `nil` when it can: the application's rule for every id a
  /// user gives (`UserID`), which is also what keeps a name inside the store.
  static func problem(_ text: String, maximumBytes: Int = maximumBytes) -> String? {
    UserID.problem(text, maximumBytes: maximumBytes)
  }
}
