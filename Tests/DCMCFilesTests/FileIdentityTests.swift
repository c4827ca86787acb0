import Foundation
import Testing
import _DCMCTestSupport

@testable import DCMCFiles

/// A file's identity (`FileSystem.identity`) is written digit by digit: the text string
/// interpolation writes, which caches compare with what they kept.
@Suite struct FileIdentityTests {
  static func interpolated(_ n: [Int64], device: UInt64, inode: UInt64) -> String {
    "\(device):\(inode):\(n[0]):\(n[1]).\(n[2]):\(n[3]).\(n[4])"
  }

  @Test func theDigitsAreThoseInterpolationWrites() {
    var generator = SeededGenerator(seed: 18)
    let edges: [Int64] = [0, 1, 9, 10, 99, 100, 999_999_999, -1, -10, Int64.max, Int64.min]
    for round in 0..<500 {
      let n = (0..<5).map { place -> Int64 in
        round < edges.count ? edges[(round + place) % edges.count]
          : Int64.random(in: -(Int64(1) << Int.random(in: 0...62, using: &generator))...Int64.max, using: &generator)
      }
      let device = round == 1 ? UInt64.max : UInt64.random(in: 0...UInt64.max, using: &generator) >> (round % 64)
      let inode = UInt64.random(in: 0...1 << 40, using: &generator)
      let text = PosixFileSystem.identityText(
        [(device, false), (inode, false)] + n.map { ($0.magnitude, $0 < 0) })
      #expect(text == Self.interpolated(n, device: device, inode: inode))
    }
  }

  @Test func aFilesIdentityIsItsStatusAndChangesWithIt() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("identity-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("file").path
    let files = PosixFileSystem()
    #expect(try files.identity(path) == nil)
    try Data("one".utf8).write(to: URL(fileURLWithPath: path))
    var info = stat()
    #expect(lstat(path, &info) == 0)
    let expected = Self.interpolated(
      [Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec), Int64(info.st_ctim.tv_sec),
       Int64(info.st_ctim.tv_nsec)], device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    let first = try files.identity(path)
    #expect(first == expected)
    try Data("three".utf8).write(to: URL(fileURLWithPath: path))
    #expect(try files.identity(path) != first)
  }
}
