import DCMCBundle
import Foundation
import Testing

@Suite struct DeterminismTests {
  @Test func compilingTwiceGivesTheSameBytes() throws {
    let files = try CompileFixture.referenceFiles()
    #expect(CompileFixture.compile(files).bytes == CompileFixture.compile(files).bytes)
  }

  @Test func theOrderOfFilesDoesNotChangeTheBundle() throws {
    let files = try CompileFixture.referenceFiles()
    let reference = CompileFixture.compile(files).bytes
    #expect(CompileFixture.compile(files.reversed()).bytes == reference)
    #expect(
      CompileFixture.compile(files.enumerated().sorted { ($0.offset * 7) % 11 < ($1.offset * 7) % 11 }.map(\.element))
        .bytes == reference)
  }

  @Test func theOrderOfKeysOnALineDoesNotChangeTheBundle() throws {
    let before = CompileFixture.caseType(
      """
      stages:
        - id: work
          tasks:
            - { id: handle, target: agents, ola: 4h, outcomes: { resolved: { close: resolved }, done: {} } }
      sla: { within: 3d, on_breach: [{ notify: note, to: "{{Name}}" }] }
      notifications:
        - { on: case_created, channel: sms, to: "{{Name}}", template: note }
      """)
    let after = CompileFixture.caseType(
      """
      stages:
        - tasks:
            - { outcomes: { done: {}, resolved: { close: resolved } }, ola: 4h, target: agents, id: handle }
          id: work
      sla: { on_breach: [{ to: "{{Name}}", notify: note }], within: 3d }
      notifications:
        - { template: note, to: "{{Name}}", channel: sms, on: case_created }
      """)
    let calendarBefore =
      "kind: Calendar\nid: office\ntimezone: Europe/Brussels\nhours: { mon-thu: \"09:00-17:00\", fri: \"09:00-12:00\" }\n"
    let calendarAfter =
      "id: office\nkind: Calendar\nhours: { fri: \"09:00-12:00\", mon-thu: \"09:00-17:00\" }\ntimezone: Europe/Brussels\n"
    let shared = CompileFixture.shared.components(separatedBy: "---\n").dropFirst().joined(separator: "---\n")
    // The bodies bring their own long-form SLA in place of the fixture's `sla: 3d`.
    func withoutShortSLA(_ file: (name: String, text: String)) -> (name: String, text: String) {
      (file.name, file.text.replacingOccurrences(of: "sla: 3d\n", with: "\n"))
    }
    let one = CompileFixture.compile([("c.yaml", calendarBefore), ("shared.yaml", shared), withoutShortSLA(before)])
    let two = CompileFixture.compile([("c.yaml", calendarAfter), ("shared.yaml", shared), withoutShortSLA(after)])
    #expect(one.bundle.caseType("claims")?.sla?.onBreach.first?.to == [.variable("Name")])
    #expect(one.bytes == two.bytes)
  }

  @Test func aCommentChangesNothingButAnyChangeToADefinitionChangesTheHash() throws {
    let files = try CompileFixture.referenceFiles()
    let reference = CompileFixture.compile(files).bundle.hash
    func hash(editing name: String, _ old: String, _ new: String) throws -> String {
      let edited = try files.map { file in
        guard file.name == name else { return file }
        let text = file.text.replacingOccurrences(of: old, with: new)
        try #require(text != file.text, "'\(old)' is in \(name)")
        return (file.name, text)
      }
      return CompileFixture.compile(edited).bundle.hash
    }
    #expect(
      try hash(editing: "definitions/technical.yaml", "# Technical: a problem", "# Technical: an issue") == reference)
    let edits = [
      ("definitions/technical.yaml", "within: 12h", "within: 11h"),
      ("definitions/technical.yaml", "name: Expert review", "name: Expert Review"),
      ("definitions/calendars.yaml", "  - 2026-12-25   # Christmas Day", "  - 2026-12-26   # Christmas Day"),
      ("definitions/templates.yaml", "Dear {{Customer_Name}}", "Hello {{Customer_Name}}"),
      ("definitions/workgroups.yaml", "supervisors: [sam]", "supervisors: [sam, eve]"),
      ("definitions/technical.yaml", "description: A technical problem", "description: A technical issue"),
    ]
    var hashes: Set<String> = [reference]
    for (name, old, new) in edits {
      hashes.insert(try hash(editing: name, old, new))
    }
    #expect(hashes.count == edits.count + 1)
  }
}
