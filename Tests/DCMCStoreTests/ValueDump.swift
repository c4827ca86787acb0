/// A value written out in full, the same in every process: Swift's own description of a
/// dictionary follows its hash order, which changes from run to run, so dictionaries are
/// written sorted by key here. For golden files of decoded values.
enum ValueDump {
  static func text(_ value: Any) -> String {
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .optional:
      return mirror.children.first.map { text($0.value) } ?? "nil"
    case .dictionary:
      let pairs = mirror.children.map { child -> String in
        let pair = Array(Mirror(reflecting: child.value).children)
        return "\(text(pair[0].value)): \(text(pair[1].value))"
      }
      return "[" + pairs.sorted().joined(separator: ", ") + "]"
    case .collection, .set:
      return "[" + mirror.children.map { text($0.value) }.joined(separator: ", ") + "]"
    case .struct, .class:
      return "\(mirror.subjectType)(" + members(mirror) + ")"
    case .tuple:
      return "(" + members(mirror) + ")"
    case .enum:
      guard let payload = mirror.children.first else { return "\(value)" }
      let inner = Mirror(reflecting: payload.value)
      let values = inner.displayStyle == .tuple ? members(inner) : text(payload.value)
      return ".\(payload.label ?? "?")(\(values))"
    default:
      return String(reflecting: value)
    }
  }

  private static func members(_ mirror: Mirror) -> String {
    mirror.children.map { child in (child.label.map { "\($0): " } ?? "") + text(child.value) }.joined(separator: ", ")
  }
}
