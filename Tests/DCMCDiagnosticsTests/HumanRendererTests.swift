import DCMCDiagnostics
import Testing

@Suite struct HumanRendererTests {
  /// Renders one diagnostic over `file` as text without colours or the summary line.
  func render(_ diagnostic: Diagnostic, file: SourceFile?, colors: Bool = false) -> String {
    let sources = file.map { [$0.name: $0] } ?? [:]
    let text = DiagnosticReport(diagnostics: [diagnostic], sources: sources, fileCount: 1)
      .render(.human, colors: colors, toolVersion: "1")
    return String(text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(3).joined(separator: "\n"))
  }

  let file = SourceFile(
    name: "a.yaml", text: "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine: x\nten: y\n")

  @Test func gutterIsAsWideAsTheLargestLineNumberShown() {
    let diagnostic = Diagnostic(
      .duplicateKey, "duplicate key 'nine'", at: ReportFixture.range(of: "nine", in: file),
      notes: [Note("first occurrence is here", at: ReportFixture.range(of: "ten", in: file))])
    #expect(
      render(diagnostic, file: file) == """
        a.yaml:9:1: error[DC1002]: duplicate key 'nine'
           |
         9 | nine: x
           | ^^^^
        a.yaml:10:1: note: first occurrence is here
           |
        10 | ten: y
           | ---
        """)
  }

  @Test func tabsPrintAsOneSpaceSoCaretsStayUnderTheSpan() {
    let tabbed = SourceFile(name: "t.yaml", text: "a:\t\tvalue\n")
    let output = render(Diagnostic(.wrongType, "bad", at: ReportFixture.range(of: "value", in: tabbed)), file: tabbed)
    #expect(output.contains("1 | a:  value\n  |     ^^^^^"))
  }

  /// A file's control characters cannot drive the terminal or forge lines (stop 31's audit):
  /// the quoted line shows each as U+FFFD, one cell, so the marks stay under the span, and the
  /// message (which quotes a value) shows them escaped.
  @Test func controlCharactersInTheLineAndTheMessageAreNotPrinted() {
    let hostile = SourceFile(name: "h.yaml", text: "a: x\u{1B}]0;owned\u{7}value\n")
    let diagnostic = Diagnostic(
      .yamlSyntax, "invalid id 'x\u{1B}]0;owned\u{7}value\nforged: line'",
      at: ReportFixture.range(of: "value", in: hostile))
    let output = render(diagnostic, file: hostile)
    #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(output)")
    #expect(output.hasPrefix("h.yaml:1:15: error[DC1001]: invalid id 'x\\u{1b}]0;owned\\u{7}value\\u{a}forged: line'\n"), "\(output)")
    let underline = "  | " + String(repeating: " ", count: 14) + "^^^^^"
    #expect(output.contains("1 | a: x\u{FFFD}]0;owned\u{FFFD}value\n" + underline), "\(output)")
  }

  @Test func aLongLineIsQuotedAsAWindowAroundTheSpan() {
    let long = SourceFile(name: "l.yaml", text: "k: " + String(repeating: "a", count: 300) + "X" + String(repeating: "b", count: 300) + "\n")
    let output = render(Diagnostic(.wrongType, "bad", at: ReportFixture.range(of: "X", in: long)), file: long)
    let lines = output.split(separator: "\n")
    let quoted = lines.first { $0.hasPrefix("1 |") }.map(String.init)
    #expect(quoted == "1 | ..." + String(repeating: "a", count: 20) + "X" + String(repeating: "b", count: 79) + "...")
    #expect(lines.last.map(String.init) == "  | " + String(repeating: " ", count: 23) + "^")
  }

  /// Issue 14 item 7: each snippet copied its whole line before cutting the window out, so
  /// many diagnostics on one long line (a flow mapping of a megabyte) took time in the
  /// product of the two: minutes here in a debug build. Only the window is copied now.
  @Test func item7ManyDiagnosticsOnAMegabyteLineAreEachQuotedAsAWindow() {
    let count = 3_000
    let long = SourceFile(name: "l.yaml", text: String(repeating: "x", count: 1_000_000) + "\n")
    let diagnostics = (0..<count).map { index in
      Diagnostic(.unknownKey, "bad", at: ReportFixture.place("l.yaml", line: 1, column: 1_000 + index * 300))
    }
    let output = DiagnosticReport(diagnostics: diagnostics, sources: ["l.yaml": long], fileCount: 1)
      .render(.human, toolVersion: "1")
    let lines = output.split(separator: "\n")
    let window = "1 | ..." + String(repeating: "x", count: 100) + "..."
    #expect(lines.count { $0 == window } == count)
    #expect(lines.count { $0 == "  | " + String(repeating: " ", count: 23) + "^" } == count)
  }

  @Test func multibyteCharactersCountAsOneColumn() {
    let accented = SourceFile(name: "m.yaml", text: "name: Équipe ✓ x\n")
    let output = render(Diagnostic(.wrongType, "bad", at: ReportFixture.range(of: "x", in: accented)), file: accented)
    #expect(output.hasPrefix("m.yaml:1:16:"))
    #expect(output.contains("1 | name: Équipe ✓ x\n  |                ^"))
  }

  /// A terminal shows a wide character (CJK, an emoji) in two cells and a combining mark in
  /// none: the underline counted characters, so it stood left of a span after them and was
  /// too short under one made of them. The column in the position still counts characters.
  @Test func wideCharactersAndCombiningMarksAreUnderlinedInTerminalCells() {
    let wide = SourceFile(name: "w.yaml", text: "name: 日本 😀 e\u{301} x\ntarget: \"日本語😀é\"\n")
    let after = render(Diagnostic(.wrongType, "bad", at: ReportFixture.range(of: "x", in: wide)), file: wide)
    #expect(after.hasPrefix("w.yaml:1:15:"))
    #expect(after.contains("1 | name: 日本 😀 e\u{301} x\n  |                 ^"))
    let under = render(Diagnostic(.wrongType, "bad", at: ReportFixture.range(of: "\"日本語😀é\"", in: wide)), file: wide)
    #expect(under.contains("2 | target: \"日本語😀é\"\n  |         ^^^^^^^^^^^"))
  }

  @Test func spanOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() {
    let output = render(
      Diagnostic(.wrongType, "bad", at: ReportFixture.range(of: "three\nfour", in: file)), file: file)
    #expect(output.hasSuffix("3 | three\n  | ^^^^^"))
  }

  @Test func emptySpanGetsOneCaret() {
    let output = render(
      Diagnostic(.missingKey, "missing", at: ReportFixture.place("a.yaml", line: 2, column: 4)), file: file)
    #expect(output.hasSuffix("2 | two\n  |    ^"))
  }

  @Test func noSnippetWhenTheSourceIsUnknownOrTheLineIsOutOfRange() {
    let diagnostic = Diagnostic(.missingKey, "missing", at: ReportFixture.place("a.yaml", line: 40, column: 1))
    #expect(render(diagnostic, file: file) == "a.yaml:40:1: error[DC2005]: missing")
    #expect(render(diagnostic, file: nil) == "a.yaml:40:1: error[DC2005]: missing")
  }

  @Test func unlocatedNotesHelpAndFixItsFollowTheSnippet() {
    let span = ReportFixture.range(of: "two", in: file)
    let diagnostic = Diagnostic(
      .unknownKey, "unknown key 'two'", at: span, notes: [Note("allowed keys: one")], help: "remove it",
      fixIts: [FixIt(replacing: span, with: "")])
    #expect(
      render(diagnostic, file: file).hasSuffix(
        "  = note: allowed keys: one\n  = help: remove it\n  = fix-it: remove 'two'"))
  }

  @Test func colorsPaintSeverityAndMessageOnlyWhenAsked() {
    let error = Diagnostic(.wrongType, "bad", at: ReportFixture.range(of: "two", in: file))
    let warning = Diagnostic(.unreachableTask, "unused", at: ReportFixture.range(of: "two", in: file))
    #expect(
      render(error, file: file, colors: true).contains("\u{1B}[1;31merror[DC2006]\u{1B}[0m: \u{1B}[1;37mbad\u{1B}[0m"))
    #expect(render(warning, file: file, colors: true).contains("\u{1B}[1;33mwarning[DC4003]\u{1B}[0m"))
    #expect(!render(error, file: file).contains("\u{1B}"))
  }

  @Test(arguments: [
    (1, 1, 0, "validated 1 file: 1 error"),
    (2, 0, 1, "validated 2 files: 1 warning"),
    (5, 2, 3, "validated 5 files: 2 errors, 3 warnings"),
    (4, 0, 0, "validated 4 files: no problems"),
  ])
  func summaryCountsErrorsAndWarningsInWords(files: Int, errors: Int, warnings: Int, expected: String) {
    let place = ReportFixture.place("a.yaml", line: 1, column: 1)
    let diagnostics =
      Array(repeating: Diagnostic(.wrongType, "bad", at: place), count: errors)
      + Array(repeating: Diagnostic(.unreachableTask, "unused", at: place), count: warnings)
    let report = DiagnosticReport(diagnostics: diagnostics, sources: [:], fileCount: files)
    #expect(report.summaryLine == expected)
    #expect(report.render(.human, toolVersion: "1").hasSuffix("\(expected)\n"))
  }
}
