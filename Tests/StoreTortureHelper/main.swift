import DCMCFiles
import DCMCStore
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A child process for DCMCStoreTests' multi-process tests (not a product):
///
///     StoreTortureHelper append ROOT STREAM TAG COUNT SEED PAD [split]
///         appends COUNT commands (COUNT 0: until killed) to STREAM, each of 1 to 3 JSON
///         records {"tag":TAG,"n":N,"k":K,"of":OF,"pad":"xx..."} (a quarter of the
///         commands padded with PAD/4 to PAD bytes a record, so a kill can land inside a
///         write of several pages; the others with 0 to 64), and after each one that
///         succeeded writes "N\n" to standard output. Exit status 1 on a store error.
///         With `split`, every write reaches the file as two writes with an `fdatasync`
///         between them (`SplitWrites`), so that a kill often lands between the halves and
///         leaves a torn tail on disk.
///     StoreTortureHelper hold ROOT
///         takes the store's write lock, writes "locked\n", and keeps the lock until its
///         standard input reaches end of file (or it is killed).

/// A record's JSON, keys sorted (`tag` is the test's own, with nothing to escape).
func entry(tag: String, n: Int, k: Int, of: Int, pad: String) -> [UInt8] {
  Array(#"{"k":\#(k),"n":\#(n),"of":\#(of),"pad":"\#(pad)","tag":"\#(tag)"}"#.utf8)
}

let arguments = Array(CommandLine.arguments.dropFirst())
do throws(StoreError) {
  switch arguments.first {
  case "append" where arguments.count == 7 || (arguments.count == 8 && arguments[7] == "split"):
    let store = try Store.open(at: arguments[1], fileSystem: arguments.count == 8 ? SplitWrites() : PosixFileSystem())
    let stream = try StoreID(arguments[2])
    let count = Int(arguments[4]) ?? 1
    var generator = SeededGenerator(seed: UInt64(arguments[5]) ?? 1)
    let largest = max(Int(arguments[6]) ?? 64, 64)
    var number = 1
    while count == 0 || number <= count {
      let size = Int.random(in: 1...3, using: &generator)
      let padded = Int.random(in: 0..<4, using: &generator) == 0
      let entries = (1...size).map { k in
        let pad = Int.random(in: padded ? largest / 4...largest : 0...64, using: &generator)
        return entry(tag: arguments[3], n: number, k: k, of: size, pad: String(repeating: "x", count: pad))
      }
      _ = try store.write { transaction throws(StoreError) in try transaction.append(entries, to: stream) }
      HelperOutput.say("\(number)\n")
      number += 1
    }
  case "hold" where arguments.count == 2:
    let store = try Store.open(at: arguments[1])
    try store.write { _ throws(StoreError) in
      HelperOutput.say("locked\n")
      var byte: UInt8 = 0
      while read(STDIN_FILENO, &byte, 1) > 0 {}
    }
  default:
    HelperOutput.fail("usage: StoreTortureHelper append ROOT STREAM TAG COUNT SEED PAD [split] | hold ROOT")
  }
} catch {
  HelperOutput.fail(error.description)
}
exit(0)
