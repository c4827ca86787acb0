import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Everything under one derived index (`timers/`, `workbins/`, `queues/`, `holders/`, `by-customer/`, `open/` or `created/`), read by listing each
/// directory rather than trusting its shape: the entries, and what does not belong there (a
/// file where a key's directory belongs, a directory where an entry belongs, a key that is not
/// one). `store verify` reports what does not belong; `store rebuild` removes it.
struct IndexScan {
  /// An entry file: its key (`[day, minute]`, `[target]`) and its name (a case or task id).
  struct Entry: Hashable {
    var key: [StoreID]
    var name: StoreID
  }

  /// The index's directory name in the store (`timers`).
  let index: String
  var entries: [Entry] = []
  /// Paths relative to the store's root of what does not belong, each with what it is.
  var strays: [(path: String, isDirectory: Bool)] = []

  /// Reads the index `index` of the store at `root`, whose keys are `keyDepth` directories
  /// deep and whose key names at each level `isKey` accepts. Names starting with `.` are the
  /// store's own (leftovers of a replace) and skipped. A missing index is empty.
  init(
    _ index: String, keyDepth: Int, in root: String, fileSystem: any FileSystem,
    isKey: (_ level: Int, _ name: String) -> Bool
  ) throws(StoreError) {
    self.index = index
    try walk(root + "/" + index, relative: index, key: [], keyDepth: keyDepth, fileSystem: fileSystem, isKey: isKey)
  }

  private mutating func walk(
    _ directory: String, relative: String, key: [StoreID], keyDepth: Int, fileSystem: any FileSystem,
    isKey: (Int, String) -> Bool
  ) throws(StoreError) {
    let listed: [DirectoryEntry]
    do throws(StoreError) { listed = try io(fileSystem.list(directory)) } catch {
      if error.code == ENOENT && key.isEmpty { return }
      throw error
    }
    for item in listed.sorted(by: { $0.name < $1.name }) where !item.name.hasPrefix(".") {
      let path = relative + "/" + item.name
      let id = try? StoreID(item.name)
      if key.count < keyDepth {
        guard item.isDirectory, let id, isKey(key.count, item.name) else {
          strays.append((path, item.isDirectory))
          continue
        }
        try walk(
          directory + "/" + item.name, relative: path, key: key + [id], keyDepth: keyDepth, fileSystem: fileSystem,
          isKey: isKey)
      } else if let id, !item.isDirectory {
        entries.append(Entry(key: key, name: id))
      } else {
        strays.append((path, item.isDirectory))
      }
    }
  }

  /// The timer index: `timers/<yyyymmdd>/<hhmm>/<case id>`.
  static func timers(in root: String, fileSystem: any FileSystem) throws(StoreError) -> IndexScan {
    try byMinute("timers", in: root, fileSystem: fileSystem)
  }

  /// An index keyed by UTC minute, `<index>/<yyyymmdd>/<hhmm>/<entry>` (`timers/`, `wrapups/`).
  static func byMinute(_ index: String, in root: String, fileSystem: any FileSystem) throws(StoreError) -> IndexScan {
    try IndexScan(index, keyDepth: 2, in: root, fileSystem: fileSystem) { level, name in
      name.utf8.count == (level == 0 ? 8 : 4) && name.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
  }

  /// The workbin index: `workbins/<target>/<task id>`.
  static func workbins(in root: String, fileSystem: any FileSystem) throws(StoreError) -> IndexScan {
    try IndexScan("workbins", keyDepth: 1, in: root, fileSystem: fileSystem) { _, _ in true }
  }

  /// The queue index: `queues/<target>/<priority>/<day>/<minute>/<entry>`
  /// (`FileCaseRepository+Queues.swift`).
  static func queues(in root: String, fileSystem: any FileSystem) throws(StoreError) -> IndexScan {
    try IndexScan("queues", keyDepth: 4, in: root, fileSystem: fileSystem) { level, name in
      let utf8 = Array(name.utf8)
      func digits(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { (0x30...0x39).contains($0) } }
      switch level {
      case 0: return true
      case 1: return utf8.count == 10 && digits(utf8[...])
      case 2: return utf8.count == 9 && (utf8[0] == 0x61 || utf8[0] == 0x62) && digits(utf8[1...])
      default: return utf8.count == 4 && digits(utf8[...])
      }
    }
  }

  /// The holder index: `holders/<user>/<task id>`.
  static func holders(in root: String, fileSystem: any FileSystem) throws(StoreError) -> IndexScan {
    try IndexScan("holders", keyDepth: 1, in: root, fileSystem: fileSystem) { _, _ in true }
  }

  /// The open cases: `open/<case id>`.
  static func openCases(in root: String, fileSystem: any FileSystem) throws(StoreError) -> IndexScan {
    try IndexScan(FileCaseRepository.openDirectory, keyDepth: 0, in: root, fileSystem: fileSystem) { _, _ in true }
  }

  /// The cases by creation: `created/<yyyymmdd>/<hhmm>/<ss>/<case id>`.
  static func createdCases(in root: String, fileSystem: any FileSystem) throws(StoreError) -> IndexScan {
    try IndexScan(FileCaseRepository.createdDirectory, keyDepth: 3, in: root, fileSystem: fileSystem) { level, name in
      name.utf8.count == [8, 4, 2][level] && name.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
  }

  /// The per-customer case index: `by-customer/<customer id>/<case id>`.
  static func customerCases(in root: String, fileSystem: any FileSystem) throws(StoreError) -> IndexScan {
    try IndexScan(FileCaseRepository.customerCaseDirectory, keyDepth: 1, in: root, fileSystem: fileSystem) { _, _ in
      true
    }
  }

  /// Removes a stray file, or a stray directory with all it holds, then `fsync`s its parent.
  static func remove(_ path: String, isDirectory: Bool, in root: String, fileSystem: any FileSystem)
    throws(StoreError)
  {
    try removeTree(root + "/" + path, isDirectory: isDirectory, fileSystem: fileSystem)
    let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    try io(fileSystem.synchronizeDirectory(parent.isEmpty ? root : root + "/" + parent))
  }

  private static func removeTree(_ path: String, isDirectory: Bool, fileSystem: any FileSystem) throws(StoreError) {
    guard isDirectory else {
      try io(fileSystem.unlink(path))
      return
    }
    for item in try io(fileSystem.list(path)) {
      try removeTree(path + "/" + item.name, isDirectory: item.isDirectory, fileSystem: fileSystem)
    }
    try io(fileSystem.removeDirectory(path))
  }
}
