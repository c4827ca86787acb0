import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A derived index kept as empty files, `<store>/<index>/<key...>/<entry>`, so adding or
/// removing an entry costs one file operation and a lookup lists one directory. Only the
/// names count: entries made together share one inode (hard links, `insert`), so a round of
/// creates allocates one inode for all its entries (one a thread, when it makes them on two:
/// `FileCaseRepository.insertEntries`).
///
/// Keys and entries are `StoreID`s, like every other name the store makes a path of: a name
/// that cannot be one (`../x`) is refused where it is made, never joined into a path.
///
/// Entries are added durably (the directory is flushed) before the command whose result
/// they index is appended, and removed lazily after it: a crash can leave an entry that
/// points at nothing due, which its reader drops, never a missing one.
struct EntryIndex: Sendable {
  let fileSystem: any FileSystem
  /// The index's directory.
  let directory: String
  /// Whether adding an entry makes the index's directory when it is missing. An index whose
  /// directory says that it is whole (`open/`, made by a new store and by `store rebuild`) is
  /// not made by an entry: a store without it adds none, and is read another way.
  var makesDirectory = true
  /// How many leading levels of a key stay once made, when their last entry goes: an index
  /// keyed by something the store holds few of (a user in `holders/`, a target in `workbins/`
  /// and `queues/`) keeps its directory for the next entry. Removing `holders/bob` at each
  /// release cost its `rmdir` (on a disk mounted `discard`, a synchronous discard of the
  /// directory's block), and the next assignment a refused `link`, two `mkdir`s and a second
  /// directory to flush before its append. Levels below (a day, a minute) come and go.
  var keptLevels = 0

  /// One entry to add, and optionally an entry file of the store that the same command
  /// removes after its append: the new entry is made a second name of that file (`link`),
  /// which spares allocating an inode (on ext4, a search that slows as files come and go).
  struct Addition: Sendable {
    var entry: StoreID
    var key: [StoreID]
    var donor: String?
  }

  /// The index's name: its directory's, in the store's root (`workbins`).
  var name: String { directory.split(separator: "/").last.map(String.init) ?? directory }

  /// The file of `entry` under `key`.
  func path(of entry: StoreID, under key: [StoreID]) -> String {
    folder(of: key) + "/" + entry.rawValue
  }

  /// The directory of `key`, built in one string of the right size (an array of the
  /// components joined was a tenth of a round's user-space instructions under the lock).
  private func folder(of key: [StoreID]) -> String {
    var path = directory
    path.reserveCapacity(key.reduce(directory.utf8.count) { $0 + 1 + $1.rawValue.utf8.count })
    for component in key {
      path += "/"
      path += component.rawValue
    }
    return path
  }

  /// Adds `additions`, then makes each directory whose entries changed durable once: a tick
  /// that files a hundred cases under one minute flushes that minute's directory once.
  func add(_ additions: [Addition]) throws(StoreError) {
    for path in try insert(additions) { try io(fileSystem.synchronizeDirectory(path)) }
  }

  /// Adds `additions` without flushing: returns the directories whose entries changed, to
  /// flush (`fsync`) before the appends they index, so a caller can flush another file first (the facts journal, whose
  /// `fdatasync` commits these entries with it on ext4, leaving the directories little to do).
  ///
  /// Entries are empty and only their names are read, so an addition without a donor is made
  /// a second name (`link`) of `shared`, an entry file made earlier in the same change, rather
  /// than a new file: a round of creates allocates one inode for all its entries instead of
  /// one per entry (five a create). `shared` starts as the caller's (nil: none yet) and is set
  /// to the first entry this call creates; when a link fails (`shared` gone, or `EMLINK` at the
  /// file system's link limit) the entry is created and becomes the new `shared`.
  func insert(_ additions: [Addition]) throws(StoreError) -> [String] {
    var shared: String?
    return try insert(additions, sharing: &shared)
  }

  /// `insert(_:)` whose entries share the inode of `shared` across calls (one change's
  /// indexes): see there.
  func insert(_ additions: [Addition], sharing shared: inout String?) throws(StoreError) -> [String] {
    var changed: [String] = []
    func note(_ path: String) { if !changed.contains(path) { changed.append(path) } }
    for addition in additions {
      let folder = folder(of: addition.key)
      let file = folder + "/" + addition.entry.rawValue
      do {
        // The entry first: its key's directories exist but for the first entry under a key, so
        // making them only when it is refused spares a `mkdir` per level per entry.
        do { try make(file, addition.donor, sharing: &shared) } catch where error.code == ENOENT {
          try makeFolders(addition.key, note: note)
          try make(file, addition.donor, sharing: &shared)
        }
        note(folder)
      } catch where error.code == EEXIST {} catch where error.code == ENOENT && !makesDirectory {}
    }
    return changed
  }

  /// The entry file `file`: a second name of `donor` or of `shared`, else a new empty file
  /// (which becomes `shared`).
  private func make(_ file: String, _ donor: String?, sharing shared: inout String?) throws(StoreError) {
    if let source = donor ?? shared {
      do { return try io(fileSystem.link(source, as: file)) } catch where error.code == ENOENT || error.code == EMLINK {}
    }
    fileSystem.close(try io(fileSystem.open(file, .createExclusive)))
    shared = file
  }

  /// Makes the index's directory (when it makes it) and those of `key`, each one that was
  /// missing noted (`note`) as a change of the directory it was made in.
  private func makeFolders(_ key: [StoreID], note: (String) -> Void) throws(StoreError) {
    if makesDirectory {
      do {
        try io(fileSystem.makeDirectory(directory))
        note(parent(of: directory))
      } catch where error.code == EEXIST {}
    }
    var path = directory
    for component in key {
      let child = path + "/" + component.rawValue
      do {
        try io(fileSystem.makeDirectory(child))
        note(path)
      } catch where error.code == EEXIST {}
      path = child
    }
  }

  /// Removes an entry, and its key's directories below the kept levels (`keptLevels`) when
  /// they become empty (or are missing).
  func remove(_ entry: StoreID, under key: [StoreID]) throws(StoreError) {
    try remove(entry, under: key, keeping: keptLevels)
  }

  /// Takes back an entry added for a command that failed, with every directory of its key
  /// that becomes empty, kept levels too: the store is left as the command found it (an
  /// empty kept directory it found there goes as well, which nothing reads).
  func takeBack(_ entry: StoreID, under key: [StoreID]) throws(StoreError) {
    try remove(entry, under: key, keeping: 0)
  }

  private func remove(_ entry: StoreID, under key: [StoreID], keeping kept: Int) throws(StoreError) {
    var path = folder(of: key)
    do { try io(fileSystem.unlink(path + "/" + entry.rawValue)) } catch where error.code == ENOENT {}
    for _ in key.dropFirst(kept) {
      // A key directory that is missing (an `add` failed before making it) leaves its parents
      // to check; one that holds other entries ends the walk.
      do { try io(fileSystem.removeDirectory(path)) } catch where error.code == ENOENT {} catch
        where error.code == ENOTEMPTY || error.code == EEXIST
      {
        return
      }
      path = parent(of: path)
    }
  }

  /// Removes the index's directory when it holds nothing (best effort): what an `add` made
  /// for entries taken back leaves the store as it was.
  func removeIfEmpty() {
    guard makesDirectory else { return }
    try? io(fileSystem.removeDirectory(directory))
  }

  /// The names under `key` (sub-keys or entries), sorted; none when the key is absent.
  /// Names that cannot be ids are not the index's: hidden files, and whatever else was put
  /// there by hand.
  func names(under key: [StoreID]) throws(StoreError) -> [StoreID] {
    do {
      return try io(fileSystem.list(folder(of: key))).compactMap { try? StoreID($0.name) }.sorted()
    } catch where error.code == ENOENT {
      return []
    }
  }

  /// Whether the entry `[key..., name]` is there (it opens): one lookup, not a listing of its
  /// key's directory, so that checking every entry of a key costs in proportion to them.
  func holds(_ entry: [StoreID]) -> Bool {
    guard let name = entry.last, let file = try? fileSystem.open(path(of: name, under: Array(entry.dropLast())), .read)
    else { return false }
    fileSystem.close(file)
    return true
  }

  /// Whether the index's directory is there: for an index whose directory says that it is
  /// whole (`makesDirectory` false), whether the store keeps it. One `lstat`, not a listing
  /// of the directory (100,000 names for `open/`, paid by `store verify` for each entry it
  /// finds missing). Only a file system that cannot tell files apart (`status` gives `nil`
  /// for what is there too) is asked for the listing, which fails at once when nothing is there.
  func exists() throws(StoreError) -> Bool {
    if try io(fileSystem.status(directory)) != nil { return true }
    do throws(StoreError) {
      _ = try io(fileSystem.list(directory))
      return true
    } catch where error.code == ENOENT {
      return false
    }
  }

  /// Whether the entry is there, or the store keeps no such index (its directory is missing):
  /// what `store verify` asks of an index whose directory says that it is whole.
  func holdsUnlessAbsent(_ entry: [StoreID]) -> Bool {
    holds(entry) || !((try? exists()) ?? true)
  }

  private func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
  }
}
