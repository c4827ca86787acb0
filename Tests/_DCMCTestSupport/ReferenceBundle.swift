import DCMCBundle
import DCMCChecker
import DCMCCompiler
import DCMCSyntax
import Foundation

/// The reference definitions of `definitions/`, checked and compiled once per test process,
/// for the tests of the runtime and its store.
public enum ReferenceBundle {
  public static let compiled: (bundle: DefinitionBundle, bytes: [UInt8]) = {
    let root = BinaryRunner.repositoryRoot.appendingPathComponent("definitions")
    let names = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    let parsed = names.map { name in
      YAMLReader.parse(
        name: "definitions/" + name,
        bytes: Array((try? Data(contentsOf: root.appendingPathComponent(name))) ?? Data()))
    }
    let result = Checker.check(parsed)
    precondition(result.errorCount == 0, "the reference definitions check clean")
    return Compiler.compile(result.definitions, compilerVersion: "test")
  }()
}
