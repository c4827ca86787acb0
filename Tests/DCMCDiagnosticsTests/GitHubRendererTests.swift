import DCMCDiagnostics
import Testing

@Suite struct GitHubRendererTests {
  func render(_ diagnostic: Diagnostic) -> String {
    let output = DiagnosticReport(diagnostics: [diagnostic], sources: [:], fileCount: 1).render(
      .github, toolVersion: "1")
    return String(output.split(separator: "\n").first ?? "")
  }

  /// A line break in a message is a value the message quotes: shown escaped, as the human
  /// format shows it, not a line of the annotation; `%` is the runner's escape.
  @Test func messageEscapesPercentAndShowsLineBreaksEscaped() {
    let place = ReportFixture.place("a.yaml", line: 1, column: 1)
    let output = render(Diagnostic(.wrongType, "50% done\r\nnext: a, b", at: place))
    #expect(output.hasSuffix("::50%25 done\\u{d}\\u{a}next: a, b"))
  }

  @Test func notesAndHelpShowControlAndBidirectionalCharactersEscaped() {
    let place = ReportFixture.place("a.yaml", line: 3, column: 2)
    let diagnostic = Diagnostic(
      .duplicateKey, "duplicate key 'x'", at: place, notes: [Note("first 'x\u{1B}[2J'", at: place), Note("y\u{2066}")],
      help: "z\u{9B}")
    #expect(
      render(diagnostic).hasSuffix(
        "::duplicate key 'x'%0Aa.yaml:3:2: note: first 'x\\u{1b}[2J'%0Anote: y\\u{2066}%0Ahelp: z\\u{9b}"))
  }

  @Test func propertyValuesAlsoEscapeColonsAndCommas() {
    let place = ReportFixture.place("dir,odd:name%\n.yaml", line: 1, column: 1)
    #expect(
      render(Diagnostic(.wrongType, "bad", at: place)).hasPrefix("::error file=dir%2Codd%3Aname%25%0A.yaml,line=1,"))
  }

  @Test func severityChoosesTheCommandAndEndColumnIsInclusive() {
    let span = SourceRange(
      file: "a.yaml", start: SourceLocation(line: 2, column: 3, offset: 0),
      end: SourceLocation(line: 2, column: 8, offset: 0))
    #expect(
      render(Diagnostic(.wrongType, "e", at: span)).hasPrefix(
        "::error file=a.yaml,line=2,col=3,endLine=2,endColumn=7,title=DC2006::e"))
    #expect(render(Diagnostic(.unreachableTask, "w", at: span)).hasPrefix("::warning "))
    #expect(render(Diagnostic(.unreachableTask, "n", at: span, severity: .note)).hasPrefix("::notice "))
  }

  @Test func notesAndHelpFollowTheMessageOnTheirOwnLines() {
    let place = ReportFixture.place("a.yaml", line: 3, column: 2)
    let diagnostic = Diagnostic(
      .duplicateKey, "duplicate key 'x'", at: place, notes: [Note("first here", at: place), Note("plain")], help: "h")
    #expect(render(diagnostic).hasSuffix("::duplicate key 'x'%0Aa.yaml:3:2: note: first here%0Anote: plain%0Ahelp: h"))
  }
}
