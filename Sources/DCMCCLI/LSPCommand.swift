import DCMCFiles
import DCMCJSON
import DCMCLanguageServer
import DCMCSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `dcmc lsp [--strict]`: the language server on standard input and output.
enum LSPCommand {
  static let strict = OptionSpec.flag("--strict", "publish warnings as errors")

  static let spec = CommandSpec(
    "lsp", summary: "serve the Language Server Protocol on standard input and output",
    exitStatus: """
      Exit status: 0 after shutdown and exit, 1 when the client exits without shutdown or input
      ends, 2 when an answer cannot be written to standard output (the client went away).
      """,
    action: ActionSpec(
      "", "serve the Language Server Protocol on standard input and output",
      details: """
        Speaks LSP 3.17 over standard input and output for an editor: the diagnostics of
        'dcmc validate' as you type, hover, go to definition, references, symbols, rename
        and fix-its as quick fixes. The
        workspace is the root's definitions/ folder (or the root when it has none) with the
        documents open in the editor. See docs/editors.md.
        """,
      options: [strict]
    ) { arguments, terminal in
      run(strict: arguments.has(strict), terminal)
    })

  /// Reads frames until `exit`, the end of input or an answer that cannot be written,
  /// answering each and publishing the diagnostics once no more input is waiting.
  ///
  /// A client that went away makes the write fail with `EPIPE` (SIGPIPE is ignored, so that
  /// the server says why it stops rather than dying of the signal); the server stops reading
  /// and `Terminal.exitStatus` turns the lost output into status 2 and one line on standard
  /// error.
  static func run(strict: Bool, _ terminal: Terminal) -> Int32 {
    signal(SIGPIPE, SIG_IGN)
    terminal.outputIsForAClient()
    var server = LanguageServer(folder: DiskFolder(), strict: strict, version: DCMC.version)
    var reader = FrameReader()
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { return 1 }
      reader.append(chunk[..<count])
      while let frame = reader.next() {
        guard send(server.receive(frame), terminal) else { return ExitCode.usage }
        if case .exited(let code) = server.phase { return code }
      }
      if !inputWaiting(), !send(server.publishDiagnostics(), terminal) { return ExitCode.usage }
    }
  }

  /// Whether standard input has bytes to read now: edits typed in a burst are all applied
  /// before the workspace is checked once.
  private static func inputWaiting() -> Bool {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0) > 0
  }

  /// Writes each message as a frame; whether all were written.
  private static func send(_ messages: [JSONValue], _ terminal: Terminal) -> Bool {
    for message in messages { terminal.out(FrameReader.frame(message.compact())) }
    return !terminal.outputFailed
  }
}

/// The definitions folder on this machine's disk, found as `dcmc validate` finds files.
struct DiskFolder: DefinitionsFolder {
  func files(under root: String) -> FolderListing {
    let found = SourceCollector.readableFiles(under: root)
    return FolderListing(files: found.files, unreadable: found.unreadable)
  }

  func read(_ path: String) -> FileContent? {
    switch try? BoundedReader.read(path: path, limit: ReaderLimits.standard.maxFileBytes) {
    case .bytes(let bytes)?: .bytes(bytes)
    case .tooLarge?: .tooLarge
    case nil: nil
    }
  }
}
