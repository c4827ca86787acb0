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
/// contents, so two ticks noting the same RONAs write the same file. A note that cannot be read
/// as one is left out of the list and left for whoever put it there.
extension FileCaseRepository {
  private static let ronas = StoreID(derived: "ronas")

  public func notePendingRONAs(_ ronas: [PendingRONA]) throws(RepositoryError) -> String {
    let entries = ronas.map { rona in
      ["case": rona.caseID, "task": String(rona.task), "user": rona.user, "expired": rona.expired.description].json
    }
    let bytes = JSONValue.array(entries).compact() + [10]
    let checksum = String(CRC32C.checksum(bytes), radix: 16)
    let note = String(repeating: "0", count: 8 - checksum.count) + checksum + ".json"
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
          let ronas = Self.pendingRONAs(bytes)
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

  /// The RONAs of a note's contents; `nil` when they are not a note's.
  private static func pendingRONAs(_ bytes: [UInt8]) -> [PendingRONA]? {
    guard case .array(let entries)? = try? JSONValue.parse(bytes, limits: .store) else { return nil }
    var ronas: [PendingRONA] = []
    for entry in entries {
      guard let fields = try? [String: String](json: entry), let caseID = fields["case"],
        let task = fields["task"].flatMap({ Int($0) }), let user = fields["user"],
        let instant = fields["expired"].flatMap({ Timestamp($0)?.instant })
      else { return nil }
      ronas.append(PendingRONA(caseID: caseID, task: task, user: user, expired: instant))
    }
    return ronas
  }
}
