import DCMCBundle
import DCMCChecker
import DCMCCompiler
import DCMCModel
import DCMCSyntax
import Testing
import _DCMCTestSupport

/// The compiler runs on definitions the checker passed; handed others, it refuses them with a
/// `CompileError` rather than trapping (a library caller's mistake is not a crash either).
@Suite struct UncheckedDefinitionsTests {
  @Test func aDurationOnACalendarThatIsNotDefinedIsRefused() throws {
    let files = try CompileFixture.referenceFiles()
    let result = Checker.check(files.map { YAMLReader.parse(name: $0.name, bytes: Array($0.text.utf8)) })
    var definitions = result.definitions
    let index = try #require(definitions.caseTypes.firstIndex { $0.sla != nil })
    var sla = try #require(definitions.caseTypes[index].sla)
    sla.calendar = Located("nowhere", at: definitions.caseTypes[index].header.range)
    definitions.caseTypes[index].sla = sla
    #expect(throws: CompileError.self) { try Compiler.compile(definitions, compilerVersion: "test") }
  }

  @Test func aConditionThatDidNotParseIsRefused() throws {
    let files = try CompileFixture.referenceFiles()
    let result = Checker.check(files.map { YAMLReader.parse(name: $0.name, bytes: Array($0.text.utf8)) })
    var definitions = result.definitions
    let index = try #require(definitions.caseTypes.firstIndex { !$0.rules.isEmpty })
    definitions.caseTypes[index].rules[0].when.expression = nil
    #expect(throws: CompileError.self) { try Compiler.compile(definitions, compilerVersion: "test") }
  }

  @Test func aBundleWithANumberJSONCannotHoldIsNotSealed() throws {
    var bundle = ReferenceBundle.compiled.bundle
    let index = try #require(bundle.caseTypes.firstIndex { !$0.rules.isEmpty })
    bundle.caseTypes[index].rules[0].when.expression = BundleExpression(.literal, literal: .number(.infinity))
    #expect(throws: BundleSealError.self) { try BundleFile.seal(bundle) }
  }
}
