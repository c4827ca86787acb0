@testable import DCMCBundle

/// A bundle built by hand that uses every member of every bundle type, each optional both set
/// and `nil`, and every case of every enum, so a load round trip covers the whole schema.
/// It need not make sense as definitions: only its shape matters.
enum CompleteBundle {
  static var bundle: DefinitionBundle {
    DefinitionBundle(
      compiler: BundleCompiler(version: "0.0.1"), calendars: [.alwaysOpen, office],
      workgroups: [
        BundleWorkgroup(
          id: "agents", name: "Agents", description: "first line",
          source: BundleSource(file: "workgroups.yaml", line: 1),
          members: [
            BundleMember(user: "ann", skills: [], capacity: 3),
            BundleMember(
              user: "bob", skills: [BundleSkill(skill: "billing", level: 80), BundleSkill(skill: "french", level: 0)]),
          ], supervisors: ["sue"], mode: .push, offerTimeoutSeconds: 45,
          serviceLevel: BundleWorkbinServiceLevel(answerWithinSeconds: 120, targetPercent: 90)),
        BundleWorkgroup(
          id: "nobody", name: "Nobody", description: nil, source: BundleSource(file: "workgroups.yaml", line: 9),
          members: [], supervisors: []),
      ],
      templates: [
        BundleTemplate(
          id: "late", name: "Late", description: "sent on a breach", source: BundleSource(file: "t.yaml", line: 1),
          subject: [.text("Case "), .variable("Case_Id")], body: [.text("is late\n\t\"quoted\" \u{1}")]),
        BundleTemplate(
          id: "plain", name: "plain", description: nil, source: BundleSource(file: "t.yaml", line: 7), subject: nil,
          body: []),
      ],
      customerProfile: BundleCustomerProfile(
        id: "customer", source: BundleSource(file: "customer.yaml", line: 2),
        fields: [field(.phone, required: true, pattern: #"^\+[0-9]+$"#)], reference: "C{yyyy}-{seq:7}",
        phoneRegion: "BE"),
      presence: BundlePresence(
        source: BundleSource(file: "presence.yaml", line: 1), notReady: ["break", "training"], wrapUpSeconds: 90),
      caseTypes: [claims, bare])
  }

  /// The same bundle with a profile that assumes no phone region.
  static var withoutPhoneRegion: DefinitionBundle {
    var bundle = bundle
    bundle.customerProfile?.phoneRegion = nil
    return bundle
  }

  /// The same bundle whose case type `claims` finds its customer by phone alone.
  static var withPhoneOnlyCustomer: DefinitionBundle {
    var bundle = bundle
    bundle.caseTypes[0].customer = BundleCustomerMapping(name: nil, email: nil, phone: "F_phone")
    return bundle
  }

  /// The same bundle without presence rules.
  static var withoutPresence: DefinitionBundle {
    var bundle = bundle
    bundle.presence = nil
    return bundle
  }

  /// The same bundle without a customer profile.
  static var withoutProfile: DefinitionBundle {
    var bundle = bundle
    bundle.customerProfile = nil
    return bundle
  }

  static let office = BundleCalendar(
    id: "office", name: "Office", description: nil, source: BundleSource(file: "calendars.yaml", line: 1),
    timezone: "Europe/Brussels",
    week: [
      [BundleWindow(start: 540, end: 720), BundleWindow(start: 780, end: 1020)], [BundleWindow(start: 1320, end: 360)],
      [], [], [], [], [BundleWindow(start: 0, end: 1440)],
    ],
    holidays: ["2026-12-25", "2027-01-01"],
    overrides: [
      BundleOverride(date: "2026-12-24", windows: [BundleWindow(start: 540, end: 720)]),
      BundleOverride(date: "2026-12-31", windows: []),
    ], dayMinutes: 480)

  static func field(
    _ type: BundleField.Kind, required: Bool = false, pattern: String? = nil, description: String? = nil
  ) -> BundleField {
    BundleField(
      id: "F_\(type.rawValue)", name: "F \(type.rawValue)", type: type, required: required,
      values: type == .enumeration ? ["gold", "silver"] : [], pattern: pattern, description: description)
  }

  /// Every operator, every kind of literal, optional members set and unset.
  static let condition = BundleCondition(
    text: "(every operator)",
    expression: BundleExpression(
      .or,
      operands: [
        BundleExpression(
          .and,
          operands: [
            BundleExpression(.equal, operands: [.init(.field, field: "F_string"), .init(.literal, literal: .string("x"))]),
            BundleExpression(.notEqual, operands: [.init(.field, field: "F_text"), .init(.literal, literal: .number(2.5))]),
            BundleExpression(.less, operands: [.init(.field, field: "F_integer"), .init(.literal, literal: .number(-3))]),
            BundleExpression(
              .lessOrEqual, operands: [.init(.field, field: "F_number"), .init(.literal, literal: .number(1e-7))]),
            BundleExpression(
              .greater, operands: [.init(.field, field: "F_boolean"), .init(.literal, literal: .date("2026-03-02"))]),
            BundleExpression(
              .greaterOrEqual,
              operands: [.init(.field, field: "F_date"), .init(.literal, literal: .datetime("2026-03-02T09:00:00+01:00"))]),
          ]),
        BundleExpression(
          .in, operands: [.init(.field, field: "F_datetime")], items: [.boolean(true), .boolean(false), .string("")]),
        BundleExpression(.notIn, operands: [.init(.field, field: "F_email")], items: []),
        BundleExpression(.not, operands: [.init(.isEmpty, field: "F_phone")]),
        BundleExpression(.isNotEmpty, field: "F_enum"),
        BundleExpression(.isEmpty, operands: [.init(.customerField, field: "email")]),
        BundleExpression(.greater, operands: [.init(.customerOpenCases), .init(.customerPendingCases)]),
        BundleExpression(.not, operands: [.init(.customerIsNew)]),
        BundleExpression(
          .equal,
          operands: [
            .init(.customerRecentCases, windowSeconds: 604_800),
            .init(.customerRecentCases, windowSeconds: 60, caseType: "bare"),
          ]),
      ]))

  static let actions: [BundleAction] = [
    BundleAction(.escalate),
    BundleAction(.raisePriority, amount: 25),
    BundleAction(.reassign, target: "nobody"),
    BundleAction(.notify, template: "late"),
    BundleAction(.notify, template: "late", to: [.variable("F_email"), .text(", boss@example.com")]),
  ]

  static let tasks: [BundleTask] = [
    BundleTask(
      id: "handle", name: "Handle", description: "the first task", kind: .work, start: true,
      target: [BundleTargetChoice(when: condition, to: "agents"), BundleTargetChoice(when: nil, to: "nobody")],
      ola: BundleServiceLevel(
        within: BundleDuration(minutes: 90, seconds: 30, calendar: "office", text: "PT90M30S"), warnPercent: 75,
        pauseWhenPending: false, onWarn: actions, onBreach: [BundleAction(.escalate)]),
      priority: 60,
      outcomes: [
        BundleOutcome(
          code: "all", close: "resolved", start: ["approve", "form"], assign: "original", escalate: true,
          stage: "later", pend: true, set: [BundleAssignment(field: "F_string", value: "done")]),
        BundleOutcome(
          code: "none", close: nil, start: [], assign: nil, escalate: false, stage: nil, pend: false, set: []),
      ],
      fields: [], distribution: nil, mode: .push, offerTimeoutSeconds: 20, weight: 2, allowClaim: true),
    BundleTask(
      id: "approve", name: "Approve", description: nil, kind: .approval, start: false,
      target: [BundleTargetChoice(when: nil, to: "agents")], ola: nil, priority: nil,
      outcomes: [], fields: [],
      distribution: BundleDistribution(
        skill: "billing", tiers: [80, 50, 0],
        expandAfter: BundleDuration(minutes: 30, calendar: "office", text: "30m")), mode: .pull),
    BundleTask(
      id: "form", name: "Form", description: nil, kind: .form, start: false,
      target: [BundleTargetChoice(when: nil, to: "agents")], ola: nil, priority: nil, outcomes: [],
      fields: [field(.text, required: true), field(.date, description: "when")], distribution: nil),
  ]

  /// `claims` with the customer keys, which its initializer leaves out: a name and an email
  /// (`withPhoneOnlyCustomer` has the phone; `bare` neither key) and two statuses' words.
  static var claims: BundleCaseType {
    var claims = claimsWithoutCustomer
    claims.customer = BundleCustomerMapping(name: "F_string", email: "F_email", phone: nil)
    claims.customerStatus = ["pending": "Waiting for your documents", "closed": "Résolu ☕"]
    claims.customerNextStep = ["pending": "Reply to our email with the documents attached"]
    return claims
  }

  static let claimsWithoutCustomer = BundleCaseType(
    id: "claims", name: "Claims", description: "a café ☕ claim", source: BundleSource(file: "claims.yaml", line: 3),
    reference: "CLM-{seq:6}", calendar: "office", priority: 50,
    sla: BundleServiceLevel(
      within: BundleDuration(minutes: 1440, calendar: "office", text: "3d"), warnPercent: nil,
      pauseWhenPending: true, onWarn: [], onBreach: []),
    fields: BundleField.Kind.allCases.map { field($0, required: $0 == .string, description: "about \($0)") },
    rules: [
      BundleRule(when: condition, priority: 90, set: [BundleAssignment(field: "F_enum", value: "gold")]),
      BundleRule(
        when: BundleCondition(text: "F_boolean", expression: .init(.isNotEmpty, field: "F_boolean")),
        priority: nil, set: []),
      BundleRule(
        when: BundleCondition(text: "customer.is_new", expression: .init(.customerIsNew)), priority: nil, set: [],
        target: "agents", skill: "french", acknowledge: "plain"),
    ],
    escalation: [
      BundleEscalationLevel(target: "agents", task: "approve"), BundleEscalationLevel(target: "nobody", task: "form"),
    ],
    stages: [
      BundleStage(id: "first", name: "First", startTasks: ["handle"], tasks: tasks),
      BundleStage(id: "later", name: "Later", startTasks: [], tasks: []),
    ],
    notifications: BundleNotification.Event.allCases.enumerated().map { index, event in
      let channels = BundleNotification.Channel.allCases
      return BundleNotification(
        on: event, channel: channels[index % channels.count], to: [.variable("F_email")], template: "late")
    })

  /// A case type with every optional member unset and every list empty.
  static let bare = BundleCaseType(
    id: "bare", name: "Bare", description: nil, source: BundleSource(file: "bare.yaml", line: 1),
    reference: "B-{seq:1}", calendar: "24x7", priority: 0, sla: nil, fields: [], rules: [], escalation: [],
    stages: [], notifications: [])
}
