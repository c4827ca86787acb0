extension Pattern {
  /// The Pike VM: all threads advance together, one scalar at a time; a state reached twice
  /// at one position is kept once, so each position costs at most O(m).
  func run(_ text: String) -> (matched: Bool, steps: Int) {
    let scalars = text.unicodeScalars.map(\.value)
    var current = ThreadList(size: program.count)
    var next = ThreadList(size: program.count)
    var steps = 0
    for position in 0...scalars.count {
      let previous = position > 0 ? scalars[position - 1] : nil
      let scalar = position < scalars.count ? scalars[position] : nil
      // Unanchored search: a new thread starts at every position.
      add(0, to: &current, previous: previous, next: scalar, steps: &steps)
      next.clear()
      for pc in current.states {
        steps += 1
        switch program[pc] {
        case .match: return (true, steps)
        case .scalar(let set):
          if let scalar, set.contains(scalar) {
            let following = position + 1 < scalars.count ? scalars[position + 1] : nil
            add(pc + 1, to: &next, previous: scalar, next: following, steps: &steps)
          }
        case .split, .jump, .assertion: break
        }
      }
      swap(&current, &next)
      if current.states.isEmpty && position < scalars.count && isAnchoredAtStart { return (false, steps) }
    }
    return (false, steps)
  }

  /// Whether every match must start at position 0, so matching can stop once no thread is left.
  private var isAnchoredAtStart: Bool { program.first == .assertion(.start) }

  /// Adds `pc` and everything reachable from it without consuming a scalar, following splits,
  /// jumps and the assertions that hold between `previous` and `next`.
  private func add(_ pc: Int, to list: inout ThreadList, previous: UInt32?, next: UInt32?, steps: inout Int) {
    var stack = [pc]
    while let pc = stack.popLast() {
      steps += 1
      guard list.insert(pc) else { continue }
      switch program[pc] {
      case .jump(let target): stack.append(target)
      case .split(let first, let second): stack.append(contentsOf: [second, first])
      case .assertion(let assertion):
        if assertion.holds(previous: previous, next: next) { stack.append(pc + 1) }
      case .scalar, .match: break
      }
    }
  }
}

/// A sparse set of program counters in insertion order, cleared in O(1).
struct ThreadList {
  private(set) var states: [Int] = []
  private var marks: [Int]
  private var generation = 0

  init(size: Int) { marks = Array(repeating: -1, count: size) }

  /// Inserts `pc`; `false` when it was already there.
  mutating func insert(_ pc: Int) -> Bool {
    if marks[pc] == generation { return false }
    marks[pc] = generation
    states.append(pc)
    return true
  }

  mutating func clear() {
    states.removeAll(keepingCapacity: true)
    generation += 1
  }
}
