import DCMCBundle
import DCMCCalendar

extension Decision {
  /// The decision that creates a case: the form checked (every problem listed), the
  /// reference made, the creation rules applied in order, the SLA's due time computed.
  /// A matching rule's `skill` is recorded on the case; its `target` and `acknowledge` are
  /// kept for the rest of the create (the tasks created with the case, its acknowledgement).
  static func creating(
    _ caseType: BundleCaseType, fields: [String: String], sequence: Int,
    definitions: RuntimeDefinitions, user: String, now: Instant, customer: CustomerContext?
  ) throws(Refusal) -> Decision {
    let rules = definitions.fields[caseType.id] ?? [:]
    var problems: [String] = []
    for field in caseType.fields where field.required && RuntimeDefinitions.isBlank(fields[field.id] ?? "") {
      problems.append("'\(field.id)' is required")
    }
    for problem in RuntimeDefinitions.problems(of: fields, under: rules) {
      switch problem {
      case .unknown(let id): problems.append("'\(id)' is not a field of case type '\(caseType.id)'")
      case .invalid(let id, let problem): problems.append("'\(id)' \(problem)")
      }
    }
    guard problems.isEmpty else {
      throw Refusal(.invalidInput, "the form of case type '\(caseType.id)' is not valid", problems: problems)
    }
    let calendar = definitions.calendar(caseType.calendar) ?? .alwaysOpen
    let reference = Self.reference(caseType.reference, sequence: sequence, at: now, in: calendar.zone)
    let placeholder = CaseState(
      CaseCreated(
        id: reference, type: caseType.id, bundle: definitions.bundle.hash, priority: caseType.priority,
        fields: fields.filter { !$0.value.isEmpty }, slaDue: nil, slaWarnAt: nil), at: now,
      by: user, seq: 0)
    var decision = Decision(
      state: placeholder, caseType: caseType, definitions: definitions, user: user, actor: user,
      now: now)
    decision.customer = customer
    // Rules see the form and each other's `set:`, in order; a later match wins.
    var priority = caseType.priority
    var data = placeholder.fields
    var skill: String?
    for rule in caseType.rules where decision.holds(rule.when.expression) {
      if let rulePriority = rule.priority { priority = rulePriority }
      if let target = rule.target { decision.ruleTarget = target }
      if let ruleSkill = rule.skill { skill = ruleSkill }
      if let template = rule.acknowledge { decision.acknowledgement = template }
      for assignment in rule.set { data[assignment.field] = assignment.value }
      decision.state.fields = data
    }
    let slaDue = try caseType.sla.map { sla throws(Refusal) in try decision.due(sla.within, from: now) }
    let slaWarnAt = try caseType.sla.flatMap { sla throws(Refusal) in
      try decision.warning(sla.warnPercent, of: sla.within, from: now)
    }
    let created = CaseCreated(
      id: reference, type: caseType.id, bundle: definitions.bundle.hash, priority: priority, fields: data,
      slaDue: slaDue, slaWarnAt: slaWarnAt, skill: skill)
    decision.state = CaseState(created, at: now, by: user, seq: 0)
    decision.emit(.created(created))
    return decision
  }

  /// `TEC-{seq:6}` with the case's number, `{yyyy}` and `{mm}` of the creation date in the
  /// case type's calendar zone.
  static func reference(_ template: String, sequence: Int, at now: Instant, in zone: ZoneRules) -> String {
    let date = Timestamp(now, utcOffset: zone.offset(at: now)).date
    var bytes = template
    if let made = bytes.withUTF8({ reference(ascii: $0, sequence: sequence, date: date) }) { return made }
    return reference(characters: template, sequence: sequence, date: date)
  }

  /// `reference` of an ASCII template, read as bytes (every character of ASCII text is one
  /// byte but CR LF, and neither brace is part of one); `nil` for any other template. Reading
  /// the template by characters cost 15 k instructions a create.
  static func reference(ascii template: UnsafeBufferPointer<UInt8>, sequence: Int, date: LocalDate) -> String? {
    guard template.allSatisfy({ $0 < 0x80 }) else { return nil }
    var result: [UInt8] = []
    result.reserveCapacity(template.count + 16)
    var start = 0
    while let open = template[start...].firstIndex(of: UInt8(ascii: "{")),
      let close = template[open...].firstIndex(of: UInt8(ascii: "}"))
    {
      result.append(contentsOf: UnsafeBufferPointer(rebasing: template[start..<open]))
      let placeholder = String(decoding: UnsafeBufferPointer(rebasing: template[(open + 1)..<close]), as: UTF8.self)
      if let text = placeholderText(placeholder, sequence: sequence, date: date) {
        result.append(contentsOf: text.utf8)
      } else {
        result.append(contentsOf: UnsafeBufferPointer(rebasing: template[open...close]))
      }
      start = close + 1
    }
    result.append(contentsOf: UnsafeBufferPointer(rebasing: template[start...]))
    return String(decoding: result, as: UTF8.self)
  }

  /// `reference` read by characters: the definition, for templates that are not ASCII.
  static func reference(characters template: String, sequence: Int, date: LocalDate) -> String {
    var result = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      result += rest[..<open]
      let placeholder = rest[rest.index(after: open)..<close]
      result += placeholderText(String(placeholder), sequence: sequence, date: date) ?? String(rest[open...close])
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }

  /// The text of a placeholder (`yyyy`, `mm`, `seq`, `seq:N`); `nil` for any other, which is
  /// written as it stands, braces and all.
  private static func placeholderText(_ placeholder: String, sequence: Int, date: LocalDate) -> String? {
    switch placeholder {
    case "yyyy": return Self.padded(date.year, 4)
    case "mm": return Self.padded(date.month, 2)
    case "seq": return String(sequence)
    default:
      guard placeholder.hasPrefix("seq:"), let width = Int(placeholder.dropFirst(4)) else { return nil }
      return Self.padded(sequence, min(width, 18))
    }
  }

  static func padded(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
