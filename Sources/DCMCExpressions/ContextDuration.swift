/// A duration written in a condition, `7d`, `12h` or `30m`: the window of
/// `customer.recent_cases`. Calendar time (a day is 24 hours), never business time.
public struct ContextDuration: Sendable, Hashable, CustomStringConvertible {
  /// The number as written: 7 in `7d`.
  public var amount: Int
  /// `d`, `h` or `m`.
  public var unit: Unit

  public enum Unit: String, Sendable, Hashable, CaseIterable {
    case days = "d"
    case hours = "h"
    case minutes = "m"

    var seconds: Int {
      switch self {
      case .days: 86_400
      case .hours: 3_600
      case .minutes: 60
      }
    }
  }

  /// The longest window a condition may name: a year, so a count stays an index range.
  public static let maximumSeconds = 366 * 86_400

  /// Reads `7d`; `nil` unless the text is digits and one unit letter.
  public init?(_ text: String) {
    guard let last = text.last, let unit = Unit(rawValue: String(last)) else { return nil }
    let digits = text.dropLast()
    guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ ("0"..."9").contains($0) }),
      let amount = Int(digits)
    else { return nil }
    self.amount = amount
    self.unit = unit
  }

  public init(amount: Int, unit: Unit) {
    self.amount = amount
    self.unit = unit
  }

  /// The length in seconds.
  public var seconds: Int { amount * unit.seconds }

  public var description: String { "\(amount)\(unit.rawValue)" }
}
