import DCMCApplication
import Testing
import _DCMCTestSupport

/// An id's problem is found byte by byte (`UserID.problem`): the answer of reading it scalar
/// by scalar, the definition, kept here as the reference.
@Suite struct UserIDTests {
  static func reference(_ text: String, maximumBytes: Int = UserID.maximumBytes) -> String? {
    if text.isEmpty { return "is empty" }
    if text == "." || text == ".." { return "is a directory reference" }
    if text.hasPrefix(".") { return "starts with '.'" }
    if text.utf8.count > maximumBytes { return "is longer than \(maximumBytes) bytes" }
    for scalar in text.unicodeScalars {
      if scalar == "/" { return "contains '/'" }
      if scalar.value == 0 { return "contains a nul character" }
      if UserID.isControl(scalar) { return "contains a control character" }
    }
    return nil
  }

  @Test func theBytesGiveTheScalarsProblem() {
    // Controls (C0, DEL, C1 and the scalars beside them), a combining mark after a leading
    // ".", the scalars whose UTF-8 starts with 0xC2 or holds 0x80-0x9F as a continuation.
    let alphabet = Array(
      "a.Z0-_/\u{0}\u{1}\u{1f}\u{7f}\u{80}\u{85}\u{9f}\u{a0}\u{c2}\u{301}é€\u{1F600}\u{2028}\u{0}\r\n".unicodeScalars)
    var generator = SeededGenerator(seed: 18)
    var texts = ["", ".", "..", "...", ".\u{301}", ".\u{301}a", "a/b", "C-2024-0001", "CUS-000001", "ünïcode"]
    texts.append(String(repeating: "a", count: 128))
    texts.append(String(repeating: "a", count: 129))
    texts.append(String(repeating: "é", count: 64) + "\u{85}")
    for _ in 0..<3000 {
      let count = Int.random(in: 1...8, using: &generator)
      var scalars = String.UnicodeScalarView()
      for _ in 0..<count { scalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
      texts.append(String(scalars))
    }
    var problems = Set<String>()
    for text in texts {
      let problem = UserID.problem(text)
      #expect(problem == Self.reference(text), "\(text.debugDescription)")
      #expect(UserID.problem(text, maximumBytes: 4) == Self.reference(text, maximumBytes: 4))
      if let problem { problems.insert(problem) }
    }
    // Every kind of problem was met.
    #expect(problems.count == 7)
  }

  /// An interaction and a new attachment's name are one line of plain text, in `OneLine`'s
  /// words: each restated part of the rule in words of its own and let a line separator pass.
  @Test(arguments: [
    ("phone:a\u{1b}b", "holds U+001B (a control character); an interaction is one line of plain text"),
    ("phone:a\u{2028}b", "holds U+2028 (a line break); an interaction is one line of plain text"),
    ("\u{202E}phone:x", "holds U+202E (a bidirectional embedding or override); an interaction is one line of plain text"),
  ])
  func anInteractionIsOneLineOfPlainText(_ text: String, _ problem: String) {
    #expect(Interaction.problem(text) == problem)
  }

  @Test(arguments: [
    ("scan\u{2029}.pdf", "holds U+2029 (a line break); an attachment's name is one line of plain text"),
    ("scan\t.pdf", "holds U+0009 (a tab); an attachment's name is one line of plain text"),
    ("invoice\u{2066}fdp.exe", "holds U+2066 (a bidirectional isolate); an attachment's name is one line of plain text"),
    ("a/b.pdf", "contains '/'"), (".pdf", "starts with '.'"),
  ])
  func anAttachmentNameIsOneLineOfPlainTextAndAnID(_ name: String, _ problem: String) {
    #expect(UserID.attachmentNameProblem(name) == problem)
  }
}
