extension ZoneRules {
  /// Reads the rules of zone `name` from the bytes of its TZif file (RFC 8536, versions 1
  /// to 4); `nil` when the bytes are not a well-formed TZif file.
  ///
  /// Version 2 and later files are read from their 64-bit block and footer rule; a version 1
  /// file from its 32-bit block. Leap-second records are skipped: business time counts POSIX
  /// seconds, as every clock a case meets does.
  public init?(name: String, tzif bytes: [UInt8]) {
    var reader = TZifReader(bytes: bytes)
    guard let first = reader.header() else { return nil }
    var block = first
    var timeSize = 4
    if first.version >= 2 {
      guard reader.skip(first.dataLength(timeSize: 4)), let second = reader.header() else { return nil }
      block = second
      timeSize = 8
    }
    guard block.typeCount >= 1, let table = reader.table(block, timeSize: timeSize) else { return nil }
    var rule: PosixTimeZoneRule?
    if block.version >= 2, let footer = reader.footer(), !footer.isEmpty {
      rule = PosixTimeZoneRule(footer)
    }
    // Before the first transition, the first time type is in force (RFC 8536 3.2).
    var transitions: [Int] = []
    var offsets = [table.offsets[0]]
    var changes: [Int] = []
    var names = [table.names[0]]
    for (time, type) in zip(table.times, table.types) {
      if table.offsets[type] != offsets.last! {
        transitions.append(time)
        offsets.append(table.offsets[type])
      }
      if table.names[type] != names.last! {
        changes.append(time)
        names.append(table.names[type])
      }
    }
    // The footer rule applies after the last transition of the file (RFC 8536 3.3).
    self.init(
      name: name, transitions: transitions, offsets: offsets, rule: rule,
      abbreviations: (changes, names, table.times.last ?? .min))
  }
}

/// A cursor over the bytes of a TZif file.
private struct TZifReader {
  struct Header {
    var version: Int
    var utIndicatorCount: Int
    var standardIndicatorCount: Int
    var leapCount: Int
    var timeCount: Int
    var typeCount: Int
    var characterCount: Int

    /// The length of the data block after this header.
    func dataLength(timeSize: Int) -> Int {
      timeCount * timeSize + timeCount + typeCount * 6 + characterCount + leapCount * (timeSize + 4)
        + standardIndicatorCount + utIndicatorCount
    }
  }

  struct Table {
    var times: [Int]
    var types: [Int]
    /// Seconds east of UTC, per time type.
    var offsets: [Int]
    /// The abbreviation of each time type (`CEST`, `-03`).
    var names: [String]
  }

  let bytes: [UInt8]
  var index = 0

  mutating func skip(_ count: Int) -> Bool {
    guard count >= 0, bytes.count - index >= count else { return false }
    index += count
    return true
  }

  mutating func header() -> Header? {
    guard bytes.count - index >= 44, bytes[index..<(index + 4)].elementsEqual("TZif".utf8) else { return nil }
    let versionByte = bytes[index + 4]
    let version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
    guard (1...9).contains(version) else { return nil }
    index += 20
    var counts: [Int] = []
    for _ in 0..<6 {
      guard let count = integer(size: 4), count >= 0, count < 1_000_000 else { return nil }
      counts.append(count)
    }
    return Header(
      version: version, utIndicatorCount: counts[0], standardIndicatorCount: counts[1], leapCount: counts[2],
      timeCount: counts[3], typeCount: counts[4], characterCount: counts[5])
  }

  mutating func table(_ header: Header, timeSize: Int) -> Table? {
    guard bytes.count - index >= header.dataLength(timeSize: timeSize) else { return nil }
    var times: [Int] = []
    for _ in 0..<header.timeCount { times.append(integer(size: timeSize)!) }
    var types: [Int] = []
    for _ in 0..<header.timeCount {
      let type = Int(bytes[index])
      guard type < header.typeCount else { return nil }
      types.append(type)
      index += 1
    }
    var offsets: [Int] = []
    var nameStarts: [Int] = []
    for _ in 0..<header.typeCount {
      let offset = integer(size: 4)!
      guard abs(offset) < 26 * 3600 else { return nil }
      offsets.append(offset)
      nameStarts.append(Int(bytes[index + 1]))  // after the DST flag
      index += 2
    }
    guard zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
    let characters = bytes[index..<(index + header.characterCount)]
    var names: [String] = []
    for start in nameStarts {
      guard start < characters.count else { return nil }
      let text = characters.dropFirst(start).prefix { $0 != 0 }
      names.append(String(decoding: text, as: UTF8.self))
    }
    _ = skip(header.characterCount + header.leapCount * (timeSize + 4))
    _ = skip(header.standardIndicatorCount + header.utIndicatorCount)
    return Table(times: times, types: types, offsets: offsets, names: names)
  }

  /// The text between the newlines that end a version 2+ file.
  mutating func footer() -> String? {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\n") else { return nil }
    guard let end = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
    return String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
  }

  /// A big-endian two's-complement integer of `size` bytes (4 or 8).
  private mutating func integer(size: Int) -> Int? {
    guard bytes.count - index >= size else { return nil }
    var value: UInt64 = 0
    for byte in bytes[index..<(index + size)] { value = value << 8 | UInt64(byte) }
    index += size
    if size == 4 { return Int(Int32(bitPattern: UInt32(truncatingIfNeeded: value))) }
    return Int(Int64(bitPattern: value))
  }
}
