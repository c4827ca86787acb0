import DCMCCalendar
import DCMCExpressions

extension RuntimeDefinitions {
  /// The context the rules of a new case of `customer` read (CE20): its built-in and profile
  /// fields typed by the profile, and, from `cases` (its other cases, the new one not among
  /// them), the open and pending counts and every case's type and creation instant.
  /// `isNew`: the record was added by this very case's identification.
  public func customerContext(of customer: CustomerState, cases: [CaseState], isNew: Bool) -> CustomerContext {
    var fields: [String: Value] = ["name": .string(customer.name)]
    if let email = customer.email { fields["email"] = .string(email.description) }
    if let phone = customer.phone { fields["phone"] = .string(phone.description) }
    for (id, value) in customer.fields {
      let text: String
      switch value {
      case .text(let written), .number(let written): text = written
      case .boolean(let flag): text = flag ? "true" : "false"
      case .null: continue
      }
      fields[id] = customerFields[id].map { $0.type.value(of: text) } ?? .string(text)
    }
    return CustomerContext(
      id: customer.id, fields: fields, openCases: cases.count { !$0.isFinished },
      pendingCases: cases.count { $0.status == .pending },
      recentCases: cases.map { CustomerContext.PastCase(type: $0.type, createdAt: $0.createdAt) }, isNew: isNew)
  }
}
