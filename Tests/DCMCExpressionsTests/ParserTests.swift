import DCMCCalendar
import DCMCDiagnostics
import DCMCExpressions
import Testing
import _DCMCTestSupport

@Suite struct ParserTests {
  @Test(arguments: [
    ("A == 1 or B == 2 and C == 3", "A == 1 or B == 2 and C == 3"),
    ("(A == 1 or B == 2) and C == 3", "(A == 1 or B == 2) and C == 3"),
    ("not A == 1 and B", "not A == 1 and B"),
    ("not (A and B)", "not (A and B)"),
    ("not not A", "not not A"),
    ("A and (B and C)", "A and (B and C)"),
    ("((A))", "A"),
    ("A or (B or C) or D", "A or (B or C) or D"),
    ("(not A) == false", "(not A) == false"),
    ("X not in ['a',\"b\"]", "X not in [\"a\", \"b\"]"),
    ("X   is   not   empty", "X is not empty"),
    ("A>=-3.50", "A >= -3.5"),
    ("D < 2026-12-25", "D < 2026-12-25"),
    ("T >= 2026-03-29T02:30:00+00:00", "T >= 2026-03-29T02:30:00Z"),
    ("T != 2026-03-29T02:30:00-09:30", "T != 2026-03-29T02:30:00-09:30"),
    (#"S == "say \"hi\" \\ 'x'""#, #"S == "say \"hi\" \\ 'x'""#),
    (#"S == 'it\'s'"#, #"S == "it's""#),
  ])
  func descriptionIsTheCanonicalFormWithNeededParentheses(source: String, canonical: String) throws {
    let expression = try #require(parsed(source))
    #expect(expression.description == canonical)
    #expect(parsed(canonical)?.description == canonical)
  }

  @Test func orBindsLooserThanAndWhichBindsLooserThanNot() throws {
    let expression = try #require(parsed("not A or B and C"))
    guard case .or(let alternatives) = expression.kind, alternatives.count == 2,
      case .not(let negated) = alternatives[0].kind, case .field("A") = negated.kind,
      case .and(let conjuncts) = alternatives[1].kind, conjuncts.count == 2
    else {
      Issue.record("unexpected tree \(expression)")
      return
    }
  }

  @Test func notAppliesToTheWholeComparison() throws {
    let expression = try #require(parsed("not Amount > 3"))
    guard case .not(let operand) = expression.kind, case .comparison(.greater, _, _, _) = operand.kind else {
      Issue.record("unexpected tree \(expression)")
      return
    }
  }

  @Test func chainsOfAndStayFlatSoLongConditionsDoNotNest() throws {
    let expression = try #require(parsed("A and B and C and D"))
    guard case .and(let operands) = expression.kind else {
      Issue.record("unexpected tree \(expression)")
      return
    }
    #expect(operands.map(\.description) == ["A", "B", "C", "D"])
  }

  @Test(arguments: [
    ("12", Value.number(12)),
    ("-3", .number(-3)),
    ("4.5", .number(4.5)),
    ("true", .boolean(true)),
    ("false", .boolean(false)),
    ("'a\"b'", .string("a\"b")),
    ("\"\"", .string("")),
    ("2024-02-29", .date(LocalDate(year: 2024, month: 2, day: 29))),
  ])
  func literalsReadAsTheirValues(source: String, value: Value) throws {
    let expression = try #require(parsed("X == \(source)"))
    guard case .comparison(.equal, _, let literal, _) = expression.kind else {
      Issue.record("unexpected tree \(expression)")
      return
    }
    #expect(literal.kind == .literal(value))
  }

  @Test func datetimeLiteralsKeepTheirOffset() throws {
    let expression = try #require(parsed("X == 2026-12-25T09:00:00+01:00"))
    guard case .comparison(_, _, let literal, _) = expression.kind, case .literal(.datetime(let time)) = literal.kind
    else {
      Issue.record("unexpected tree \(expression)")
      return
    }
    #expect(time.utcOffset == 3600)
    #expect(time.secondOfDay == 9 * 3600)
    #expect(time.instant.secondsSinceEpoch == 1_798_185_600)
  }

  @Test func nodesKeepTheColumnsOfTheirTokens() throws {
    let marked = MarkedText("1️⃣Amount 2️⃣>= 3 and 3️⃣X 4️⃣is not empty5️⃣")
    let expression = try #require(parsed(marked.text))
    guard case .and(let operands) = expression.kind,
      case .comparison(_, let lhs, _, let operatorRange) = operands[0].kind,
      case .emptiness(let subject, _, let emptinessRange) = operands[1].kind
    else {
      Issue.record("unexpected tree \(expression)")
      return
    }
    #expect(lhs.range.start == Place.location(marked[1].offset))
    #expect(operatorRange.start == Place.location(marked[2].offset))
    #expect(subject.range.start == Place.location(marked[3].offset))
    #expect(emptinessRange.start == Place.location(marked[4].offset))
    #expect(emptinessRange.end == Place.location(marked[5].offset))
    #expect(expression.range.end == Place.location(marked[5].offset))
  }

  @Test func inexactTextPutsEveryNodeAtTheFallback() throws {
    let fallback = Place.declaration(line: 30)
    let origin = TextOrigin(file: Place.file, start: Place.start, exact: false, fallback: fallback)
    let (expression, _) = ExpressionParser.parse("A == 1 and B", origin: origin)
    let tree = try #require(expression)
    guard case .and(let operands) = tree.kind else {
      Issue.record("unexpected tree \(tree)")
      return
    }
    #expect(tree.range == fallback)
    #expect(operands.allSatisfy { $0.range == fallback })
  }

  @Test func textWithALineBreakIsTreatedAsInexact() {
    let fallback = Place.declaration(line: 30)
    let origin = TextOrigin(file: Place.file, start: Place.start, exact: true, fallback: fallback)
    let (_, diagnostics) = ExpressionParser.parse("A == 1 and\n==", origin: origin)
    #expect(diagnostics.map(\.range) == [fallback])
  }
}
