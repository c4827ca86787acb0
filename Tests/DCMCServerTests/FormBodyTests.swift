import DCMCServer
import Testing
import _DCMCTestSupport

/// The forms' body readers on what a hostile client sends: every malformed body is refused
/// with a reason, none traps, and well-formed ones read as browsers write them.
@Suite struct FormBodyTests {
  let multipart = "multipart/form-data; boundary=XyZ"

  func body(_ text: String) -> [UInt8] { Array(text.replacing("\n", with: "\r\n").utf8) }

  @Test func aMultipartBodyReadsItsFieldsAndFilesAsBrowsersWriteThem() throws {
    let form = try FormBody(
      body(
        """
        --XyZ
        Content-Disposition: form-data; name="Customer_Name"

        Jane "JD" Doe
        --XyZ
        Content-Disposition: form-data; name="attachments"; filename="C:\\\\scans\\\\a%22b.pdf"
        Content-Type: application/pdf

        %PDF
        --XyZ
        Content-Disposition: form-data; name="attachments"; filename=""
        Content-Type: application/octet-stream


        --XyZ--

        """), contentType: multipart)
    #expect(form.fields == ["Customer_Name": "Jane \"JD\" Doe"])
    #expect(form.files == [FormBody.File(field: "attachments", name: "a\"b.pdf", bytes: Array("%PDF".utf8))])
  }

  @Test func anURLEncodedBodyDecodesPlusAndPercentAndKeepsTheFirstOfARepeatedName() throws {
    let form = try FormBody(
      Array("a=1+2%2B3&b=%C3%A9&a=second&c".utf8), contentType: "application/x-www-form-urlencoded")
    #expect(form.fields == ["a": "1 2+3", "b": "é", "c": ""])
  }

  @Test(arguments: [
    ("", "multipart/form-data"),
    ("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "multipart/form-data; boundary=XyZ"),
    ("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nno blank line", "multipart/form-data; boundary=XyZ"),
    ("--XyZ\r\nContent-Disposition: attachment\r\n\r\nx\r\n--XyZ--", "multipart/form-data; boundary=XyZ"),
    ("--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--", "multipart/form-data; boundary=XyZ"),
    ("preamble--XyZ--", "multipart/form-data; boundary=XyZ"),
    ("--XyZjunk", "multipart/form-data; boundary=XyZ"),
    ("--XyZ", "multipart/form-data; boundary=XyZ"),
    ("--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--", "multipart/form-data; boundary=XyZ"),
    ("a=%zz", "application/x-www-form-urlencoded"), ("a=%C3", "application/x-www-form-urlencoded"),
    ("a=%", "application/x-www-form-urlencoded"), ("a=1", "text/plain"), ("a=1", ""),
  ])
  func malformedBodiesAreRefused(_ text: String, _ type: String) {
    #expect(throws: FormBody.Refusal.self) { try FormBody(Array(text.utf8), contentType: type) }
  }

  @Test func tooManyPartsTooLongHeadersAndTooLongFieldsAreRefused() {
    let part = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n"
    #expect(throws: FormBody.Refusal.self) {
      try FormBody(Array((String(repeating: part, count: 65) + "--XyZ--").utf8), contentType: multipart)
    }
    let header = "--XyZ\r\nX-Padding: \(String(repeating: "a", count: 9000))\r\n\r\nx\r\n--XyZ--"
    #expect(throws: FormBody.Refusal.self) { try FormBody(Array(header.utf8), contentType: multipart) }
    let long = "a=" + String(repeating: "b", count: FormBody.maximumFieldBytes + 1)
    #expect(throws: FormBody.Refusal.self) {
      try FormBody(Array(long.utf8), contentType: "application/x-www-form-urlencoded")
    }
  }

  @Test func randomBytesAndCutBodiesNeverTrap() {
    var generator = SeededGenerator(seed: 19)
    let valid = body(
      """
      --XyZ
      Content-Disposition: form-data; name="a"; filename="x\\"y.pdf"

      bytes
      --XyZ--
      """)
    for length in 0...valid.count { _ = try? FormBody(Array(valid.prefix(length)), contentType: multipart) }
    for _ in 0..<2000 {
      var bytes = valid
      for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
      _ = try? FormBody(bytes, contentType: multipart)
      let noise = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in
        [UInt8(ascii: "-"), UInt8(ascii: "X"), 13, 10, UInt8(ascii: "%"), UInt8.random(in: 0...255, using: &generator)]
          .randomElement(using: &generator)!
      }
      _ = try? FormBody(noise, contentType: multipart)
      _ = try? FormBody(noise, contentType: "application/x-www-form-urlencoded")
    }
  }
}
