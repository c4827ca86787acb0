import DCMCBundle

extension Decision {
  /// What giving `values` changes in the case's data: each field whose value differs from the
  /// case's, before and after (`nil`: no value). An empty value clears the field, so giving
  /// one to a field without a value changes nothing. The one rule of `case update` and of a
  /// form's data at `task complete` (docs/runtime.md, "Clearing a value").
  func changes(_ values: [String: String]) -> [String: CaseUpdate.Change<String?>] {
    var changes: [String: CaseUpdate.Change<String?>] = [:]
    for (field, text) in values {
      let after = text.isEmpty ? nil : text
      if state.fields[field] != after { changes[field] = CaseUpdate.Change(state.fields[field], after) }
    }
    return changes
  }

  /// The fields of the case type that `values` would leave without a value although the case
  /// type requires them (given blank), in the case type's order: a value the case must have
  /// cannot be cleared, by `case update` or by a form.
  func requiredCleared(_ values: [String: String]) -> [String] {
    caseType.fields.filter { $0.required && values[$0.id].map(RuntimeDefinitions.isBlank) == true }.map(\.id)
  }
}
