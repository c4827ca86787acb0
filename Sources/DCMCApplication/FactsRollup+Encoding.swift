import DCMCCalendar

/// The encoding of a `FactsRollup`, the one both stores keep a day's rollup in: the body of
/// the file store's rollup files (`RollupFile`, `docs/store.md`, "Report facts") and the
/// `rollup` column of PostgreSQL's `dcmc_fact_rollups` (`docs/postgres.md`, "Rollups").
///
/// `from`, the groups, the tasks, with integers as LEB128 varints (signed ones zigzag),
/// ascending lists as their first value and then differences, texts as their UTF-8 length
/// plus one (0 for none) and their bytes. What the rollup covers, and a checksum, are the
/// store's to add around it.
extension FactsRollup {
  /// Appends the encoding to `bytes`.
  package func encode(into bytes: inout [UInt8]) {
    var writer = Writer()
    swap(&writer.bytes, &bytes)
    defer { swap(&writer.bytes, &bytes) }
    writer.signed(from.secondsSinceEpoch)
    let groups = groups.sorted { "\($0.key)" < "\($1.key)" }
    writer.unsigned(groups.count)
    for (group, figures) in groups {
      writer.group(group)
      writer.unsigned(Int(figures.count))
      writer.signed(Int(figures.seconds))
      writer.ascending(figures.durations)
      writer.unsigned(figures.spans.count)
      for span in figures.spans {
        writer.signed(span.since.secondsSinceEpoch)
        writer.signed(span.at.secondsSinceEpoch - span.since.secondsSinceEpoch)
      }
      writer.unsigned(figures.cases.count)
      for subject in figures.cases { writer.text(subject) }
      writer.ascending(figures.handleTimes)
    }
    writer.unsigned(tasks.count)
    for task in tasks {
      writer.text(task.task)
      writer.text(task.type)
      let seconds = task.seconds.sorted { $0.key < $1.key }
      writer.unsigned(seconds.count)
      for (target, value) in seconds {
        writer.text(target)
        writer.signed(Int(value))
      }
      writer.unsigned(task.end == nil ? 0 : 1)
      if let end = task.end { writer.group(end) }
    }
  }

  /// The encoding alone.
  package var encoded: [UInt8] {
    var bytes: [UInt8] = []
    encode(into: &bytes)
    return bytes
  }

  /// The rollup encoded in `bytes[offset..<end]`, all of them; `nil` when they are not one.
  /// Every read checks its bounds: bad bytes give `nil`, never a trap.
  package init?(encoded bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
    let end = end ?? bytes.count
    guard 0 <= offset, offset <= end, end <= bytes.count else { return nil }
    var reader = Reader(bytes: bytes, offset: offset, end: end)
    guard let rollup = reader.rollup(), reader.offset == end else { return nil }
    self = rollup
  }
}

extension FactsRollup {
  fileprivate struct Writer {
    var bytes: [UInt8] = []

    mutating func unsigned(_ value: Int) {
      var rest = UInt64(bitPattern: Int64(value))
      while rest >= 0x80 {
        bytes.append(UInt8(rest & 0x7F) | 0x80)
        rest >>= 7
      }
      bytes.append(UInt8(rest))
    }

    mutating func signed(_ value: Int) { unsigned(Int(bitPattern: UInt((value << 1) ^ (value >> 63)))) }

    mutating func text(_ value: String?) {
      guard let value else { return unsigned(0) }
      let utf8 = Array(value.utf8)
      unsigned(utf8.count + 1)
      bytes += utf8
    }

    mutating func ascending(_ values: [Int64]) {
      unsigned(values.count)
      var previous: Int64 = 0
      for value in values {
        signed(Int(value - previous))
        previous = value
      }
    }

    mutating func group(_ group: FactsRollup.Group) {
      text(group.kind.rawValue)
      for value in [group.type, group.definition, group.target, group.user, group.state, group.reason, group.subject] {
        text(value)
      }
      unsigned((group.isTask ? 1 : 0) | (group.met == nil ? 0 : group.met == true ? 2 : 4))
    }
  }
}

extension FactsRollup {
  /// Reads a body back; every read checks its bounds, so bad bytes give `nil`, never a trap.
  fileprivate struct Reader {
    let bytes: [UInt8]
    var offset: Int
    let end: Int

    mutating func unsigned() -> Int? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while offset < end, shift < 64 {
        let byte = bytes[offset]
        offset += 1
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return Int(bitPattern: UInt(value)) }
        shift += 7
      }
      return nil
    }

    mutating func signed() -> Int? {
      guard let raw = unsigned() else { return nil }
      let bits = UInt(bitPattern: raw)
      return Int(bitPattern: bits >> 1) ^ -Int(bitPattern: bits & 1)
    }

    /// How many items follow, refused when the bytes left cannot hold them (one byte each at least).
    mutating func count() -> Int? {
      guard let count = unsigned(), count >= 0, count <= end - offset else { return nil }
      return count
    }

    /// A text, or `.some(nil)` for none; `nil` for bad bytes.
    mutating func text() -> String?? {
      guard let length = unsigned(), length >= 0, length <= end - offset + 1 else { return nil }
      guard length > 0 else { return .some(nil) }
      let text = String(decoding: bytes[offset..<offset + length - 1], as: UTF8.self)
      offset += length - 1
      return .some(text)
    }

    mutating func ascending() -> [Int64]? {
      guard let count = count() else { return nil }
      var values: [Int64] = []
      values.reserveCapacity(count)
      var previous: Int64 = 0
      for _ in 0..<count {
        guard let step = signed() else { return nil }
        let (value, overflow) = previous.addingReportingOverflow(Int64(step))
        guard !overflow, value >= previous || values.isEmpty else { return nil }
        values.append(value)
        previous = value
      }
      return values
    }

    mutating func group() -> FactsRollup.Group? {
      guard let kindName = text(), let kind = kindName.flatMap(ReportFact.Kind.init(rawValue:)) else { return nil }
      var texts: [String?] = []
      for _ in 0..<7 {
        guard let value = text() else { return nil }
        texts.append(value)
      }
      guard let flags = unsigned(), (0...5).contains(flags), flags & 6 != 6 else { return nil }
      return FactsRollup.Group(
        kind, type: texts[0], isTask: flags & 1 != 0, definition: texts[1], target: texts[2], user: texts[3],
        state: texts[4], reason: texts[5], met: flags & 2 != 0 ? true : flags & 4 != 0 ? false : nil,
        subject: texts[6])
    }

    mutating func figures() -> FactsRollup.Figures? {
      guard let count = unsigned(), let seconds = signed(), let durations = ascending(), let spanCount = self.count()
      else { return nil }
      var figures = FactsRollup.Figures(count: Int64(count), seconds: Int64(seconds), durations: durations)
      for _ in 0..<spanCount {
        guard let since = signed(), let length = signed() else { return nil }
        let (at, overflow) = since.addingReportingOverflow(length)
        guard !overflow else { return nil }
        figures.spans.append(FactsRollup.Span(since: Instant(secondsSinceEpoch: since), at: Instant(secondsSinceEpoch: at)))
      }
      guard let caseCount = self.count() else { return nil }
      for _ in 0..<caseCount {
        guard let subject = text(), let subject else { return nil }
        figures.cases.append(subject)
      }
      guard let handleTimes = ascending() else { return nil }
      figures.handleTimes = handleTimes
      return figures
    }

    mutating func rollup() -> FactsRollup? {
      guard let from = signed(), let groupCount = count() else { return nil }
      var groups: [FactsRollup.Group: FactsRollup.Figures] = [:]
      for _ in 0..<groupCount {
        guard let group = group(), groups[group] == nil, let figures = figures() else { return nil }
        groups[group] = figures
      }
      guard let taskCount = count() else { return nil }
      var tasks: [FactsRollup.Handling] = []
      for _ in 0..<taskCount {
        guard let task = text(), let task, let type = text(), let stays = count() else { return nil }
        var seconds: [String: Int64] = [:]
        for _ in 0..<stays {
          guard let target = text(), let target, let value = signed() else { return nil }
          seconds[target] = Int64(value)
        }
        guard let hasEnd = unsigned(), hasEnd <= 1 else { return nil }
        var end: FactsRollup.Group?
        if hasEnd == 1 {
          guard let group = group() else { return nil }
          end = group
        }
        tasks.append(FactsRollup.Handling(task: task, type: type, seconds: seconds, end: end))
      }
      return FactsRollup(from: Instant(secondsSinceEpoch: from), groups: groups, tasks: tasks)
    }
  }
}
