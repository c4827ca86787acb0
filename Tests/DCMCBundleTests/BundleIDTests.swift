import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// The loader refuses every id that YAML could not hold, wherever the bundle holds it, with the
/// id and its place: a bundle written by hand cannot name a workgroup `../../EVIL`.
@Suite struct BundleIDTests {
  static let handle = BundleLoadTests.handle.joined(separator: ".")

  /// Every place of the complete bundle that holds an id or a reference to one.
  static let places: [String] = [
    "calendars.1.id", "workgroups.0.id", "workgroups.0.members.1.user", "workgroups.0.members.1.skills.0.skill",
    "workgroups.0.supervisors.0", "templates.0.id", "templates.0.subject.1.variable", "customer_profile.id",
    "customer_profile.fields.0.id", "case_types.0.id", "case_types.0.calendar", "case_types.0.sla.within.calendar",
    "case_types.0.fields.0.id", "case_types.0.rules.0.set.0.field",
    "case_types.0.rules.0.when.expression.operands.0.operands.0.operands.0.field", "case_types.0.escalation.0.target",
    "case_types.0.escalation.0.task", "case_types.0.stages.0.id", "case_types.0.stages.0.start_tasks.0",
    "case_types.0.notifications.0.template", "case_types.0.notifications.0.to.0.variable", "\(handle).id",
    "\(handle).target.0.to", "\(handle).ola.on_warn.2.target", "\(handle).ola.on_warn.3.template",
    "\(handle).ola.on_warn.4.to.0.variable", "\(handle).outcomes.0.code", "\(handle).outcomes.0.close",
    "\(handle).outcomes.0.start.1", "\(handle).outcomes.0.assign", "\(handle).outcomes.0.stage",
    "\(handle).outcomes.0.set.0.field", "case_types.0.stages.0.tasks.1.distribution.skill",
    "case_types.0.stages.0.tasks.2.fields.0.id", "case_types.0.customer.name", "case_types.0.customer.email",
  ]

  @Test("an id that is not one is refused with the id and where", arguments: places)
  func invalidIDIsRefused(place: String) throws {
    let path = place.split(separator: ".").map(String.init)
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), path[...]) { old in
      guard case .some(.string) = old else {
        Issue.record("\(place) holds no string")
        return old
      }
      return .string("../../EVIL")
    }
    #expect(throws: BundleLoadError.schemaMismatch("invalid id '../../EVIL' at '\(place)'")) {
      try BundleFile.load(BundleLoadTests.resealed(document))
    }
  }

  @Test func theRefusalIsOneLineWhateverTheIdHolds() throws {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), ["workgroups", "0", "id"]) { _ in
      .string("a\nb\u{1b}[2J" + String(repeating: "x", count: 100))
    }
    let error = try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document)))
    #expect(
      error.description
        == "bundle does not follow 'dcm-bundle/1': invalid id 'a\\u{a}b\\u{1b}[2J\(String(repeating: "x", count: 33))' at 'workgroups.0.id'"
    )
  }

  @Test(
    "ids are letters, digits and '_', start with a letter, at most 64",
    arguments: [
      ("a", true), ("Office_Brussels2", true), (String(repeating: "x", count: 64), true),
      (String(repeating: "x", count: 65), false), ("", false), ("_a", false), ("9a", false), ("24x7", false),
      ("a-b", false), ("a.b", false), ("a b", false), ("a/b", false), ("..", false), ("café", false),
    ])
  func theRule(id: String, isValid: Bool) {
    #expect(BundleID.isValid(id) == isValid)
  }

  /// `24x7` is no id, but it is the built-in calendar's: a bundle names it as a calendar.
  @Test func theBuiltInCalendarIsACalendarButNoWorkgroup() throws {
    let document = try BundleLoadTests.document()
    #expect(throws: Never.self) { try BundleFile.load(BundleLoadTests.resealed(document)) }
    let workgroup = BundleLoadTests.edited(document, ["workgroups", "0", "id"]) { _ in .string("24x7") }
    #expect(throws: BundleLoadError.schemaMismatch("invalid id '24x7' at 'workgroups.0.id'")) {
      try BundleFile.load(BundleLoadTests.resealed(workgroup))
    }
  }
}
