/// DC7xxx: workgroups and the customer profile.
extension Explanation {
  static let duplicateMember = Explanation(
    title: "duplicate member",
    summary: """
      A user is listed twice in the same workgroup, perhaps with different skills. dcmc cannot tell which \
      entry counts, so each member appears once.
      """,
    wrong: """
      kind: Workgroup
      id: advisors
      members: [ann, bob, ann]
      """,
    right: """
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      """)

  static let skillOutOfRange = Explanation(
    title: "skill level out of range",
    summary: """
      A skill level is a proficiency from 0 to 100. Skills-based distribution compares these levels with the \
      tiers of a task, which use the same scale.
      """,
    wrong: """
      kind: Workgroup
      id: technicians
      members:
        - { user: eve, skills: { technical: 120 } }
      """,
    right: """
      kind: Workgroup
      id: technicians
      members:
        - { user: eve, skills: { technical: 90 } }
      """)

  static let workgroupWithoutMembers = Explanation(
    title: "workgroup without members",
    summary: """
      The workgroup has no members, so nobody can pull the work routed to it and its workbin only grows. \
      Supervisors alone do not work on tasks.
      """,
    wrong: """
      kind: Workgroup
      id: advisors
      members: []
      supervisors: [sam]
      """,
    right: """
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      supervisors: [sam]
      """)

  private static let profileFields = """
      - { id: Segment, type: enum, values: [gold, silver, bronze] }
      - { id: Membership_No, type: string, pattern: "^M[0-9]{8}$" }
      - { id: Birth_Date, type: date }
      - { id: Language, type: enum, values: [fr, nl, en] }
      - { id: Address, type: text }
    """

  static let tooManyProfileFields = Explanation(
    title: "too many customer profile fields",
    summary: """
      The customer profile adds at most 5 fields to the built-in customer record (id, name, email, phone). \
      The record is meant to stay light; data about one request belongs in the case's fields.
      """,
    wrong: """
      kind: CustomerProfile
      id: customer
      fields:
      \(profileFields)
        - { id: Loyalty_Points, type: integer }
      """,
    right: """
      kind: CustomerProfile
      id: customer
      fields:
      \(profileFields)
      """)

  static let profileFieldShadowsBuiltin = Explanation(
    title: "profile field that redefines a built-in field",
    summary: """
      The customer record always has the fields `id`, `name`, `email` and `phone`. A profile field with one of \
      these names would hide the built-in one, so give the extra field another name.
      """,
    wrong: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: email, type: email }
      """,
    right: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: Work_Email, type: email }
      """)

  static let unknownPhoneRegion = Explanation(
    title: "unknown phone region",
    summary: """
      `phone_region` names the region (an ISO 3166 alpha-2 code in upper case, such as `BE`) whose way of \
      dialling is assumed for a phone number written without a calling code: in `BE`, `02 555 12 34` is \
      `+3225551234`. dcmc knows the calling code, international and trunk prefixes of the EU and EEA \
      countries, GB, CH, the NANP (US, CA) and a few more; a region it does not know could not be used.
      """,
    wrong: """
      kind: CustomerProfile
      id: customer
      phone_region: Belgium
      fields:
        - { id: Segment, type: enum, values: [gold, silver] }
      """,
    right: """
      kind: CustomerProfile
      id: customer
      phone_region: BE
      fields:
        - { id: Segment, type: enum, values: [gold, silver] }
      """)
}
