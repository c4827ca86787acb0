import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Paths, entries and file contents of `MemoryFileSystem`; callers hold `mutex`.
extension MemoryFileSystem {
  /// The directory inode holding the last component of `path`, and that component.
  func locateParent(_ path: String) throws(FileError) -> (Int, String) {
    let components = path.split(separator: "/").filter { $0 != "." }.map(String.init)
    guard let name = components.last else { throw .system(operation: "open", path: path, code: EINVAL) }
    var inode = MemoryFileSystem.rootInode
    for component in components.dropLast() {
      guard let next = entries(inode)[component] else { throw .system(operation: "open", path: path, code: ENOENT) }
      guard case .directory = inodes[next]! else { throw .system(operation: "open", path: path, code: ENOTDIR) }
      inode = next
    }
    return (inode, name)
  }

  /// The inode of the directory `path`.
  func directoryInode(_ path: String, operation: String) throws(FileError) -> Int {
    guard path.contains(where: { $0 != "/" && $0 != "." }) else { return MemoryFileSystem.rootInode }
    let (parent, name) = try locateParent(path)
    guard let inode = entries(parent)[name] else { throw .system(operation: operation, path: path, code: ENOENT) }
    guard case .directory = inodes[inode]! else { throw .system(operation: operation, path: path, code: ENOTDIR) }
    return inode
  }

  func entries(_ directory: Int) -> [String: Int] {
    guard case .directory(let entries) = inodes[directory] else { return [:] }
    return entries
  }

  func setEntry(_ directory: Int, _ name: String, _ inode: Int) {
    var list = entries(directory)
    list[name] = inode
    inodes[directory] = .directory(list)
  }

  func removeEntry(_ directory: Int, _ name: String) {
    var list = entries(directory)
    list[name] = nil
    inodes[directory] = .directory(list)
  }

  func contents(_ inode: Int) -> [UInt8] {
    guard case .file(let bytes) = inodes[inode] else { return [] }
    return bytes
  }

  func descriptor(_ file: FileDescriptor) throws(FileError) -> Int {
    guard let inode = descriptorInode(file.number) else {
      throw .system(operation: "use", path: file.path, code: EBADF)
    }
    return inode
  }

  /// `bytes` written at `offset` into `old`, which grows (with zeros) as needed.
  static func written(_ bytes: [UInt8], at offset: Int, into old: [UInt8]) -> [UInt8] {
    var file = old
    if file.count < offset + bytes.count { file += [UInt8](repeating: 0, count: offset + bytes.count - file.count) }
    file.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    return file
  }

  /// `old` cut, or grown with zeros, to `length` bytes.
  static func truncated(_ old: [UInt8], to length: Int) -> [UInt8] {
    old.count >= length ? Array(old.prefix(length)) : old + [UInt8](repeating: 0, count: length - old.count)
  }

  /// Everything reachable from the root of `inodes`, by absolute path.
  static func tree(of inodes: [Int: Inode]) -> Tree {
    var tree: Tree = [:]
    func visit(_ inode: Int, _ path: String) {
      guard case .directory(let entries) = inodes[inode] else { return }
      for (name, child) in entries {
        let childPath = path + "/" + name
        switch inodes[child] {
        case .file(let bytes): tree[childPath] = .file(bytes)
        case .directory:
          tree[childPath] = .directory
          visit(child, childPath)
        case nil: tree[childPath] = .file([])
        }
      }
    }
    visit(rootInode, "")
    return tree
  }
}
