import Foundation

/// Strings gathered from several threads.
public final class Results: @unchecked Sendable {
  // `@unchecked Sendable`: `items` is read and written only with `lock` held.
  private let lock = NSLock()
  private var items: [String] = []
  public init() {}
  public func add(_ item: String) { lock.withLock { items.append(item) } }
  public var values: [String] { lock.withLock { items } }
}
