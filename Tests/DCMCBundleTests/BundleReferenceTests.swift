import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// A bundle edited by hand and hashed again is refused when a reference names nothing in it,
/// or an id is given twice: before 6 December 2026 the loader checked the ids' shape only, so
/// `deploy` took a case type whose escalation named a task it lacks, and from its first
/// breach every `tick` of the store failed, every other case's timers with it.
@Suite struct BundleReferenceTests {
  static let claims = ["case_types", "0"]
  static let handle = claims + ["stages", "0", "tasks", "0"]
  /// The first `field` node of the first rule's condition (`F_string == "x"`).
  static let firstField = claims + ["rules", "0", "when", "expression"] + ["operands", "0", "operands", "0", "operands", "0", "field"]

  @Test(
    "a reference that names nothing in the bundle is refused with where",
    arguments: [
      (handle + ["target", "0", "to"], "ghost", "unknown workgroup 'ghost' at 'case_types.0.stages.0.tasks.0.target.0.to'"),
      (claims + ["calendar"], "mars", "unknown calendar 'mars' at 'case_types.0.calendar'"),
      (claims + ["sla", "within", "calendar"], "mars", "unknown calendar 'mars' at 'case_types.0.sla.within.calendar'"),
      (
        handle + ["ola", "on_warn", "2", "target"], "ghost",
        "unknown workgroup 'ghost' at 'case_types.0.stages.0.tasks.0.ola.on_warn.2.target'"
      ),
      (
        handle + ["ola", "on_warn", "3", "template"], "nope",
        "unknown template 'nope' at 'case_types.0.stages.0.tasks.0.ola.on_warn.3.template'"
      ),
      (
        claims + ["stages", "0", "start_tasks", "0"], "nope",
        "stage 'first' starts 'nope', none of its tasks at 'case_types.0.stages.0.start_tasks.0'"
      ),
      (handle + ["outcomes", "0", "start", "1"], "nope", "unknown task 'nope' at 'case_types.0.stages.0.tasks.0.outcomes.0.start.1'"),
      (handle + ["outcomes", "0", "stage"], "nope", "unknown stage 'nope' at 'case_types.0.stages.0.tasks.0.outcomes.0.stage'"),
      (
        handle + ["outcomes", "0", "set", "0", "field"], "Nope",
        "unknown field 'Nope' at 'case_types.0.stages.0.tasks.0.outcomes.0.set.0.field'"
      ),
      (claims + ["escalation", "0", "task"], "nope", "unknown task 'nope' at 'case_types.0.escalation.0.task'"),
      (claims + ["escalation", "1", "target"], "ghost", "unknown workgroup 'ghost' at 'case_types.0.escalation.1.target'"),
      (claims + ["notifications", "0", "template"], "nope", "unknown template 'nope' at 'case_types.0.notifications.0.template'"),
      (firstField, "Nope", "unknown field 'Nope' at 'case_types.0.rules.0.when'"),
      (handle + ["target", "0", "when", "expression", "operands", "0", "operands", "0", "operands", "0", "field"], "Nope",
       "unknown field 'Nope' at 'case_types.0.stages.0.tasks.0.target.0.when'"),
      (claims + ["rules", "0", "set", "0", "field"], "Nope", "unknown field 'Nope' at 'case_types.0.rules.0.set.0.field'"),
      (
        claims + ["stages", "0", "tasks", "1", "distribution", "expand_after", "calendar"], "mars",
        "unknown calendar 'mars' at 'case_types.0.stages.0.tasks.1.distribution.expand_after.calendar'"
      ),
      (["workgroups", "1", "id"], "agents", "workgroup 'agents' is given twice at 'workgroups.1.id'"),
      (["templates", "1", "id"], "late", "template 'late' is given twice at 'templates.1.id'"),
      (["case_types", "1", "id"], "claims", "case type 'claims' is given twice at 'case_types.1.id'"),
      (claims + ["fields", "1", "id"], "F_string", "field 'F_string' is given twice at 'case_types.0.fields.1.id'"),
      (claims + ["stages", "1", "id"], "first", "stage 'first' is given twice at 'case_types.0.stages.1.id'"),
      (handle + ["id"], "approve", "task 'approve' is given twice at 'case_types.0.stages.0.tasks.1.id'"),
    ] as [([String], String, String)])
  func aDanglingReferenceIsRefused(path: [String], value: String, message: String) throws {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), path[...]) { _ in .string(value) }
    let error = try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document)), "\(path)")
    #expect(error == .schemaMismatch(message), "\(error)")
  }

  @Test func anEnumWithoutValuesIsRefused() throws {
    let fields = try #require(CompleteBundle.claims.fields.firstIndex { $0.type == .enumeration })
    let path = Self.claims + ["fields", "\(fields)", "values"]
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), path[...]) { _ in .array([]) }
    #expect(
      BundleLoadTests.refusal(BundleLoadTests.resealed(document))
        == .schemaMismatch("enum field 'F_enum' has no values at 'case_types.0.\(path.dropFirst(2).joined(separator: "."))'"))
  }

  /// The built-in calendar needs no definition in the bundle's list.
  @Test func theBuiltInCalendarIsKnownUnlisted() throws {
    var document = try BundleLoadTests.document()
    document = BundleLoadTests.edited(document, ["calendars"]) { calendars in
      guard case .array(let items) = calendars else { return calendars }
      return .array(Array(items.dropFirst()))
    }
    document = BundleLoadTests.edited(document, Self.claims[...] + ["calendar"]) { _ in .string("24x7") }
    #expect(throws: Never.self) { try BundleFile.load(BundleLoadTests.resealed(document)) }
  }
}
