import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

extension ShapeReader {
  mutating func workgroup(_ view: MappingView, header: DefinitionHeader) -> Workgroup {
    var members: [Workgroup.Member] = []
    // `members` is required (DC2005 when missing); an empty list is the warning DC7003, but
    // members that failed their own checks do not make the list empty a second time.
    if let node = required(view, "members"), let items = list(node, for: "'members'") {
      members = withoutRepeats(each(items) { $0.member($1) }, key: \.user, code: .duplicateMember) {
        "user '\($0.user.value)' is listed twice in \(view.subject)"
      }
      if items.isEmpty {
        report(
          Diagnostic(
            .workgroupWithoutMembers, "\(view.subject) has no members", at: node.range,
            help: "nobody can pull work from a workgroup without members"))
      }
    }
    var supervisors: [Located<String>] = []
    if let node = view.value("supervisors"), let items = list(node, for: "'supervisors'") {
      supervisors = each(items) { $0.id($1, for: "a supervisor") }
    }
    let dispatch = view.value("distribution").flatMap { workgroupDistribution($0) } ?? Dispatch()
    let serviceLevel = view.value("service_level").flatMap { workgroupServiceLevel($0) }
    return Workgroup(
      header: header, members: members, supervisors: supervisors, dispatch: dispatch, serviceLevel: serviceLevel)
  }

  /// `service_level: { answer_within, target }`, both required: clock time and a percentage,
  /// each checked whatever the other is.
  fileprivate mutating func workgroupServiceLevel(_ node: Node) -> WorkgroupServiceLevel? {
    let subject = "the 'service_level' of a workgroup"
    guard let view = mapping(node, allowed: DefinitionKeys.workgroupServiceLevel, subject: subject) else { return nil }
    let within = required(view, "answer_within").flatMap {
      clockDuration($0, in: WorkgroupServiceLevel.answerWithinSeconds, for: "'answer_within'")
    }
    let target = required(view, "target").flatMap { percent($0, for: "'target'") }
    guard let within, let target else { return nil }
    return WorkgroupServiceLevel(answerWithin: within, target: target)
  }

  fileprivate mutating func member(_ node: Node) -> Workgroup.Member? {
    if node.scalar != nil {
      return id(node, for: "a member").map { Workgroup.Member(user: $0, skills: []) }
    }
    guard let view = mapping(node, allowed: DefinitionKeys.member, subject: "a member"),
      let user = id(view, "user", required: true)
    else { return nil }
    var skills: [(name: Located<String>, level: Located<Int>)] = []
    if let node = view.value("skills"),
      let map = mapping(node, allowed: [], subject: "the skills of '\(user.value)'", checkKeys: false)
    {
      for entry in map.entries {
        guard ShapeReader.isValidID(entry.key) else {
          report(Diagnostic(.invalidId, "invalid skill name '\(entry.key.prefix(40))'", at: entry.keyRange))
          continue
        }
        guard let scalar = entry.value.plainScalar, let level = Int(scalar.value) else {
          wrongType(entry.value, expected: "an integer from 0 to 100", for: "skill '\(entry.key)'")
          continue
        }
        guard (0...100).contains(level) else {
          report(
            Diagnostic(
              .skillOutOfRange, "skill level of '\(entry.key)' must be from 0 to 100, found \(level)",
              at: entry.value.range))
          continue
        }
        skills.append((Located(entry.key, at: entry.keyRange), Located(level, at: entry.value.range)))
      }
    }
    let capacity = view.value("capacity").flatMap {
      amount($0, in: Workgroup.Member.capacities, code: .capacityOutOfRange, for: "the capacity of '\(user.value)'")
    }
    return Workgroup.Member(user: user, skills: skills, capacity: capacity)
  }

  mutating func customerProfile(_ view: MappingView, header: DefinitionHeader) -> CustomerProfile {
    var fields: [FieldDefinition] = []
    if let node = required(view, "fields") {
      fields = fieldList(node, owner: view.subject)
    }
    if fields.count > CustomerProfile.maximumFields {
      report(
        Diagnostic(
          .tooManyProfileFields,
          "\(view.subject) has \(fields.count) fields, at most \(CustomerProfile.maximumFields) are allowed",
          at: fields[CustomerProfile.maximumFields].id.range))
    }
    for field in fields where CustomerProfile.builtinFields.contains(field.id.value) {
      report(
        Diagnostic(
          .profileFieldShadowsBuiltin, "field '\(field.id.value)' is a built-in customer field", at: field.id.range,
          help: "the customer record always has: \(CustomerProfile.builtinFields.joined(separator: ", "))"))
    }
    return CustomerProfile(
      header: header, fields: fields.filter { !CustomerProfile.builtinFields.contains($0.id.value) },
      reference: string(view, "reference").flatMap { referenceFormat($0, of: "customer") },
      phoneRegion: string(view, "phone_region"))
  }
}
