import DCMCJSON
import DCMCLanguageServer
import Testing

/// The life cycle and JSON-RPC errors: the server answers every request, and malformed or
/// unknown input leaves it running.
@Suite struct LanguageServerProtocolTests {
  @Test func aRequestBeforeInitializeIsRefusedAsNotInitialized() {
    var session = LanguageServerSession()
    #expect(session.request("textDocument/hover", LanguageServerSession.at(LanguageServerSession.claimsURI, 0, 0))["error"]?["code"]?.intValue == -32002)
  }

  @Test func initializeStatesTheCapabilitiesAndIncrementalSync() {
    var session = LanguageServerSession()
    let result = session.request("initialize", "{\"rootUri\":\"file:///ws\",\"capabilities\":{}}")["result"]
    let capabilities = result?["capabilities"]
    #expect(capabilities?["textDocumentSync"]?["change"]?.intValue == 2)
    #expect(capabilities?["positionEncoding"]?.stringValue == "utf-16")
    #expect(result?["serverInfo"]?["name"]?.stringValue == "dcmc")
  }

  @Test func anUnknownMethodIsMethodNotFoundAndTheServerKeepsAnswering() {
    var session = LanguageServerSession()
    _ = session.start()
    #expect(session.request("dcmc/nothing")["error"]?["code"]?.intValue == -32601)
    #expect(session.notify("$/cancelRequest", "{\"id\":1}").isEmpty)
    #expect(session.request("shutdown")["result"]?.isNull == true)
  }

  @Test(arguments: [
    "{\"jsonrpc\":\"2.0\",\"id\":1,", "[1, 2]", "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"shutdown\"}",
  ])
  func malformedMessagesAreAnsweredWithAnErrorAndTheServerKeepsRunning(body: String) {
    var session = LanguageServerSession()
    _ = session.start()
    let answers = session.send(body)
    #expect(answers.count == 1)
    #expect(answers.first?["error"]?["code"]?.intValue ?? 0 < 0)
    #expect(session.request("shutdown")["result"]?.isNull == true)
  }

  @Test func aBodyWithInvalidUTF8IsAParseError() {
    var session = LanguageServerSession()
    _ = session.start()
    let body = Array("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"text\":\"".utf8) + [0xC3, 0x28]
      + Array("\"}}".utf8)
    let answers = session.server.receive(.body(body))
    #expect(answers.first?["error"]?["code"]?.intValue == -32700)
    #expect(session.request("shutdown")["result"]?.isNull == true)
  }

  @Test func aMalformedFrameIsAParseErrorWithANullID() {
    var session = LanguageServerSession()
    let answer = session.server.receive(.malformed("header without a content-length"))
    #expect(answer.first?["error"]?["code"]?.intValue == -32700)
    #expect(answer.first?["id"]?.isNull == true)
  }

  @Test func requestsAfterShutdownAreInvalidAndExitEndsWithZero() {
    var session = LanguageServerSession()
    _ = session.start()
    _ = session.request("shutdown")
    #expect(session.request("textDocument/hover", LanguageServerSession.at(LanguageServerSession.claimsURI, 0, 0))["error"]?["code"]?.intValue == -32600)
    _ = session.notify("exit")
    #expect(session.server.phase == .exited(0))
  }

  @Test func exitWithoutShutdownEndsWithOne() {
    var session = LanguageServerSession()
    _ = session.start()
    _ = session.notify("exit")
    #expect(session.server.phase == .exited(1))
  }
}
