import DCMCDiagnostics
import DCMCModel
import DCMCPatterns
import DCMCSyntax

extension ShapeReader {
  /// `customer: { name: F, email: F, phone: F }`: each key optional, one of `email` and
  /// `phone` required (DC7009). The fields it names are checked by the linker.
  mutating func customerMapping(_ node: Node) -> CustomerMapping? {
    guard let view = mapping(node, allowed: DefinitionKeys.customerMapping, subject: "'customer'") else { return nil }
    if CustomerMappingRule.identifyingKeys.allSatisfy({ view.value($0) == nil }) {
      report(
        Diagnostic(
          .customerNotIdentified, "'customer' names no field to identify the customer by", at: view.headRange,
          help: "a case finds its customer by email or phone; add 'email:' or 'phone:' with the field that holds it"))
    }
    let entries = DefinitionKeys.customerMapping.compactMap { key in
      reference(view, key).map { CustomerMapping.Entry(key: key, field: $0) }
    }
    return CustomerMapping(entries: entries, range: view.headRange)
  }

  /// `customer_status: { pending: "Waiting for your documents" }`: a key per case status
  /// (an unknown one is DC2004, listing the statuses whether or not one is close), each
  /// value words the customer can read (DC7010).
  mutating func customerStatus(_ node: Node) -> [CustomerStatusOverride] {
    let statuses = DefinitionKeys.customerStatus
    guard let view = mapping(node, allowed: statuses, subject: "'customer_status'", checkKeys: false) else {
      return []
    }
    var overrides: [CustomerStatusOverride] = []
    for entry in view.entries {
      guard statuses.contains(entry.key) else {
        var diagnostic = Diagnostic(
          .unknownKey, "unknown status '\(entry.key.prefix(40))' in 'customer_status'", at: entry.keyRange,
          notes: [Note("the statuses are: \(statuses.joined(separator: ", "))")])
        if let close = Suggestion.closest(to: entry.key, in: statuses) {
          diagnostic = diagnostic.suggesting("status", close, declaredAt: nil, replacing: entry.keyRange)
        }
        report(diagnostic)
        continue
      }
      guard let words = string(entry.value, for: "'\(entry.key)'") else { continue }
      if let problem = CustomerStatusWords.problem(in: words.value) {
        report(
          Diagnostic(
            .invalidCustomerStatus, "invalid customer words for status '\(entry.key)': \(problem)", at: words.range,
            help: "the words are text of 1 to \(CustomerStatusWords.maximumLength) characters on one line"))
        continue
      }
      overrides.append(CustomerStatusOverride(status: Located(entry.key, at: entry.keyRange), words: words))
    }
    return overrides
  }
}
