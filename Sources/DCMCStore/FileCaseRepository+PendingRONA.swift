public import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The RONAs ticks owe (`PendingRONA`): `ronas/<checksum>.json`, one file per note, a JSON
/// array of `{case, task, user, expired}`, written whole and durably (`DurableFiles.replace`:
/// one flush of the file and one of `ronas/`, however many RONAs it holds) before the tick's
/// case appends, and removed after its presence appends. The name is the CRC-32C of the
/// contents, so two ticks noting the same RONAs write the same file. A note whose contents are
/// not a note's or whose name is not their checksum (no crash leaves one: the replace is atomic)
/// is left out of the list: `store verify` names it and what is wrong, `store rebuild` removes it
/// (`ronaProblems`, `rebuildRONAs`).
extension FileCaseRepository {
  private static let ronas = StoreID(derived: "ronas")

  public func notePendingRONAs(_ ronas: [PendingRONA]) throws(RepositoryError) -> String {
    let bytes = JSONValue.array(ronas.map(\.storedJSON)).compact() + [10]
    let note = Self.noteName(of: bytes)
    try locked { transaction throws(RepositoryError) in
      try wrap { () throws(StoreError) in
        try transaction.makeDirectory(StorePath([Self.ronas]))
        try transaction.replace(StorePath([Self.ronas, StoreID(derived: note)]), with: bytes)
      }
    }
    return note
  }

  public func pendingRONAs() throws(RepositoryError) -> [(note: String, ronas: [PendingRONA])] {
    try wrap { () throws(StoreError) in
      let names: [String]
      do throws(StoreError) {
        names = try io(store.fileSystem.list(store.root + "/" + Self.ronas.rawValue)).map(\.name)
      } catch where error.code == ENOENT {
        return []
      }
      var notes: [(note: String, ronas: [PendingRONA])] = []
      for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
        guard let id = try? StoreID(name), let bytes = try store.contents(of: StorePath([Self.ronas, id])),
          case .success(let ronas) = Self.note(bytes, named: name)
        else { continue }
        notes.append((name, ronas))
      }
      return notes
    }
  }

  public func clearPendingRONAs(_ note: String) throws(RepositoryError) {
    let id = try Self.id(note)
    try locked { transaction throws(RepositoryError) in
      try wrap { () throws(StoreError) in try transaction.remove(StorePath([Self.ronas, id])) }
    }
  }

  /// What `store verify` finds under `ronas/`, one line each naming the file: a note that is not
  /// one (and why), and what is no note at all. A note that reads is pending work for the next
  /// tick or presence command, not damage.
  func ronaProblems() throws(RepositoryError) -> [String] {
    try ronaScan().map { "\($0.path): \($0.problem)" }
  }

  /// Removes what `ronaProblems` finds; returns the paths removed. A malformed note is dropped
  /// rather than applied: what it names cannot be trusted, and a RONA never made only leaves its
  /// user ready, to be offered work again (and set not ready by the next offer they leave).
  func rebuildRONAs() throws(RepositoryError) -> [String] {
    let found = try ronaScan()
    try wrap { () throws(StoreError) in
      for item in found {
        try IndexScan.remove(item.path, isDirectory: item.isDirectory, in: store.root, fileSystem: store.fileSystem)
      }
    }
    return found.map { "\($0.path) (\($0.problem))" }
  }

  /// The entries of `ronas/` that are not notes, with what is wrong with each, by name.
  private func ronaScan() throws(RepositoryError) -> [(path: String, isDirectory: Bool, problem: String)] {
    try wrap { () throws(StoreError) in
      let items: [DirectoryEntry]
      do throws(StoreError) {
        items = try io(store.fileSystem.list(store.root + "/" + Self.ronas.rawValue))
      } catch where error.code == ENOENT {
        return []
      }
      var found: [(path: String, isDirectory: Bool, problem: String)] = []
      for item in items.sorted(by: { $0.name < $1.name }) where !item.name.hasPrefix(".") {
        let path = Self.ronas.rawValue + "/" + item.name
        guard !item.isDirectory, item.name.hasSuffix(".json"), let id = try? StoreID(item.name) else {
          found.append((path, item.isDirectory, "stray \(item.isDirectory ? "directory" : "file") among the RONA notes"))
          continue
        }
        if case .failure(let malformed) = Self.note(try store.contents(of: StorePath([Self.ronas, id])) ?? [], named: item.name) {
          found.append((path, false, "malformed RONA note: \(malformed.reason)"))
        }
      }
      return found
    }
  }

  /// The name of the note holding `bytes`: their CRC-32C in 8 lowercase hex digits, `.json`.
  private static func noteName(of bytes: [UInt8]) -> String {
    let checksum = String(CRC32C.checksum(bytes), radix: 16)
    return String(repeating: "0", count: 8 - checksum.count) + checksum + ".json"
  }

  /// Why a note is not one.
  struct MalformedNote: Error {
    var reason: String
  }

  /// The RONAs of the note `name` holding `bytes`, or what is wrong with it: not a non-empty
  /// JSON array of `{case, task, user, expired}` (text each: ids, a task number from 1, a time),
  /// or its name not the checksum of its contents.
  static func note(_ bytes: [UInt8], named name: String) -> Result<[PendingRONA], MalformedNote> {
    guard case .array(let entries)? = try? JSONValue.parse(bytes, limits: .store) else {
      return .failure(MalformedNote(reason: "it is not a JSON array"))
    }
    guard !entries.isEmpty else { return .failure(MalformedNote(reason: "it names no RONA")) }
    var ronas: [PendingRONA] = []
    for (index, entry) in entries.enumerated() {
      let label = "entry \(index + 1)"
      guard let fields = try? [String: String](json: entry), let caseID = fields["case"], let task = fields["task"],
        let user = fields["user"], let expired = fields["expired"]
      else { return .failure(MalformedNote(reason: "\(label) is not {case, task, user, expired} as text")) }
      guard let number = Int(task), number > 0 else {
        return .failure(MalformedNote(reason: "\(label): task '\(task)' is not a task number"))
      }
      guard let instant = Timestamp(expired)?.instant else {
        return .failure(MalformedNote(reason: "\(label): expired '\(expired)' is not a time"))
      }
      guard (try? StoreID(caseID)) != nil, (try? StoreID(user)) != nil else {
        return .failure(MalformedNote(reason: "\(label): its case or user is not an id"))
      }
      ronas.append(PendingRONA(caseID: caseID, task: number, user: user, expired: instant))
    }
    let expected = noteName(of: bytes)
    guard expected == name else {
      return .failure(MalformedNote(reason: "its name is not the checksum of its contents (\(expected))"))
    }
    return .success(ronas)
  }
}
