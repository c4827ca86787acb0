import Foundation

@testable import DCMCBundle

/// A small bundle built by hand, so the loader is tested without the compiler.
enum BundleFixture {
  static var bundle: DefinitionBundle {
    let office = BundleCalendar(
      id: "office", name: "Office", description: nil,
      source: BundleSource(file: "calendars.yaml", line: 1),
      timezone: "Europe/Brussels",
      week: (0..<7).map { $0 < 5 ? [BundleWindow(start: 540, end: 1020)] : [] },
      holidays: ["2026-12-25"],
      overrides: [
        BundleOverride(date: "2026-12-24", windows: [BundleWindow(start: 540, end: 720)])
      ], dayMinutes: 480)
    let within = BundleDuration(minutes: 960, calendar: "office", text: "2d")
    let condition = BundleCondition(
      text: #"Segment == "gold""#,
      expression: BundleExpression(
        .equal,
        operands: [
          BundleExpression(.field, field: "Segment"),
          BundleExpression(.literal, literal: .string("gold")),
        ]))
    let task = BundleTask(
      id: "handle", name: "Handle", description: nil, kind: .work, start: false,
      target: [
        BundleTargetChoice(when: condition, to: "experts"),
        BundleTargetChoice(when: nil, to: "agents"),
      ],
      ola: BundleServiceLevel(
        within: BundleDuration(minutes: 240, calendar: "office", text: "4h"), warnPercent: 75,
        pauseWhenPending: false,
        onWarn: [], onBreach: [BundleAction(.escalate)]),
      priority: nil,
      outcomes: [
        BundleOutcome(
          code: "done", close: "resolved", start: [], assign: nil, escalate: false, stage: nil,
          pend: false, set: [])
      ],
      fields: [], distribution: nil)
    let caseType = BundleCaseType(
      id: "claims", name: "Claims", description: "a café ☕ claim",
      source: BundleSource(file: "claims.yaml", line: 3),
      reference: "CLM-{seq:6}", calendar: "office", priority: 50,
      sla: BundleServiceLevel(
        within: within, warnPercent: nil, pauseWhenPending: true, onWarn: [],
        onBreach: [
          BundleAction(.notify, template: "late", to: [.variable("Email")]),
          BundleAction(.raisePriority, amount: 25),
        ]),
      fields: [
        BundleField(
          id: "Segment", name: "Segment", type: .enumeration, required: false,
          values: ["gold", "silver"], pattern: nil, description: nil)
      ],
      rules: [BundleRule(when: condition, priority: 75, set: [])], escalation: [],
      stages: [BundleStage(id: "work", name: "Work", startTasks: ["handle"], tasks: [task])],
      notifications: [
        BundleNotification(
          on: .caseCreated, channel: .email, to: [.variable("Email")], template: "late")
      ])
    return DefinitionBundle(
      compiler: BundleCompiler(version: "9.9.9"), calendars: [BundleCalendar.alwaysOpen, office],
      workgroups: ["agents", "experts"].map { id in
        BundleWorkgroup(
          id: id, name: id, description: nil, source: BundleSource(file: "workgroups.yaml", line: 1), members: [],
          supervisors: [])
      },
      templates: [
        BundleTemplate(
          id: "late", name: "late", description: nil, source: BundleSource(file: "t.yaml", line: 1),
          subject: nil, body: [.text("Case "), .variable("Case_Id"), .text(" is late\n")])
      ], customerProfile: nil, caseTypes: [caseType])
  }

  static var sealed: (bundle: DefinitionBundle, bytes: [UInt8]) { try! BundleFile.seal(bundle) }

  /// The sealed file's text with `old` replaced by `new` (which must occur).
  static func edited(_ old: String, _ new: String) -> [UInt8] {
    let text = String(decoding: sealed.bytes, as: UTF8.self)
    precondition(text.contains(old), "'\(old)' is in the fixture")
    return Array(text.replacingFirst(old, with: new).utf8)
  }
}

extension String {
  func replacingFirst(_ old: String, with new: String) -> String {
    guard let range = range(of: old) else { return self }
    return replacingCharacters(in: range, with: new)
  }
}
