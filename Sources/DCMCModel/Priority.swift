/// A priority 0...100; `low` is 25, `medium` 50, `high` 75, `critical` 100.
public struct Priority: Sendable, Hashable, Comparable {
  public var value: Int

  public init(_ value: Int) { self.value = value }

  public static let named: [(name: String, value: Int)] = [
    ("low", 25), ("medium", 50), ("high", 75), ("critical", 100),
  ]

  /// Parses an integer 0...100 or one of the names.
  public init?(_ text: String) {
    if let named = Self.named.first(where: { $0.name == text }) {
      self.value = named.value
    } else if let number = Int(text), (0...100).contains(number), text.allSatisfy(\.isASCII) {
      self.value = number
    } else {
      return nil
    }
  }

  public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.value < rhs.value }
}

/// A percentage written `75%`, 1...100.
public struct Percent: Sendable, Hashable {
  public var value: Int

  public init(_ value: Int) { self.value = value }

  public init?(_ text: String) {
    guard text.hasSuffix("%"), let number = Int(text.dropLast()), (1...100).contains(number) else { return nil }
    self.value = number
  }
}
