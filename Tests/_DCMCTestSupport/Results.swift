import Foundation

/// Strings gathered from several threads.
final class Results: @unchecked Sendable {
  // `@unchecked Sendable`: `items` is read and written only with `lock` held.
  private let lock = NSLock()
  private var items: [String] = []
  func add(_ item: String) { lock.withLock { items.append(item) } }
  var values: [String] { lock.withLock { items } }
}
