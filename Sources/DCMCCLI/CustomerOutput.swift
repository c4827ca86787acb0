import DCMCApplication
import DCMCRuntime

/// The readable text of customer records: a line each in lists, a block for one record.
enum CustomerOutput {
  /// `CUS-000001  Jane Doe  jane@example.com  +3225551234`: the id, the name, and the email
  /// and phone when the record has them.
  static func line(_ state: CustomerState) -> String {
    let view = CustomerView(state)
    return ([view.id, view.name] + [view.email, view.phone].compactMap { $0 }).joined(separator: "  ") + "\n"
  }

  /// The id and name, then a line per email, phone and profile field the record has, then
  /// when it was added and last changed (UTC).
  static func block(_ state: CustomerState) -> String {
    let view = CustomerView(state)
    var rows: [(String, String)] = []
    if let email = view.email { rows.append(("email", email)) }
    if let phone = view.phone { rows.append(("phone", phone)) }
    for (field, value) in view.fields.sorted(by: { $0.key < $1.key }) {
      guard let text = text(value) else { continue }
      rows.append((field, text))
    }
    rows += [("added", "\(view.createdAt)"), ("updated", "\(view.updatedAt)")]
    let width = rows.map(\.0.count).max() ?? 0
    var text = "\(view.id)  \(view.name)\n"
    for (label, value) in rows {
      let padding = String(repeating: " ", count: width - label.count)
      text += "  \(label)\(padding)  \(value)\n"
    }
    return text
  }

  /// A field's value as written; `nil` for none.
  private static func text(_ value: FieldValue) -> String? {
    switch value {
    case .text(let text), .number(let text): text
    case .boolean(let value): value ? "true" : "false"
    case .null: nil
    }
  }
}
