/// Which call fails, and how: the `call`-th (from 1) call of `kind` (of any kind when
/// `nil`) fails with `code`, and with `persistent`, every matching call after it too.
package struct FaultPlan: Sendable, CustomStringConvertible {
  package var kind: OperationKind?
  package var call: Int
  package var persistent: Bool
  package var code: Int32

  package init(kind: OperationKind?, call: Int, persistent: Bool, code: Int32) {
    self.kind = kind
    self.call = call
    self.persistent = persistent
    self.code = code
  }

  package var description: String {
    "\(kind?.rawValue ?? "any") call \(call)\(persistent ? " and after" : ""), errno \(code)"
  }
}
