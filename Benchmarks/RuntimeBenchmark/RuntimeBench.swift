import BenchmarkSupport
import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCChecker
import DCMCCompiler
import DCMCRuntime
import DCMCStore
import DCMCSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct BenchError: Error, CustomStringConvertible {
  var description: String
}

/// The measurements, on stores under one scratch directory.
struct RuntimeBench {
  let root: String
  let dcmc: String
  let bundle: DefinitionBundle
  let bytes: [UInt8]
  static let form = [
    "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
    "Problem_Description": "The modem drops every evening",
  ]

  init(directory: String, dcmc: String) throws {
    var template = Array("\(directory)/dcmc-runtime-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw BenchError(description: "cannot make a directory in \(directory)") }
    root = String(cString: made)
    self.dcmc = dcmc
    let files = try Self.yamlFiles(under: "definitions")
    let result = Checker.check(files.map { try! YAMLReader.load(path: $0) })
    guard result.errorCount == 0 else { throw BenchError(description: "definitions/ has errors; run from the repository root") }
    (bundle, bytes) = try Compiler.compile(result.definitions, compilerVersion: "benchmark")
  }

  func cleanUp() { _ = Shell.run(["/bin/rm", "-rf", root]) }

  static func yamlFiles(under directory: String) throws -> [String] {
    guard let handle = opendir(directory) else { throw BenchError(description: "cannot read \(directory)") }
    defer { closedir(handle) }
    var files: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
      if name.hasPrefix(".") { continue }
      let path = directory + "/" + name
      if name.hasSuffix(".yaml") { files.append(path) } else if entry.pointee.d_type == DT_DIR { files += try yamlFiles(under: path) }
    }
    return files.sorted()
  }

  /// A store with `count` Technical cases: `dueBatch` of them created at `dueStart`, the
  /// rest a week later, so only the first batch has timers due a day after `dueStart`.
  func makeStore(_ name: String, count: Int, dueBatch: Int = 0, dueStart: Instant) throws -> CaseService {
    let repository = try FileCaseRepository.openOrCreate(at: root + "/" + name)
    let service = repository.service(zone: TimeZoneDatabase.rules(named:), clock: FixedClock(dueStart))
    _ = try service.deploy(bundle, bytes: bytes, by: nil)
    for index in 0..<count {
      let at = index < dueBatch ? dueStart : dueStart.adding(seconds: 7 * 86_400 + index)
      _ = try service.with(clock: FixedClock(at)).create(type: "technical", fields: Self.form, request: nil, by: "alice")
    }
    return service
  }

  static let monday = Timestamp("2026-03-02T09:00:00+01:00")!.instant
}
