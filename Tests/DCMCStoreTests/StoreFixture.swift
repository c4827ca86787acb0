import DCMCFiles
import DCMCStore
import Foundation
import _DCMCTestSupport

/// A store in a fresh temporary directory on the real file system, and ways to look at it.
struct StoreFixture {
  let directory: TemporaryDirectory
  /// The store's root: `<temporary directory>/store`.
  let root: String

  init() throws {
    directory = try TemporaryDirectory()
    root = directory.url.path + "/store"
    _ = try Store.create(at: root)
  }

  func store(_ fileSystem: any FileSystem = PosixFileSystem()) throws -> Store {
    try Store.open(at: root, fileSystem: fileSystem)
  }

  /// Every file and directory under the root, hidden ones included, by path relative to it.
  func tree() throws -> MemoryFileSystem.Tree { try Self.tree(at: root) }

  /// Every file and directory under `root`, hidden ones included, by path relative to it.
  static func tree(at root: String) throws -> MemoryFileSystem.Tree {
    var tree: MemoryFileSystem.Tree = [:]
    let manager = FileManager.default
    guard let walker = manager.enumerator(atPath: root) else { return tree }
    for case let relative as String in walker {
      let path = root + "/" + relative
      var isDirectory: ObjCBool = false
      _ = manager.fileExists(atPath: path, isDirectory: &isDirectory)
      tree[relative] =
        isDirectory.boolValue ? .directory : .file(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }
    return tree
  }

  /// The bytes of the file at `relative` (from the root).
  func bytes(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)))
  }

  /// Replaces the file at `relative` with `bytes`, as damage or a crash would.
  func overwrite(_ relative: String, with bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: root + "/" + relative))
  }

  /// Sets byte `index` of the file at `relative` to `byte`, as damage on disk would; the
  /// file's bytes after.
  @discardableResult
  func damage(_ relative: String, at index: Int, to byte: UInt8) throws -> [UInt8] {
    var bytes = try self.bytes(relative)
    bytes[index] = byte
    try overwrite(relative, with: bytes)
    return bytes
  }

  func remove() { directory.remove() }
}

/// Short ways to write the tests.
extension Store {
  @discardableResult
  func append(_ texts: [String], to stream: String) throws -> AppendResult {
    let id = try StoreID(stream)
    return try write { transaction throws(StoreError) in try transaction.append(texts.map { Array($0.utf8) }, to: id) }
  }

  func texts(of stream: String) throws -> [String]? {
    try history(of: StoreID(stream)).map { $0.records.map { String(decoding: $0.payload, as: UTF8.self) } }
  }

  func replace(_ path: String, with text: String) throws {
    let components = path.split(separator: "/").map(String.init)
    let ids = try components.map { component throws(StoreError) in try StoreID(component) }
    try write { transaction throws(StoreError) in try transaction.replace(StorePath(ids), with: Array(text.utf8)) }
  }
}
