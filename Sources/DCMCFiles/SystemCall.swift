#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `call` until it returns a non-negative value or fails with an error other than
/// `EINTR`, which it throws as `FileError.system` with `operation` and `path`.
func retrying<Result: SignedInteger>(_ operation: String, _ path: String, _ call: () -> Result) throws(FileError)
  -> Int
{
  while true {
    let result = call()
    if result >= 0 { return Int(result) }
    let code = errno
    if code != EINTR { throw .system(operation: operation, path: path, code: code) }
  }
}

/// `syncfs(2)`, which glibc declares only under `_GNU_SOURCE`, so the `Glibc` module does not
/// export it: the C symbol, declared with its C signature (`int syncfs(int)`).
@_silgen_name("syncfs")
func syncfs(_ descriptor: Int32) -> Int32
