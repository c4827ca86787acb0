import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

extension ShapeReader {
  /// `kind: Presence`: its id is `presence` (DC7012, with the fix), `not_ready` lists reason
  /// ids once each (DC7014) without the built-in `RONA` (DC7013), `wrap_up` is clock time
  /// (DC2021). `nil` when the id is not `presence`: the document is then left out.
  mutating func presence(_ view: MappingView, header: DefinitionHeader) -> Presence? {
    var reasons: [Located<String>] = []
    if let node = view.value("not_ready"), let items = list(node, for: "'not_ready'") {
      let declared = each(items) { $0.id($1, for: "a not-ready reason") }.filter { reason in
        guard Presence.isBuiltin(reason.value) else { return true }
        report(
          Diagnostic(
            .reservedNotReadyReason,
            reason.value == Presence.builtinReason
              ? "not-ready reason '\(reason.value)' is built in"
              : "not-ready reason '\(reason.value)' is the built-in '\(Presence.builtinReason)'",
            at: reason.range, help: "dcmc gives it to an advisor who lets an offer time out; leave it out"))
        return false
      }
      reasons = withoutRepeats(declared, key: { $0 }, code: .duplicateNotReadyReason) {
        "not-ready reason '\($0.value)' is listed twice"
      }
    }
    let wrapUp = view.value("wrap_up").flatMap { clockDuration($0, in: Presence.wrapUpSeconds, for: "'wrap_up'") }
    guard header.id.value == Presence.id else {
      report(
        Diagnostic(
          .misnamedPresence, "the presence document's id must be '\(Presence.id)'", at: header.id.range,
          help: "there is one presence document, for all advisors",
          fixIts: [FixIt(replacing: header.id.range, with: Presence.id)]))
      return nil
    }
    return Presence(header: header, notReady: reasons, wrapUp: wrapUp)
  }
}
