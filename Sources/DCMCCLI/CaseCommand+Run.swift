import DCMCApplication
import DCMCFiles
import DCMCJSON
import DCMCRuntime

extension CaseCommand {
  /// Runs a case request on the store and prints its result.
  static func run(_ request: Request, _ options: RuntimeOptions, _ terminal: Terminal) throws(UsageError) -> Int32 {
    switch request {
    case .create(let type, let fields, let requestID, let customer, let channel):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        let state = try runtime.service.create(
          type: type, fields: fields, request: requestID, customer: customer, channel: channel, by: options.user)
        return options.json ? RuntimeOutput.text(try runtime.view(state).json) : "created " + runtime.caseText(state)
      }
    case .show(let id), .history(let id):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        try runtime.service.reading(by: options.user)
        if case .show = request {
          let state = try runtime.service.load(id)
          return options.json ? RuntimeOutput.text(try runtime.view(state).json) : runtime.caseText(state)
        }
        let events = try runtime.service.history(of: id)
        return options.json
          ? RuntimeOutput.list(events.map { RuntimeOutput.event($0, of: id) })
          : events.map { RuntimeOutput.eventText($0, of: id) }.joined(separator: "\n")
      }
    case .list(let filter):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        try runtime.service.reading(by: options.user)
        // One case more than the page tells whether a next page has any.
        var asked = filter
        asked.limit = filter.limit.map { $0 + 1 }
        let found = try runtime.service.cases(asked)
        let cases = filter.limit.map { Array(found.prefix($0)) } ?? found
        if cases.count < found.count, let last = cases.last {
          terminal.err("dcmc: more cases follow: case list ... --after \(CasePosition(last).cursor)\n")
        }
        return options.json ? try runtime.list(cases) : cases.map(runtime.caseText).joined()
      }
    case .update(let id, let fields):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        let (state, recorded) = try runtime.service.update(id, fields: fields, by: options.user)
        return try RuntimeOutput.recording(
          recorded, json: options.json ? runtime.view(state).json : nil, done: { "updated " + runtime.caseText(state) },
          already: { "case \(state.id) already has these values" })
      }
    case .change(let id, let command):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        let state = try runtime.service.execute(command, onCase: id, by: options.user)
        return options.json ? RuntimeOutput.text(try runtime.view(state).json) : runtime.caseText(state)
      }
    case .set(let id, let command):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        let (state, recorded) = try runtime.service.executeRecording(command, onCase: id, by: options.user)
        return try RuntimeOutput.recording(
          recorded, json: options.json ? runtime.view(state).json : nil, done: { runtime.caseText(state) },
          already: { "case \(state.id) already has SLA \(state.sla?.text ?? "") set" })
      }
    case .attach(let id, let path, let requestID):
      let contents: BoundedReader.Outcome
      do {
        contents = try FileIO.read(path, limit: CaseService.maximumAttachmentBytes)
      } catch {
        terminal.err("dcmc: \(error.message)\n")
        return ExitCode.usage
      }
      let name = String(path.split(separator: "/").last ?? Substring(path))
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        // A larger file is refused as the service refuses it, from its size, unread.
        let bytes: [UInt8]
        switch contents {
        case .bytes(let read): bytes = read
        case .tooLarge(let size):
          throw .refused(.attachmentTooLarge(name: name, size: size, limit: CaseService.maximumAttachmentBytes))
        }
        let runtime = try options.open()
        let request = try requestID.map { text throws(ServiceError) in
          try CommandRequest(id: text, asking: ["case attach", id, name], content: bytes)
        }
        let state = try runtime.service.attach(name: name, bytes: bytes, toCase: id, by: options.user, request: request)
        return options.json ? RuntimeOutput.text(try runtime.view(state).json) : "attached '\(name)' to \(state.id)"
      }
    case .link(let id, let interaction, let requestID):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let request = try requestID.map { text throws(ServiceError) in
          try CommandRequest(id: text, asking: ["case link", id, interaction])
        }
        let runtime = try options.open()
        let state = try runtime.service.execute(
          .link(interaction: interaction), onCase: id, by: options.user, request: request)
        return options.json ? RuntimeOutput.text(try runtime.view(state).json) : "linked \(interaction) to \(state.id)"
      }
    case .linkCustomer(let id, let customer):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        let state = try runtime.service.link(id, toCustomer: customer, by: options.user)
        let text = "linked \(state.id) to customer \(state.customer ?? customer)"
        return options.json ? RuntimeOutput.text(try runtime.view(state).json) : text
      }
    }
  }

  /// `--fields FILE` (a mapping of field to value, in JSON or YAML: `FormData`; `-` reads
  /// standard input) overridden by each `--field K=V`. Values are taken as written: the form
  /// check types them by the case type's fields.
  static func formData(_ arguments: ParsedArguments) throws(UsageError) -> [String: String] {
    let data = try arguments.value(fields).map { path throws(UsageError) in try FormData.read(path) } ?? [:]
    return data.merging(try arguments.pairs(field)) { _, given in given }
  }
}
