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

  /// `customer_status: { pending: "Waiting for your documents" }`, or `customer_next_step:`
  /// (`key`) with the same keys: a key per case status or per resolution of the case type
  /// (`resolutions`; an unknown key is DC2004, listing both whether or not one is close), each
  /// value words the customer can read (DC7010), of at most 80 characters for a status and 200
  /// for a next step.
  mutating func customerWords(_ node: Node, in key: CustomerStatusWords.Key, resolutions: Set<String>)
    -> [CustomerStatusOverride]
  {
    let statuses = DefinitionKeys.customerStatus
    guard let view = mapping(node, allowed: statuses, subject: "'\(key.rawValue)'", checkKeys: false) else {
      return []
    }
    let known = statuses + resolutions.subtracting(statuses).sorted()
    var overrides: [CustomerStatusOverride] = []
    for entry in view.entries {
      guard known.contains(entry.key) else {
        var diagnostic = Diagnostic(
          .unknownKey, "unknown status or resolution '\(entry.key.prefix(40))' in '\(key.rawValue)'",
          at: entry.keyRange,
          notes: [
            Note("the statuses are: \(statuses.joined(separator: ", "))"),
            Note("the resolutions of this case type are: \(resolutions.sorted().joined(separator: ", "))"),
          ])
        if let close = Suggestion.closest(to: entry.key, in: known) {
          diagnostic = diagnostic.suggesting("status or resolution", close, declaredAt: nil, replacing: entry.keyRange)
        }
        report(diagnostic)
        continue
      }
      guard let words = string(entry.value, for: "'\(entry.key)'") else { continue }
      if let problem = CustomerStatusWords.problem(in: words.value, maximumLength: key.maximumLength) {
        report(
          Diagnostic(
            .invalidCustomerStatus, "invalid \(key.noun) for status '\(entry.key)': \(problem)", at: words.range,
            help: "the words are text of 1 to \(key.maximumLength) characters on one line"))
        continue
      }
      overrides.append(CustomerStatusOverride(status: Located(entry.key, at: entry.keyRange), words: words))
    }
    return overrides
  }
}
