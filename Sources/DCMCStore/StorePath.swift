/// A file or directory inside the store, relative to its root: a list of `StoreID`s, so
/// it can never name anything outside the root (no `..`, no `/`, no empty component).
///
/// The runtime builds its own layout the same way, for example
/// `StorePath("states", caseID.rawValue + ".json")`; each component is validated.
public struct StorePath: Sendable, Hashable, CustomStringConvertible {
  public let components: [StoreID]

  public init(_ components: [StoreID]) {
    precondition(!components.isEmpty, "a store path has at least one component")
    self.components = components
  }

  /// Validates each of `components` as a `StoreID`.
  public init(_ components: String...) throws(StoreError) {
    var ids: [StoreID] = []
    for component in components { ids.append(try StoreID(component)) }
    self.init(ids)
  }

  /// The path relative to the root, components joined by `/`.
  public var description: String { Self.joined(components, after: nil) }

  /// `root` (when given) and `components`, each after a `/`, appended in one string: a
  /// request makes some thirty paths, and joining an array of the components cost four times
  /// as much.
  private static func joined(_ components: [StoreID], after root: String?) -> String {
    var text = root ?? ""
    var length = text.utf8.count
    for component in components { length += component.rawValue.utf8.count + 1 }
    if length > 15 { text.reserveCapacity(length) }
    for (index, component) in components.enumerated() {
      if root != nil || index > 0 { text += "/" }
      text += component.rawValue
    }
    return text
  }

  /// The last component.
  public var name: String { components[components.count - 1].rawValue }

  /// The directory holding this path, or `nil` for a name directly in the root.
  public var parent: StorePath? {
    components.count == 1 ? nil : StorePath(Array(components.dropLast()))
  }

  /// This path followed by `id`.
  public func appending(_ id: StoreID) -> StorePath { StorePath(components + [id]) }

  /// `root/` followed by this path.
  func absolute(in root: String) -> String { Self.joined(components, after: root) }

  /// The absolute path of a sibling temporary file: `.<name>.<suffix>`. Ids never start with
  /// `.`, so these names never clash with a store file.
  func sibling(_ suffix: String, in root: String) -> String {
    let directory = parent.map { $0.absolute(in: root) } ?? root
    return directory + "/." + name + "." + suffix
  }

  /// The absolute path of the directory holding this path.
  func directory(in root: String) -> String { parent.map { $0.absolute(in: root) } ?? root }
}
