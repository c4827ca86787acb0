extension DiagnosticCode {
  /// The case name in UpperCamelCase (`DuplicateKey` for `DC1002`): the SARIF rule name.
  public var ruleName: String {
    let name = String(describing: self)
    return name.prefix(1).uppercased() + name.dropFirst()
  }
}
