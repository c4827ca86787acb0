/// One instruction of a compiled pattern (Thompson's construction, in Pike VM form).
enum PatternInstruction: Sendable, Equatable {
  /// Consumes one scalar in the set.
  case scalar(ScalarSet)
  /// Continues at both targets.
  case split(Int, Int)
  case jump(Int)
  /// Continues at the next instruction if the assertion holds at the current position.
  case assertion(PatternAssertion)
  case match
}

/// Turns a `PatternNode` into instructions, expanding counted repetitions.
struct PatternCompiler {
  private(set) var program: [PatternInstruction] = []

  mutating func append(_ instruction: PatternInstruction) { program.append(instruction) }

  mutating func emit(_ node: PatternNode) throws(PatternError) {
    guard program.count <= Pattern.maximumSize else {
      throw .tooLarge("pattern compiles to more than \(Pattern.maximumSize) states")
    }
    switch node {
    case .empty: break
    case .scalar(let set): append(.scalar(set))
    case .assertion(let assertion): append(.assertion(assertion))
    case .concatenation(let items):
      for item in items { try emit(item) }
    case .alternation(let branches):
      var jumps: [Int] = []
      for (offset, branch) in branches.enumerated() {
        if offset == branches.count - 1 {
          try emit(branch)
        } else {
          let split = program.count
          append(.split(split + 1, -1))
          try emit(branch)
          jumps.append(program.count)
          append(.jump(-1))
          program[split] = .split(split + 1, program.count)
        }
      }
      for jump in jumps { program[jump] = .jump(program.count) }
    case .repetition(let inner, let minimum, let maximum):
      try emitRepetition(inner, minimum: minimum, maximum: maximum)
    }
  }

  private mutating func emitRepetition(_ inner: PatternNode, minimum: Int, maximum: Int?) throws(PatternError) {
    for _ in 0..<minimum { try emit(inner) }
    guard let maximum else {
      let split = program.count
      append(.split(split + 1, -1))
      try emit(inner)
      append(.jump(split))
      program[split] = .split(split + 1, program.count)
      return
    }
    var splits: [Int] = []
    for _ in minimum..<maximum {
      splits.append(program.count)
      append(.split(program.count + 1, -1))
      try emit(inner)
    }
    for split in splits { program[split] = .split(split + 1, program.count) }
  }
}
