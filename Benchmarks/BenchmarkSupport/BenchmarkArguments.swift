#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A benchmark's command line, read one option at a time: what every benchmark's options
/// parser shares (values that must be there, counts with a minimum, one way to say what is
/// wrong).
package struct BenchmarkArguments {
  /// A command line the benchmark cannot run with: exit status 2, with its usage.
  package struct UsageError: Error {
    package var message: String

    package init(message: String) { self.message = message }
  }

  private var rest: ArraySlice<String>

  package init(_ arguments: [String]) { rest = arguments[...] }

  /// The next argument, or `nil` after the last.
  package mutating func next() -> String? { rest.popFirst() }

  /// The value after `option`, which must be there.
  package mutating func value(of option: String, _ kind: String = "a path") throws(UsageError) -> String {
    guard let value = rest.popFirst() else { throw UsageError(message: "'\(option)' needs \(kind)") }
    return value
  }

  /// The integer after `option`, at least `minimum`.
  package mutating func count(of option: String, minimum: Int = 1) throws(UsageError) -> Int {
    guard let text = rest.popFirst(), let value = Int(text), value >= minimum else {
      throw UsageError(message: "'\(option)' needs an integer of at least \(minimum)")
    }
    return value
  }

  /// The refusal of an argument no option takes.
  package static func unknown(_ argument: String) -> UsageError {
    UsageError(message: "unknown argument '\(argument)'")
  }

  /// Reads the command line one option at a time with `take`, which answers whether it knew
  /// the option (and may read its value from the arguments). `--help` and `-h` print `usage`
  /// and exit 0; an unknown option or a missing or wrong value prints what is wrong and the
  /// usage, and exits 2.
  package static func parse(
    _ benchmark: String, usage: String,
    _ take: (String, inout BenchmarkArguments) throws(UsageError) -> Bool
  ) {
    var arguments = BenchmarkArguments(Array(CommandLine.arguments.dropFirst()))
    do throws(UsageError) {
      while let argument = arguments.next() {
        if argument == "--help" || argument == "-h" {
          print(usage)
          exit(0)
        }
        guard try take(argument, &arguments) else { throw unknown(argument) }
      }
    } catch {
      print("\(benchmark): \(error.message)\n\(usage)")
      exit(2)
    }
  }
}
