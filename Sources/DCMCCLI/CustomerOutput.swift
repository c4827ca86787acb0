import DCMCApplication
import DCMCRuntime

/// The readable text of customer records (a line each in lists, a block for one record) and
/// of a customer's view of their cases (a block each).
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
    return block("\(view.id)  \(view.name)", rows)
  }

  /// A case as its customer sees it (`customer cases`): the reference and the case type's name,
  /// then the status words, when it was opened and last updated, when it is expected (late or
  /// on hold in words: `CustomerCaseView.expectedByText`), its resolution in words and what the
  /// customer can do (`customer_next_step:`), those it has, in the zones of the case's calendars.
  static func block(_ view: CustomerCaseView) -> String {
    var rows = [("status", view.status), ("opened", view.opened.description), ("last update", view.updated.description)]
    if let expected = view.expectedByText { rows.append(("expected by", expected)) }
    if let resolution = view.resolutionText { rows.append(("resolution", resolution)) }
    if let nextStep = view.nextStep { rows.append(("what to do", nextStep)) }
    return block("\(view.id)  \(view.caseType)", rows)
  }

  /// `title` on a line, then a line per row: its label, padded to the longest, and its value.
  /// Appended to one string sized once (`customer cases` writes a block for each of a
  /// customer's cases).
  private static func block(_ title: String, _ rows: [(String, String)]) -> String {
    let widths = rows.map(\.0.count)
    let width = widths.max() ?? 0
    var text = ""
    text.reserveCapacity(rows.reduce(title.utf8.count + 1) { $0 + width + $1.1.utf8.count + 5 })
    text += title
    text += "\n"
    for ((label, value), labelWidth) in zip(rows, widths) {
      text += "  "
      text += label
      for _ in labelWidth..<width { text += " " }
      text += "  "
      text += value
      text += "\n"
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
