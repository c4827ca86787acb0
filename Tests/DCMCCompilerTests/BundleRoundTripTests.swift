import DCMCBundle
import Foundation
import Testing
import _DCMCTestSupport

/// Every bundle the compiler writes from the test definitions loads back equal.
@Suite struct BundleRoundTripTests {
  static let goldenOK = BinaryRunner.repositoryRoot.appendingPathComponent("Tests/DCMCCheckerTests/Golden/ok")

  static var goldenNames: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: goldenOK.path)) ?? []).filter { $0.hasSuffix(".yaml") }
      .sorted()
  }

  @Test("the bundle of a checker golden file that checks clean loads back equal", arguments: goldenNames)
  func golden(name: String) throws {
    let text = try String(contentsOf: Self.goldenOK.appendingPathComponent(name), encoding: .utf8)
    let (bundle, bytes) = CompileFixture.compile([(name, text)])
    #expect(try BundleFile.load(bytes) == bundle)
  }

  @Test func theGoldenFolderIsFound() {
    #expect(Self.goldenNames.count >= 10)
  }

  @Test func theCompilerTestsDefinitionsLoadBackEqual() throws {
    let (bundle, bytes) = CompileFixture.compile([("shared.yaml", CompileFixture.shared), CompilerTests.simple])
    #expect(try BundleFile.load(bytes) == bundle)
  }
}
