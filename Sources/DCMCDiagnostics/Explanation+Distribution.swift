/// Push distribution and presence: DC2021, DC4019...DC4021, DC7011...DC7014.
extension Explanation {
  /// A case type whose one task, routed to `advisors`, has the YAML `keys` (task keys, one
  /// per line), followed by `workgroup`.
  private static func taskWith(_ keys: String, workgroup: String = advisorsWorkgroup) -> String {
    let indented = keys.split(separator: "\n").map { "        \($0)" }.joined(separator: "\n")
    return """
      kind: CaseType
      id: billing
      reference: "BIL-{seq:6}"
      stages:
        - id: handling
          tasks:
            - id: handle
              target: advisors
      \(indented)
              outcomes:
                resolved: { close: resolved }
      ---
      \(workgroup)
      """
  }

  static let durationOutOfRange = Explanation(
    title: "duration out of range",
    summary: """
      An offer's time-out (`offer_timeout`) and the wrap-up time (`wrap_up`) are clock time an advisor waits \
      through, so they have bounds: an offer stands from 5 seconds to 1 hour (shorter cannot be answered, \
      longer stalls the queue), and wrap-up lasts from 1 second to 1 hour. Both may be written in seconds \
      (`30s`, `1m30s`).
      """,
    wrong: """
      kind: Presence
      id: presence
      wrap_up: 3h
      """,
    right: """
      kind: Presence
      id: presence
      wrap_up: 3m
      """)

  static let offerTimeoutOnPullTask = Explanation(
    title: "offer time-out on a pull task",
    summary: """
      `offer_timeout` says how long a pushed offer stands before it goes to the next advisor. A task that is \
      pulled (its own `mode: pull`, or no mode of its own and a workgroup that does not push) is never offered, \
      so the time-out would never apply. Make the task push, or leave the time-out out.
      """,
    wrong: taskWith("distribution: { mode: pull, offer_timeout: 30s }"),
    right: taskWith("distribution: { mode: push, offer_timeout: 30s }"))

  static let weightOutOfRange = Explanation(
    title: "task weight out of range",
    summary: """
      A task's `weight` is how much of an advisor's capacity it takes while they hold it (or are offered it): \
      a whole number from 1 to 100, 1 when not given. A weight of 0 would let an advisor hold any number of \
      such tasks.
      """,
    wrong: taskWith("weight: 0"),
    right: taskWith("weight: 2", workgroup: """
      kind: Workgroup
      id: advisors
      members: [{ user: ann, capacity: 2 }, bob]
      """))

  static let weightAboveCapacity = Explanation(
    title: "task heavier than every member's capacity",
    summary: """
      No member of the task's workgroup can hold the task: its `weight` is more than the `capacity` of each of \
      them (1 when not given), so it would never be offered nor pulled. Raise a member's capacity or lower the \
      weight.
      """,
    wrong: taskWith("weight: 3"),
    right: taskWith("weight: 3", workgroup: """
      kind: Workgroup
      id: advisors
      members: [{ user: ann, capacity: 3 }, bob]
      """))

  static let capacityOutOfRange = Explanation(
    title: "member capacity out of range",
    summary: """
      A member's `capacity` is how much work they may hold at once, offers included, each task counting its \
      `weight`: a whole number from 1 to 100, 1 when not given. A member who may hold nothing should not be a \
      member.
      """,
    wrong: """
      kind: Workgroup
      id: advisors
      members:
        - { user: ann, capacity: 0 }
      """,
    right: """
      kind: Workgroup
      id: advisors
      members:
        - { user: ann, capacity: 2 }
      """)

  static let answerWithinBeyondOLA = Explanation(
    title: "service level no shorter than an OLA",
    summary: """
      A workgroup's `service_level` counts the tasks taken within `answer_within` of being queued, in \
      wall-clock time. A task routed there whose OLA, counted on `24x7`, is no longer than that has breached \
      its OLA before it misses the service level: shorten `answer_within` or lengthen the OLA.
      """,
    wrong: taskWith("ola: 2h", workgroup: serviceLevelWorkgroup),
    right: taskWith("ola: 4h", workgroup: serviceLevelWorkgroup))

  private static let serviceLevelWorkgroup = """
    kind: Workgroup
    id: advisors
    members: [ann, bob]
    service_level: { answer_within: 3h, target: 80% }
    """

  static let misnamedPresence = Explanation(
    title: "presence document not named presence",
    summary: """
      There is one set of presence rules for all advisors, so the `Presence` document has the id `presence`; \
      a second one is a duplicate (DC2008).
      """,
    wrong: """
      kind: Presence
      id: advisors_presence
      not_ready: [break]
      """,
    right: """
      kind: Presence
      id: presence
      not_ready: [break]
      """)

  static let reservedNotReadyReason = Explanation(
    title: "built-in not-ready reason declared",
    summary: """
      `RONA` (redirect on no answer) is the reason dcmc gives an advisor who let an offer time out; it always \
      exists and may not be declared, in any letter case, so that reports count it apart from the reasons \
      advisors choose.
      """,
    wrong: """
      kind: Presence
      id: presence
      not_ready: [break, RONA]
      """,
    right: """
      kind: Presence
      id: presence
      not_ready: [break]
      """)

  static let duplicateNotReadyReason = Explanation(
    title: "not-ready reason listed twice",
    summary: """
      Each not-ready reason is listed once under `not_ready`.
      """,
    wrong: """
      kind: Presence
      id: presence
      not_ready: [break, training, break]
      """,
    right: """
      kind: Presence
      id: presence
      not_ready: [break, training]
      """)
}
