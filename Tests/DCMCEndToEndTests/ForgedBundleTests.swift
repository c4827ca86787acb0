import DCMCBundle
import Foundation
import Testing
import _DCMCTestSupport

/// A bundle written by hand, its hash computed again, naming a workgroup `../../EVIL`: no
/// command takes it, so the file store never makes a path of it.
@Suite struct ForgedBundleTests {
  static let evil = "../../EVIL"

  /// The reference bundle with `employees_group` renamed to `evil` wherever it is named,
  /// sealed with the hash of its new content.
  static func forged() throws -> (bytes: [UInt8], place: String) {
    var bundle = ReferenceBundle.compiled.bundle
    let index = bundle.workgroups.firstIndex { $0.id == "employees_group" }!
    bundle.workgroups[index].id = evil
    for type in bundle.caseTypes.indices {
      for stage in bundle.caseTypes[type].stages.indices {
        for task in bundle.caseTypes[type].stages[stage].tasks.indices {
          for choice in bundle.caseTypes[type].stages[stage].tasks[task].target.indices
          where bundle.caseTypes[type].stages[stage].tasks[task].target[choice].to == "employees_group" {
            bundle.caseTypes[type].stages[stage].tasks[task].target[choice].to = evil
          }
        }
      }
    }
    return (try BundleFile.seal(bundle).bytes, "workgroups.\(index).id")
  }

  @Test func bundleVerifyRefusesIt() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (bytes, place) = try Self.forged()
    try Data(bytes).write(to: directory.url.appendingPathComponent("evil.json"))
    let result = try BinaryRunner.run(["bundle", "verify", "evil.json"], in: directory.url)
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr
        == "dcmc: evil.json: bundle does not follow 'dcm-bundle/1': invalid id '\(Self.evil)' at '\(place)'\n")
  }

  @Test func deployRefusesItAndWritesNothing() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let nested = directory.url.appendingPathComponent("a/b")
    try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
    try Data(try Self.forged().bytes).write(to: nested.appendingPathComponent("evil.json"))
    let deploy = try BinaryRunner.run(["deploy", "evil.json", "--store", "s", "--as", "admin"], in: nested)
    #expect(deploy.status == 1)
    #expect(
      deploy.stderr.hasPrefix("dcmc: 'evil.json': bundle does not follow 'dcm-bundle/1': invalid id '../../EVIL'"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: nested.path) == ["evil.json"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["a"])
  }

  /// Issue 14 item 17: the reference bundle with the Technical case type's reference format
  /// `TEC/{seq:6}`, which validate refuses (DC2015): no command takes it.
  @Test func aReferenceFormatValidateRefusesIsRefusedByBundleVerifyAndDeploy() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var bundle = ReferenceBundle.compiled.bundle
    let index = try #require(bundle.caseTypes.firstIndex { $0.id == "technical" })
    bundle.caseTypes[index].reference = "TEC/{seq:6}"
    try Data(try BundleFile.seal(bundle).bytes).write(to: directory.url.appendingPathComponent("slash.json"))
    let reason =
      "bundle does not follow 'dcm-bundle/1': reference format of case type 'technical' is refused: "
      + "a case id cannot contain '/' at 'case_types.\(index).reference'"
    let verify = try BinaryRunner.run(["bundle", "verify", "slash.json"], in: directory.url)
    #expect(verify.status == 1)
    #expect(verify.stderr == "dcmc: slash.json: \(reason)\n")
    let deploy = try BinaryRunner.run(["deploy", "slash.json", "--store", "s", "--as", "admin"], in: directory.url)
    #expect(deploy.status == 1)
    #expect(deploy.stderr == "dcmc: 'slash.json': \(reason)\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["slash.json"])
  }

  /// The reference bundle with the address change's form field `Address_Checked` marked not
  /// public, which YAML refuses (DC4012: only a case type's fields have a public form): no
  /// command takes it. Before 7 December 2026 (stop 34) both took it, and nothing used the key.
  @Test func aTaskFieldMarkedNotPublicIsRefusedByBundleVerifyAndDeploy() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var bundle = ReferenceBundle.compiled.bundle
    let type = try #require(bundle.caseTypes.firstIndex { $0.id == "address_change" })
    let place = bundle.caseTypes[type].stages.indices.lazy.flatMap { stage in
      bundle.caseTypes[type].stages[stage].tasks.indices.lazy.compactMap { task in
        bundle.caseTypes[type].stages[stage].tasks[task].fields.firstIndex { $0.id == "Address_Checked" }
          .map { (stage, task, $0) }
      }
    }.first
    let (stage, task, field) = try #require(place)
    bundle.caseTypes[type].stages[stage].tasks[task].fields[field].isPublic = false
    let taskID = bundle.caseTypes[type].stages[stage].tasks[task].id
    try Data(try BundleFile.seal(bundle).bytes).write(to: directory.url.appendingPathComponent("hidden.json"))
    let reason =
      "bundle does not follow 'dcm-bundle/1': field 'Address_Checked' of task '\(taskID)' has 'public', which only "
      + "a case type's field has at 'case_types.\(type).stages.\(stage).tasks.\(task).fields.\(field).public'"
    let verify = try BinaryRunner.run(["bundle", "verify", "hidden.json"], in: directory.url)
    #expect(verify.status == 1)
    #expect(verify.stderr == "dcmc: hidden.json: \(reason)\n")
    let deploy = try BinaryRunner.run(["deploy", "hidden.json", "--store", "s", "--as", "admin"], in: directory.url)
    #expect(deploy.status == 1)
    #expect(deploy.stderr == "dcmc: 'hidden.json': \(reason)\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["hidden.json"])
  }
}

/// audit32 finding 6: `bundle verify` refuses what `deploy` refuses, for the same reason: a
/// bundle whose calendar cannot run here passed verify, then deploy refused it.
@Suite struct VerifyAsDeployTests {
  /// The reference bundle with calendar `office_brussels` changed by `change`, sealed.
  static func forged(_ change: (inout BundleCalendar) -> Void) throws -> [UInt8] {
    var bundle = ReferenceBundle.compiled.bundle
    let index = try #require(bundle.calendars.firstIndex { $0.id == "office_brussels" })
    change(&bundle.calendars[index])
    return try BundleFile.seal(bundle).bytes
  }

  static let variants: [(name: String, reason: String, change: @Sendable (inout BundleCalendar) -> Void)] = [
    ("zone", "time zone 'America/Nowhere_2099'", { $0.timezone = "America/Nowhere_2099" }),
    ("traversal", "time zone '../../../etc/passwd'", { $0.timezone = "../../../etc/passwd" }),
    ("overlap", "overlap", { $0.week = Array(repeating: [.init(start: 540, end: 800), .init(start: 600, end: 1020)], count: 7) }),
    ("eight days", "a week has 7 days, not 8", { $0.week = Array(repeating: [.init(start: 540, end: 1020)], count: 8) }),
    ("never open", "no open time", { $0.week = Array(repeating: [], count: 7); $0.overrides = [] }),
    // YAML refuses a week without hours even with an open override (DC6006); a bundle was
    // deployed with one before 7 December 2026, and its deadlines failed after the override.
    (
      "open on an override only", "calendar 'office_brussels' cannot be used: the calendar has no open time in its week",
      {
        $0.week = Array(repeating: [], count: 7)
        $0.overrides = [.init(date: "2026-03-02", windows: [.init(start: 540, end: 600)])]
      }
    ),
    // audit32 finding 9: YAML refuses these two (DC6001, DC6004); a bundle was deployed with them.
    (
      "right zone", "calendar 'office_brussels' cannot be used: time zone 'right/Europe/Brussels' is not known here",
      { $0.timezone = "right/Europe/Brussels" }
    ),
    (
      "empty window", "calendar 'office_brussels' cannot be used: window 09:00-09:00 is empty on Mon",
      { $0.week = Array(repeating: [.init(start: 540, end: 540)], count: 7) }
    ),
  ]

  @Test("verify refuses a bundle deploy refuses, with deploy's reason", arguments: variants.indices)
  func verifyRefusesWhatDeployRefuses(index: Int) throws {
    let variant = Self.variants[index]
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try Data(try Self.forged(variant.change)).write(to: directory.url.appendingPathComponent("b.json"))
    let verify = try BinaryRunner.run(["bundle", "verify", "b.json"], in: directory.url)
    #expect(verify.status == 1, "\(variant.name): \(verify.stdout)")
    #expect(verify.stdout.isEmpty, "\(variant.name)")
    #expect(verify.stderr.hasPrefix("dcmc: b.json: bundle 'sha256:"), "\(variant.name): \(verify.stderr)")
    #expect(verify.stderr.contains(variant.reason), "\(variant.name): \(verify.stderr)")
    let deploy = try BinaryRunner.run(["deploy", "b.json", "--store", "s", "--as", "admin"], in: directory.url)
    #expect(deploy.status == 1, "\(variant.name)")
    // One check, one reason: deploy says what verify said.
    #expect(deploy.stderr == "dcmc: nothing deployed: " + verify.stderr.dropFirst("dcmc: b.json: ".count))
  }

  @Test func verifyStillAcceptsTheReferenceBundle() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try Data(try Self.forged { _ in }).write(to: directory.url.appendingPathComponent("b.json"))
    let verify = try BinaryRunner.run(["bundle", "verify", "b.json"], in: directory.url)
    #expect(verify.status == 0, "\(verify.stderr)")
  }
}
